// The criteria sets a period names, one per audience (period_criteria_sets): what the forms offer,
// what they name, and the revision a period's form was read at.
import type { Kysely } from 'kysely';
import { AUDIENCES, audiencesOf, type Audience } from '../../domain/audiences';
import { versionField, type PlanInput } from '../../domain/period-plan';
import type { Database } from '../db/schema';
import { InvalidInput } from '../failure';
import { findPublishedVersion, listPublishedVersions } from './repository';

type Db = Kysely<Database>;

/** The set a period scores an audience against. */
export interface PeriodSet {
	audience: Audience;
	criteria_set_id: number;
	version: number;
}

/**
 * What a period's edit form was read at: its closing time and the set each audience is scored
 * against, so that a form read before another administrator's change cannot undo it.
 */
export function periodRevision(
	period: { closes_at: Date | string },
	sets: readonly Pick<PeriodSet, 'audience' | 'criteria_set_id'>[]
) {
	const named = sets
		.map((set) => `${set.audience}:${set.criteria_set_id}`)
		.sort()
		.join(',');
	return `${new Date(period.closes_at).toISOString()}|${named}`;
}

/** The version numbers each audience's periods may name: published ones, newest first. */
export async function publishedVersionNumbers(
	db: Db,
	campaignId: number
): Promise<Partial<Record<Audience, number[]>>> {
	const versions: Partial<Record<Audience, number[]>> = {};
	for (const set of await listPublishedVersions(db, campaignId)) {
		(versions[set.audience] ??= []).push(set.version);
	}
	return versions;
}

/** A period's sets in the order of AUDIENCES: communes, wards and townships first. */
export const periodSets = (rows: readonly PeriodSet[]): PeriodSet[] =>
	rows
		.map((row) => ({
			audience: row.audience,
			criteria_set_id: row.criteria_set_id,
			version: row.version
		}))
		.sort((a, b) => AUDIENCES.indexOf(a.audience) - AUDIENCES.indexOf(b.audience));

/**
 * The audiences a period's form names a version for: those the campaign needs, the period's own
 * set's first (it cannot be left without one), then any other the period still names.
 */
export function periodAudiences(
	kinds: readonly string[],
	sets: readonly Pick<PeriodSet, 'audience'>[]
): Audience[] {
	const needed = audiencesOf(kinds);
	return [...needed, ...sets.map((set) => set.audience).filter((a) => !needed.includes(a))];
}

/**
 * The published set of each audience a form names a version for, in the audiences' order; an
 * audience left without one is skipped. Refused, field by field, when a version is not published.
 */
export async function publishedSets(
	db: Db,
	campaignId: number,
	audiences: readonly Audience[],
	versions: PlanInput['versions']
) {
	const errors: Record<string, string> = {};
	const sets = [];
	for (const audience of audiences) {
		const version = versions[audience];
		if (version === null || version === undefined) continue;
		const set = await findPublishedVersion(db, campaignId, audience, version);
		if (set) sets.push(set);
		else errors[versionField(audience)] = 'version_unpublished';
	}
	if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
	return sets;
}
