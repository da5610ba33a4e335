// The reference data shipped with the project: Nghệ An's units (2023) and the sample campaigns.
import { readFileSync } from 'node:fs';
import { parseCsvRecords } from '../../src/lib/domain/csv';
import type { Comparator, CriterionType, Rating } from '../../src/lib/domain/scoring';
import type { UnitKind } from '../../src/lib/domain/vocabulary';

const dataFile = (name: string) => new URL(`./data/${name}`, import.meta.url);

export interface UnitRecord {
	code: string;
	name: string;
	typeVi: string;
	kind: UnitKind;
	parentCode: string | null;
	level: number;
}

/** Criterion as written in the campaign files (`campaigns/*.json`). */
export interface CriterionDefinition {
	code: string;
	title_vi: string;
	title_en: string;
	type: CriterionType;
	comparator?: Comparator;
	target?: number | Rating;
	points: number;
	mandatory: boolean;
	evidence_required?: boolean;
	guidance_vi?: string;
	guidance_en?: string;
}

export interface CampaignDefinition {
	code: string;
	name_vi: string;
	name_en: string;
	source_vi?: string;
	note?: string;
	applies_to: UnitKind[];
	start_date: string;
	target_date: string;
	target_share: number;
	recognition: { min_score: number; all_mandatory: boolean };
	district_recognition?: { min_share_recognized: number };
	roadmap: { year: number; share: number }[];
	groups: {
		code: string;
		name_vi: string;
		name_en: string;
		criteria: CriterionDefinition[];
	}[];
}

export function loadNgheAnUnits(): UnitRecord[] {
	return parseCsvRecords(readFileSync(dataFile('units-2023.csv'), 'utf8')).map((row) => ({
		code: row.code,
		name: row.name,
		typeVi: row.type_vi,
		kind: row.kind as UnitKind,
		parentCode: row.parent_code || null,
		level: Number(row.level)
	}));
}

export const SAMPLE_CAMPAIGN_FILES = ['model-ward-police.json', 'security-movement.json'];

export function loadSampleCampaigns(): CampaignDefinition[] {
	return SAMPLE_CAMPAIGN_FILES.map(
		(file) => JSON.parse(readFileSync(dataFile(`campaigns/${file}`), 'utf8')) as CampaignDefinition
	);
}
