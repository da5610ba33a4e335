// Which assessments a figure counts: official (approved only) or provisional (also verified and
// submitted). Every dashboard figure states its level. Pure.
import type { Status } from './workflow';

export const DATA_LEVELS = ['official', 'provisional'] as const;
export type DataLevel = (typeof DATA_LEVELS)[number];

export const DEFAULT_DATA_LEVEL: DataLevel = 'official';

/** The level a query parameter names; the default for anything else. */
export function parseDataLevel(value: string | null | undefined): DataLevel {
	return DATA_LEVELS.find((level) => level === value) ?? DEFAULT_DATA_LEVEL;
}

/** The assessment statuses a level counts. */
export function statusesOf(level: DataLevel): Status[] {
	return level === 'official' ? ['approved'] : ['submitted', 'verified', 'approved'];
}

/** The units a level counts as recognised: the official standing, or also the eligible awaiting. */
export function countedRecognised(
	figures: { recognised: number; awaiting: number },
	level: DataLevel
): number {
	return level === 'official' ? figures.recognised : figures.recognised + figures.awaiting;
}
