// Shared ground for the assessment and evidence integration tests: the seeded demo, the places
// (unit × CAP-DHKM × period) the tests work on, and checks of what the database holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import {
	isEligible,
	isMet,
	scoreAssessment,
	type CriterionValue
} from '../../../src/lib/domain/scoring';
import {
	findExtension,
	findPeriodByLabel,
	listCriteria,
	type AssessmentPlace,
	type CriterionRow
} from '../../../src/lib/server/assessments/repository';
import {
	saveDraft,
	type Actor,
	type DraftInput
} from '../../../src/lib/server/assessments/service';
import {
	transitionAssessment,
	type TransitionInput
} from '../../../src/lib/server/assessments/transitions';
import type { AssessmentView } from '../../../src/lib/server/assessments/view';
import type { Campaign, Database } from '../../../src/lib/server/db/schema';
import type { EvidenceStore } from '../../../src/lib/server/evidence/content';
import { currentHolderFirst } from '../../../src/lib/server/units/repository';
import { databaseStore } from '../../../src/lib/server/evidence/database-store';
import { fileStore } from '../../../src/lib/server/evidence/file-store';
import { createSeededDatabase, SEED_NOW } from './fixtures';

/** What every helper works on; set by openAssessmentDatabase in a file's beforeAll. */
export const ctx = {} as {
	db: Kysely<Database>;
	campaign: Campaign;
	criteria: CriterionRow[];
	/** Where evidence content goes: the database on PostgreSQL, a temporary folder on PGlite. */
	storage: EvidenceStore;
	/** The temporary folder (empty when the database holds the content). */
	storageRoot: string;
};

/**
 * The seeded demo with CAP-DHKM as the campaign, and the evidence store the app would use on this
 * database (as DATABASE_URL chooses it); drop() removes both.
 */
export async function openAssessmentDatabase() {
	const test = await createSeededDatabase();
	ctx.db = test.db;
	ctx.storageRoot = mkdtempSync(path.join(tmpdir(), 'kieumau-assessments-'));
	ctx.storage = test.kind === 'postgres' ? databaseStore() : fileStore(ctx.storageRoot);
	ctx.campaign = await test.db
		.selectFrom('campaigns')
		.selectAll()
		.where('code', '=', 'CAP-DHKM')
		.executeTakeFirstOrThrow();
	ctx.criteria = await listCriteria(test.db, (await placeOf('16681')).period.criteria_set_id);
	return {
		async drop() {
			await test.drop();
			rmSync(ctx.storageRoot, { recursive: true, force: true });
		}
	};
}

/** The criteria of an assessment view, in reading order. */
export function rows(view: AssessmentView) {
	return view.groups.flatMap((group) => group.criteria);
}

/** Minutes after SEED_NOW: every call gets its own "now", so each stamp names the call behind it. */
export const at = (minutes: number) => new Date(SEED_NOW.getTime() + minutes * 60_000);

/** Every criterion of CAP-DHKM answered and met, typed the way a Vietnamese officer types. */
export const COMPLETE: Record<string, string> = {
	'1.1': 'yes',
	'1.2': 'yes',
	'1.3': '95,5',
	'1.4': '100',
	'1.5': '100',
	'1.6': 'good',
	'2.1': 'yes',
	'2.2': 'yes',
	'2.3': '-12,5',
	'2.4': '100',
	'2.5': 'yes',
	'2.6': '-3',
	'3.1': 'good',
	'3.2': '85',
	'3.3': '92,25',
	'4.1': '100',
	'4.2': '12',
	'4.3': 'yes',
	'4.4': '15',
	'5.1': '91',
	'5.2': '100',
	'5.3': 'yes',
	'5.4': '95'
};

export function actorNamed(username: string): Promise<Actor> {
	return ctx.db
		.selectFrom('users')
		.select(['id', 'username', 'role'])
		.where('username', '=', username)
		.executeTakeFirstOrThrow();
}

export async function placeOf(unitCode: string, label = '2026-Q4'): Promise<AssessmentPlace> {
	const unit = await ctx.db
		.selectFrom('units')
		.selectAll()
		.where('code', '=', unitCode)
		// A reused code names its current holder: the active unit, else the one retired last.
		.orderBy(currentHolderFirst)
		.limit(1)
		.executeTakeFirstOrThrow();
	const period = (await findPeriodByLabel(ctx.db, ctx.campaign.id, label))!;
	return {
		campaign: ctx.campaign,
		unit,
		period,
		extensionUntil: await findExtension(ctx.db, period.id, unit.id)
	};
}

/**
 * The unit's 2026-Q4 place with its seeded assessment removed (results, evidence and comments
 * cascade), and with `recognitions` every recognition of the unit in the campaign too.
 */
export async function freshPlace(unitCode: string, { recognitions = false } = {}) {
	const place = await placeOf(unitCode);
	const seeded = ctx.db
		.selectFrom('assessments')
		.select('id')
		.where('unit_id', '=', place.unit.id)
		.where('campaign_id', '=', ctx.campaign.id)
		.where('period_id', '=', place.period.id);
	let granted = ctx.db
		.deleteFrom('recognitions')
		.where('unit_id', '=', place.unit.id)
		.where('campaign_id', '=', ctx.campaign.id);
	if (!recognitions) granted = granted.where('assessment_id', 'in', seeded);
	await granted.execute();
	await ctx.db.deleteFrom('assessments').where('id', 'in', seeded).execute();
	return place;
}

export function assessmentAt(place: AssessmentPlace) {
	return ctx.db
		.selectFrom('assessments')
		.selectAll()
		.where('unit_id', '=', place.unit.id)
		.where('campaign_id', '=', place.campaign.id)
		.where('period_id', '=', place.period.id)
		.executeTakeFirst();
}

export async function assessmentOf(place: AssessmentPlace) {
	const row = await assessmentAt(place);
	if (!row) throw new Error(`No assessment for unit ${place.unit.code}`);
	return row;
}

/** Criterion code → what criterion_results holds for it. */
export async function storedResults(assessmentId: number) {
	const stored = await ctx.db
		.selectFrom('criterion_results')
		.innerJoin('criteria', 'criteria.id', 'criterion_results.criterion_id')
		.select(['criteria.code', 'value_boolean', 'value_number', 'value_rating', 'note', 'met'])
		.where('assessment_id', '=', assessmentId)
		.execute();
	return new Map(
		stored.map((row) => {
			const value: CriterionValue = row.value_boolean ?? row.value_number ?? row.value_rating;
			return [row.code, { value, note: row.note, met: row.met }];
		})
	);
}

export function auditOf(assessmentId: number, afterId = 0) {
	return ctx.db
		.selectFrom('audit_log')
		.select(['id', 'action', 'actor_id', 'before', 'after', 'reason'])
		.where('entity_type', '=', 'assessment')
		.where('entity_id', '=', String(assessmentId))
		.where('id', '>', afterId)
		.orderBy('id')
		.execute();
}

export async function lastAuditId() {
	const row = await ctx.db
		.selectFrom('audit_log')
		.select((eb) => eb.fn.max('id').as('id'))
		.executeTakeFirstOrThrow();
	return Number(row.id);
}

export function recognitionsOf(place: AssessmentPlace) {
	return ctx.db
		.selectFrom('recognitions')
		.selectAll()
		.where('unit_id', '=', place.unit.id)
		.where('campaign_id', '=', place.campaign.id)
		.orderBy('id')
		.execute();
}

/** Everything a refused write must leave as it was. */
export async function stateOf(place: AssessmentPlace) {
	const assessment = await assessmentAt(place);
	const id = assessment?.id ?? 0;
	return {
		assessment,
		results: await ctx.db
			.selectFrom('criterion_results')
			.selectAll()
			.where('assessment_id', '=', id)
			.orderBy('criterion_id')
			.execute(),
		comments: await ctx.db
			.selectFrom('review_comments')
			.selectAll()
			.where('assessment_id', '=', id)
			.orderBy('id')
			.execute(),
		evidence: await ctx.db
			.selectFrom('evidence_files')
			.selectAll()
			.where('assessment_id', '=', id)
			.orderBy('id')
			.execute(),
		recognitions: await recognitionsOf(place),
		audit: await auditOf(id)
	};
}

/** The error a write failed with, after checking it is of `type`. */
export async function refusal<T extends Error>(
	work: Promise<unknown>,
	type: new (...args: never[]) => T
): Promise<T> {
	const outcome = await work.then(
		() => 'no error',
		(error: unknown) => error
	);
	expect(outcome).toBeInstanceOf(type);
	return outcome as T;
}

/** Runs a write that must be refused with `type` and checks that it wrote nothing at all. */
export async function refusedUnchanged<T extends Error>(
	place: AssessmentPlace,
	work: () => Promise<unknown>,
	type: new (...args: never[]) => T
): Promise<T> {
	const before = await stateOf(place);
	const error = await refusal(work(), type);
	expect(await stateOf(place)).toEqual(before);
	return error;
}

/** The scoring module's figures for the results the database holds. */
export async function figuresFromResults(assessmentId: number) {
	const stored = await storedResults(assessmentId);
	const score = scoreAssessment(
		ctx.criteria,
		new Map(ctx.criteria.map((c) => [c.code, stored.get(c.code)?.value ?? null]))
	);
	for (const criterion of ctx.criteria) {
		const result = stored.get(criterion.code);
		if (result) expect(result.met, criterion.code).toBe(isMet(criterion, result.value));
	}
	return {
		score: score.score,
		met_count: score.metCount,
		criteria_count: score.criteriaCount,
		mandatory_met: score.mandatoryMet,
		unmet_codes: score.unmet,
		eligible: isEligible(score, {
			minScore: ctx.campaign.min_score,
			allMandatory: ctx.campaign.all_mandatory
		})
	};
}

export async function versionOf(place: AssessmentPlace) {
	return (await assessmentAt(place))?.version ?? 0;
}

/** Saves at the version the database holds, as a user who just loaded the page. */
export async function save(
	actor: Actor,
	place: AssessmentPlace,
	input: Partial<DraftInput>,
	now: Date
) {
	const version = input.version ?? (await versionOf(place));
	return saveDraft(ctx.db, actor, place, { values: {}, notes: {}, ...input, version }, now);
}

/** Takes a step at the version the database holds. */
export async function step(
	actor: Actor,
	place: AssessmentPlace,
	input: Omit<TransitionInput, 'version'> & { version?: number },
	now: Date
) {
	const version = input.version ?? (await versionOf(place));
	return transitionAssessment(ctx.db, actor, place, { ...input, version }, now);
}

/** A small but real PDF whose content differs with `label`. */
export function pdf(label: string) {
	return new TextEncoder().encode(
		`%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n` +
			`2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n% ${label}\n` +
			`trailer\n<< /Root 1 0 R >>\n%%EOF\n`
	);
}
