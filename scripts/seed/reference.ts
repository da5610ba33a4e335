// The reference data shipped with the project: Nghệ An's registry (2023, 01/03/2025), the two 2025
// changes to it, and the sample campaigns.
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

/** A registry file of `data/`: the units of 2023 (the default) or of 01/03/2025. */
export function loadNgheAnUnits(file = 'units-2023.csv'): UnitRecord[] {
	return parseCsvRecords(readDataFile(file)).map((row) => ({
		code: row.code,
		name: row.name,
		typeVi: row.type_vi,
		kind: row.kind as UnitKind,
		parentCode: row.parent_code || null,
		level: Number(row.level)
	}));
}

/** A data file's text, as shipped (its bytes are what a reorganisation recognises). */
export function readDataFile(name: string): string {
	return readFileSync(dataFile(name), 'utf8');
}

/** The registry's changes, in the order they took effect: each file with its first day. */
export const REGISTRY_CHANGES = [
	{ file: 'changes-2025-01-01.csv', effectiveOn: '2025-01-01' },
	{ file: 'reorganisation-2025-07-01.csv', effectiveOn: '2025-07-01' }
] as const;

/** A row of `reorganisation-2025-07-01.csv`: one old unit going (in full or in part) into a new one. */
export interface MappingRecord {
	newCode: string;
	newName: string;
	oldCode: string;
	part: 'full' | 'partial';
}

export function loadMapping(file = 'reorganisation-2025-07-01.csv'): MappingRecord[] {
	return parseCsvRecords(readDataFile(file)).map((row) => ({
		newCode: row.new_code,
		newName: row.new_name,
		oldCode: row.old_code,
		part: row.part === 'partial' ? 'partial' : 'full'
	}));
}

export const SAMPLE_CAMPAIGN_FILES = ['model-ward-police.json', 'security-movement.json'];

export function loadSampleCampaigns(): CampaignDefinition[] {
	return SAMPLE_CAMPAIGN_FILES.map(
		(file) => JSON.parse(readFileSync(dataFile(`campaigns/${file}`), 'utf8')) as CampaignDefinition
	);
}
