// The reference data shipped with the project: Nghệ An's units (2023) and the sample campaigns.
import { readFileSync } from 'node:fs';
import { parseCsvRecords } from '../../src/lib/domain/csv';
import type { CampaignFileHead, GroupJson } from '../../src/lib/domain/campaign-file';
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

/** A campaign file (`data/campaigns/*.json`): the campaign's own fields around its criteria. */
export interface CampaignDefinition extends CampaignFileHead {
	applies_to: UnitKind[];
	groups: GroupJson[];
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
