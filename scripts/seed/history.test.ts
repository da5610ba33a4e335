import { describe, expect, it } from 'vitest';
import { addDays, parsePeriodLabel, quarterRange } from '../../src/lib/domain/periods';
import { createRandom } from '../../src/lib/domain/random';
import {
	isEligible,
	isMet,
	scoreAssessment,
	type Comparator,
	type CriterionType,
	type Rating,
	type RecognitionRule,
	type ScoredCriterion
} from '../../src/lib/domain/scoring';
import type { AssessmentStatus } from '../../src/lib/domain/vocabulary';
import campaign from './data/campaigns/model-ward-police.json';
import {
	generateUnitHistory,
	sampleValue,
	type HistoryAction,
	type HistoryCriterion,
	type HistoryOptions,
	type HistoryPeriod,
	type HistoryUnit,
	type Pace,
	type SyntheticAssessment
} from './history';

// ---------------------------------------------------------------------------------------------
// sampleValue

interface Shape {
	name: string;
	criterion: ScoredCriterion;
}

function shape(
	type: CriterionType,
	comparator: Comparator | null,
	target: number | Rating | null
): Shape {
	const name = [type, comparator, target].filter((part) => part !== null).join(' ');
	return { name, criterion: { code: 'X', type, comparator, target, points: 1, mandatory: false } };
}

const COMPARISONS: Comparator[] = ['>=', '<=', '>', '<', '='];

const SHAPES: Shape[] = [
	shape('boolean', null, null),
	...(['weak', 'average', 'fair', 'good'] as const).map((target) => shape('rating', null, target)),
	...[0, 70, 87.5, 100].flatMap((target) =>
		COMPARISONS.map((comparator) => shape('percent', comparator, target))
	),
	// No comparator means '>='.
	shape('percent', null, 70),
	...[0, -10, 5].flatMap((target) =>
		COMPARISONS.map((comparator) => shape('percent_change', comparator, target))
	),
	...[0, 2, 10].flatMap((target) =>
		COMPARISONS.map((comparator) => shape('count', comparator, target))
	)
];

/**
 * Combinations no value can satisfy, so sampleValue cannot honour them and the agreement test
 * leaves them out: percents lie in 0..100, counts are whole numbers >= 0, and 'weak' is the
 * lowest rating.
 */
const IMPOSSIBLE: Record<string, string> = {
	'percent >= 0, not met': 'every percent is >= 0',
	'percent < 0, met': 'no percent is below 0',
	'percent <= 100, not met': 'every percent is <= 100',
	'percent > 100, met': 'no percent is above 100',
	'count >= 0, not met': 'every count is >= 0',
	'count < 0, met': 'no count is below 0',
	'rating weak, not met': 'every rating is at or above weak'
};

const ALL_CASES = SHAPES.flatMap(({ name, criterion }) =>
	[true, false].map((met) => ({ label: `${name}, ${met ? 'met' : 'not met'}`, criterion, met }))
);
const SAMPLE_CASES = ALL_CASES.filter(({ label }) => !(label in IMPOSSIBLE));

const SEEDS = Array.from({ length: 300 }, (_, i) => i * 7919 + 1);
const DRAWS_PER_SEED = 5;

/** Every value sampleValue gives for the criterion over many seeds. */
function samples(criterion: ScoredCriterion, met: boolean) {
	return SEEDS.flatMap((seed) => {
		const random = createRandom(seed);
		return Array.from({ length: DRAWS_PER_SEED }, () => sampleValue(criterion, met, random));
	});
}

/** True when `value` has at most one decimal. */
const oneDecimal = (value: number) => Math.abs(Math.round(value * 10) - value * 10) < 1e-9;

describe('sampleValue', () => {
	it('covers the shapes it was asked to and leaves out only the impossible or buggy ones', () => {
		expect(SAMPLE_CASES.length).toBe(SHAPES.length * 2 - Object.keys(IMPOSSIBLE).length);
		const labels = SAMPLE_CASES.map(({ label }) => label);
		for (const label of [
			'boolean, met',
			'boolean, not met',
			'percent_change <= 0, not met',
			'count >= 2, not met',
			'count >= 10, met',
			'rating good, not met',
			'percent = 70, not met'
		])
			expect(labels).toContain(label);
	});

	it.each(SAMPLE_CASES)('$label: isMet agrees with the request', ({ criterion, met }) => {
		const wrong = samples(criterion, met).filter((value) => isMet(criterion, value) !== met);
		expect(wrong).toEqual([]);
	});

	// Even when asked for the impossible, a percent stays a percent.
	it.each(ALL_CASES.filter(({ criterion }) => criterion.type === 'percent'))(
		'$label: percents stay within 0..100 with at most one decimal',
		({ criterion, met }) => {
			const values = samples(criterion, met);
			const bad = values.filter(
				(value) => typeof value !== 'number' || value < 0 || value > 100 || !oneDecimal(value)
			);
			expect(bad).toEqual([]);
		}
	);

	it.each(SAMPLE_CASES.filter(({ criterion }) => criterion.type === 'count'))(
		'$label: counts are whole numbers >= 0, at most 7 above the target',
		({ criterion, met }) => {
			const limit = Number(criterion.target) + 7;
			const bad = samples(criterion, met).filter(
				(value) =>
					typeof value !== 'number' ||
					!Number.isInteger(value) ||
					value < 0 ||
					Object.is(value, -0) ||
					value > limit
			);
			expect(bad).toEqual([]);
		}
	);

	it.each(SAMPLE_CASES.filter(({ criterion }) => criterion.type === 'percent_change'))(
		'$label: changes are numbers with one decimal within 25.5 of the target',
		({ criterion, met }) => {
			const target = Number(criterion.target);
			const bad = samples(criterion, met).filter(
				(value) =>
					typeof value !== 'number' || !oneDecimal(value) || Math.abs(value - target) > 25.5
			);
			expect(bad).toEqual([]);
		}
	);

	it.each([true, false])('boolean criteria get exactly %s', (met) => {
		const { criterion } = shape('boolean', null, null);
		expect(new Set(samples(criterion, met))).toEqual(new Set([met]));
	});

	it.each<[Rating, Rating[], Rating[]]>([
		['average', ['average', 'fair', 'good'], ['weak']],
		['fair', ['fair', 'good'], ['weak', 'average']],
		['good', ['good'], ['weak', 'average', 'fair']],
		['weak', ['weak', 'average', 'fair', 'good'], []]
	])('rating target %s: met gives each of %j, not met each of %j', (target, above, below) => {
		const { criterion } = shape('rating', null, target);
		expect(new Set(samples(criterion, true))).toEqual(new Set(above));
		if (below.length) expect(new Set(samples(criterion, false))).toEqual(new Set(below));
	});

	it('varies its values: a percent target is not always answered the same way', () => {
		const { criterion } = shape('percent', '>=', 70);
		expect(new Set(samples(criterion, true)).size).toBeGreaterThan(50);
		expect(new Set(samples(criterion, false)).size).toBeGreaterThan(50);
	});

	it('follows the random stream: same seed, same values', () => {
		const { criterion } = shape('count', '>=', 10);
		const run = (seed: number) => {
			const random = createRandom(seed);
			return Array.from({ length: 20 }, (_, i) => sampleValue(criterion, i % 2 === 0, random));
		};
		expect(run(5)).toEqual(run(5));
		expect(run(5)).not.toEqual(run(6));
	});

	// Targets at the edge of the range: a miss must step to the side that stays possible.
	it.each([
		['percent', 0],
		['percent', 100]
	] as const)('%s "= %i" not met misses the target without leaving 0..100', (type, target) => {
		const { criterion } = shape(type, '=', target);
		const wrong = samples(criterion, false).filter((value) => isMet(criterion, value));
		expect(wrong).toEqual([]);
	});

	it('count "= 0" not met is a positive whole number', () => {
		const { criterion } = shape('count', '=', 0);
		const values = samples(criterion, false);
		expect(values.filter((value) => isMet(criterion, value))).toEqual([]);
		expect(values.filter((value) => typeof value !== 'number' || value < 0)).toEqual([]);
	});
});

// ---------------------------------------------------------------------------------------------
// generateUnitHistory: fixtures

interface CampaignCriterion {
	code: string;
	type: string;
	comparator?: string;
	target?: number | string;
	points: number;
	mandatory: boolean;
}

const criteria: HistoryCriterion[] = campaign.groups
	.flatMap((group): CampaignCriterion[] => group.criteria)
	.map((criterion, i) => ({
		id: i + 1,
		code: criterion.code,
		type: criterion.type as CriterionType,
		comparator: (criterion.comparator ?? null) as Comparator | null,
		target: (criterion.target ?? null) as number | Rating | null,
		points: criterion.points,
		mandatory: criterion.mandatory
	}));

const periods: HistoryPeriod[] = quarterRange('2023-Q2', '2026-Q4').map((label, i) => {
	const span = parsePeriodLabel(label)!;
	return { id: i + 1, label, startsOn: span.startsOn, endsOn: span.endsOn };
});

const rule: RecognitionRule = {
	minScore: campaign.recognition.min_score,
	allMandatory: campaign.recognition.all_mandatory
};

const now = new Date('2026-11-27T10:00:00+07:00');
const ADMIN = 1;
const SEED = 20260101;

/** Fresh options with their own decision counter, as the seed writer makes them. */
function options(overrides: Partial<HistoryOptions> = {}): HistoryOptions {
	let decision = 100;
	return {
		seed: SEED,
		campaignCode: campaign.code,
		criteria,
		periods,
		rule,
		now,
		adminId: ADMIN,
		nextDecisionNumber: () => ++decision,
		...overrides
	};
}

function unit(pace: Pace, i: number): HistoryUnit {
	return { id: i, code: `${pace}-${i}`, pace, officerId: 10_000 + i, reviewerId: 20_000 + i };
}

/** The local (UTC+7) calendar day of a moment. */
const localDate = (moment: Date) =>
	new Date(moment.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

const approvedAt = (record: SyntheticAssessment) => {
	const last = record.events[record.events.length - 1];
	expect(last?.action).toBe('approve');
	return last.at;
};

describe('fixtures', () => {
	it('read the campaign criteria and the 15 quarters from 2023-Q2 to 2026-Q4', () => {
		expect(criteria).toHaveLength(23);
		expect(criteria.reduce((sum, criterion) => sum + criterion.points, 0)).toBe(100);
		expect(new Set(criteria.map((criterion) => criterion.code)).size).toBe(23);
		expect(criteria.find((criterion) => criterion.code === '2.3')).toMatchObject({
			type: 'percent_change',
			comparator: '<=',
			target: 0
		});
		expect(periods).toHaveLength(15);
		expect(periods[0]).toEqual({
			id: 1,
			label: '2023-Q2',
			startsOn: '2023-04-01',
			endsOn: '2023-06-30'
		});
		expect(periods[14]).toEqual({
			id: 15,
			label: '2026-Q4',
			startsOn: '2026-10-01',
			endsOn: '2026-12-31'
		});
		expect(rule).toEqual({ minScore: 90, allMandatory: true });
	});
});

// ---------------------------------------------------------------------------------------------
// generateUnitHistory: determinism

describe('generateUnitHistory is deterministic', () => {
	const sample = [unit('fast', 1), unit('steady', 2), unit('slow', 3), unit('fast', 4)];

	it.each(sample)('gives $code the same history from the same inputs', (u) => {
		const first = generateUnitHistory(u, options());
		const second = generateUnitHistory(u, options());
		expect(first.length).toBeGreaterThan(0);
		expect(second).toEqual(first);
	});

	it.each(sample)('gives $code a different history under another seed', (u) => {
		const first = generateUnitHistory(u, options());
		const second = generateUnitHistory(u, options({ seed: SEED + 1 }));
		expect(second).not.toEqual(first);
		expect(second.map((record) => record.values)).not.toEqual(first.map((r) => r.values));
	});

	it('gives a different history for another campaign code or unit code', () => {
		const base = generateUnitHistory(unit('fast', 1), options());
		const otherCampaign = generateUnitHistory(unit('fast', 1), options({ campaignCode: 'OTHER' }));
		const otherUnit = generateUnitHistory({ ...unit('fast', 1), code: 'fast-1b' }, options());
		expect(otherCampaign.map((record) => record.values)).not.toEqual(base.map((r) => r.values));
		expect(otherUnit.map((record) => record.values)).not.toEqual(base.map((r) => r.values));
	});

	it('does not depend on which units were generated before', () => {
		const constant = () => options({ nextDecisionNumber: () => 7 });
		const alone = generateUnitHistory(unit('steady', 2), constant());
		const busy = constant();
		generateUnitHistory(unit('fast', 1), busy);
		generateUnitHistory(unit('slow', 3), busy);
		expect(generateUnitHistory(unit('steady', 2), busy)).toEqual(alone);
	});

	it('does not change its inputs', () => {
		const input = options();
		const u = unit('fast', 1);
		const before = structuredClone({ u, criteria: input.criteria, periods: input.periods });
		generateUnitHistory(u, input);
		expect({ u, criteria: input.criteria, periods: input.periods }).toEqual(before);
	});
});

// ---------------------------------------------------------------------------------------------
// generateUnitHistory: a unit that lives for some periods only

describe('generateUnitHistory over part of the periods', () => {
	const until = new Set(periods.slice(0, 9).map((period) => period.id));
	const from = new Set(periods.slice(9).map((period) => period.id));

	it('assesses a unit only in its own periods, keeping what it would have had in them', () => {
		const whole = generateUnitHistory(unit('fast', 1), options());
		const early = generateUnitHistory({ ...unit('fast', 1), periodIds: until }, options());
		expect(early.length).toBeGreaterThan(0);
		expect(early.every((record) => until.has(record.periodId))).toBe(true);
		expect(early).toEqual(whole.filter((record) => until.has(record.periodId)));
	});

	it('closes the last periods of a retired unit: its last one is a past period, not the current', () => {
		for (let i = 1; i <= 20; i++) {
			const records = generateUnitHistory({ ...unit('steady', i), periodIds: until }, options());
			expect(records.every((record) => record.status === 'approved')).toBe(true);
		}
	});

	it('gives a unit formed later its own draws under its key, starting unrecognised', () => {
		const successor = { ...unit('fast', 1), key: 'fast-1@2025-07-01', periodIds: from };
		const records = generateUnitHistory(successor, options());
		const before = generateUnitHistory({ ...unit('fast', 1), periodIds: from }, options());
		expect(records.every((record) => from.has(record.periodId))).toBe(true);
		expect(records.map((record) => record.values)).not.toEqual(before.map((r) => r.values));
		const first = records.find((record) => record.recognition || record.revocation);
		expect(first?.revocation).toBeUndefined();
	});
});

// ---------------------------------------------------------------------------------------------
// generateUnitHistory: invariants over ~600 units

const PACES: Pace[] = ['fast', 'steady', 'slow'];
const UNITS_PER_PACE = 200;
const LAST = periods.length;
const decisionNumbers: number[] = [];
const shared = options({
	nextDecisionNumber: () => {
		decisionNumbers.push(1000 + decisionNumbers.length);
		return decisionNumbers[decisionNumbers.length - 1];
	}
});
const histories = PACES.flatMap((pace) =>
	Array.from({ length: UNITS_PER_PACE }, (_, i) => {
		const u = unit(pace, PACES.indexOf(pace) * UNITS_PER_PACE + i + 1);
		return { unit: u, records: generateUnitHistory(u, shared) };
	})
);
const allRecords = histories.flatMap(({ unit: u, records }) =>
	records.map((record) => ({ unit: u, record }))
);
const where = (u: HistoryUnit, record: SyntheticAssessment) =>
	`${u.code} period ${record.periodId}`;

const TRANSITION: Record<HistoryAction, { from: AssessmentStatus; to: AssessmentStatus }> = {
	submit: { from: 'draft', to: 'submitted' },
	return: { from: 'submitted', to: 'draft' },
	verify: { from: 'submitted', to: 'verified' },
	approve: { from: 'verified', to: 'approved' }
};

describe('generateUnitHistory invariants', () => {
	it('generates a substantial history for every pace', () => {
		expect(histories).toHaveLength(600);
		for (const pace of PACES) {
			const records = allRecords.filter(({ unit: u }) => u.pace === pace);
			expect(records.length, pace).toBeGreaterThan(UNITS_PER_PACE * 10);
		}
	});

	it('keeps one record per unit and period, in period order', () => {
		const bad: string[] = [];
		for (const { unit: u, records } of histories) {
			const ids = records.map((record) => record.periodId);
			const ordered = ids.every((id, i) => id >= 1 && id <= LAST && (i === 0 || id > ids[i - 1]));
			if (!ordered) bad.push(`${u.code}: ${ids.join(',')}`);
			if (records.some((record) => record.unitId !== u.id)) bad.push(`${u.code}: unit id`);
		}
		expect(bad).toEqual([]);
	});

	it('has no event after now', () => {
		const late = allRecords.flatMap(({ unit: u, record }) =>
			record.events.filter((event) => event.at > now).map(() => where(u, record))
		);
		expect(late).toEqual([]);
		const revokedLate = allRecords.filter(
			({ record }) => record.recognition?.revoked && record.recognition.revoked.at > now
		);
		expect(revokedLate).toEqual([]);
		expect(allRecords.filter(({ record }) => record.createdAt > now)).toEqual([]);
	});

	it('approves every record but those of the last two periods', () => {
		const notApproved = allRecords
			.filter(({ record }) => record.periodId < LAST - 1 && record.status !== 'approved')
			.map(({ unit: u, record }) => `${where(u, record)}: ${record.status}`);
		expect(notApproved).toEqual([]);
	});

	it('leaves a mix of statuses in the last two periods', () => {
		const statuses = (periodId: number) =>
			new Set(
				allRecords.filter(({ record }) => record.periodId === periodId).map((r) => r.record.status)
			);
		expect(statuses(LAST - 1)).toEqual(new Set(['submitted', 'verified', 'approved']));
		expect(statuses(LAST)).toEqual(new Set(['draft', 'submitted', 'verified', 'approved']));
	});

	it('leaves values unanswered only in the current period, and those records in draft', () => {
		const bad = allRecords
			.filter(({ record }) => record.values.some((value) => value === null))
			.filter(({ record }) => record.periodId !== LAST || record.status !== 'draft')
			.map(({ unit: u, record }) => where(u, record));
		expect(bad).toEqual([]);
		expect(allRecords.some(({ record }) => record.values.some((value) => value === null))).toBe(
			true
		);
	});

	it('stores the result scoreAssessment gives for its values', () => {
		const bad: string[] = [];
		for (const { unit: u, record } of allRecords) {
			expect(record.values).toHaveLength(criteria.length);
			const values = new Map(criteria.map((criterion, i) => [criterion.code, record.values[i]]));
			const expected = scoreAssessment(criteria, values);
			if (JSON.stringify(record.result) !== JSON.stringify(expected)) bad.push(where(u, record));
		}
		expect(bad).toEqual([]);
	});

	it('stores eligible as isEligible of the result', () => {
		const bad = allRecords
			.filter(({ record }) => record.eligible !== isEligible(record.result, rule))
			.map(({ unit: u, record }) => where(u, record));
		expect(bad).toEqual([]);
		expect(allRecords.some(({ record }) => record.eligible)).toBe(true);
		expect(allRecords.some(({ record }) => !record.eligible)).toBe(true);
	});

	it('puts events of a record in chronological order, after its creation', () => {
		const bad: string[] = [];
		for (const { unit: u, record } of allRecords) {
			let previous = record.createdAt.getTime();
			for (const event of record.events) {
				if (event.at.getTime() <= previous) bad.push(where(u, record));
				previous = event.at.getTime();
			}
		}
		expect(bad).toEqual([]);
	});

	it('creates records during their period, by the unit officer', () => {
		const bad: string[] = [];
		for (const { unit: u, record } of allRecords) {
			const period = periods[record.periodId - 1];
			const day = localDate(record.createdAt);
			const inRange = day >= addDays(period.startsOn, 3) && day <= addDays(period.startsOn, 30);
			if (!inRange || record.createdBy !== u.officerId) bad.push(`${where(u, record)}: ${day}`);
		}
		expect(bad).toEqual([]);
	});

	it('submits past periods around their end', () => {
		const bad: string[] = [];
		for (const { unit: u, record } of allRecords) {
			if (record.periodId === LAST) continue;
			const period = periods[record.periodId - 1];
			const day = localDate(record.events[0].at);
			if (day < addDays(period.endsOn, -12) || day > addDays(period.endsOn, 6))
				bad.push(`${where(u, record)}: ${day}`);
		}
		expect(bad).toEqual([]);
	});

	it('walks the workflow one allowed step at a time; the status is where the last event left it', () => {
		const bad: string[] = [];
		for (const { unit: u, record } of allRecords) {
			let status: AssessmentStatus = 'draft';
			for (const event of record.events) {
				if (TRANSITION[event.action].from !== status)
					bad.push(`${where(u, record)}: ${event.action}`);
				status = TRANSITION[event.action].to;
			}
			if (record.status !== status) bad.push(`${where(u, record)}: ${record.status} != ${status}`);
		}
		expect(bad).toEqual([]);
	});

	it('puts a record whose last event is a return back in draft, when now cuts a walk short', () => {
		// With the brief's `now` every walk has finished, so none ends on a return; an earlier
		// `now` (12 days into 2026-Q4) stops some walks of 2026-Q3 and 2026-Q4 half-way.
		const early = new Date('2026-10-12T10:00:00+07:00');
		const cut = histories.flatMap(({ unit: u }) =>
			generateUnitHistory(u, options({ now: early, nextDecisionNumber: () => 1 }))
		);
		expect(cut.flatMap((record) => record.events).filter((event) => event.at > early)).toEqual([]);
		const endsOnReturn = cut.filter(
			(record) => record.events[record.events.length - 1]?.action === 'return'
		);
		expect(endsOnReturn.length).toBeGreaterThan(0);
		for (const record of endsOnReturn) expect(record.status).toBe('draft');
		for (const record of cut) {
			const last = record.events[record.events.length - 1];
			expect(record.status).toBe(last ? TRANSITION[last.action].to : 'draft');
		}
	});

	it('records who acted: the officer submits, the reviewer returns and verifies, the admin approves', () => {
		const expectedBy: Record<HistoryAction, (u: HistoryUnit) => number | null> = {
			submit: (u) => u.officerId,
			return: (u) => u.reviewerId,
			verify: (u) => u.reviewerId,
			approve: () => ADMIN
		};
		const bad: string[] = [];
		for (const { unit: u, record } of allRecords)
			for (const event of record.events) {
				if (event.by !== expectedBy[event.action](u))
					bad.push(`${where(u, record)} ${event.action}`);
				const hasReason = typeof event.reason === 'string' && event.reason.length > 0;
				if (hasReason !== (event.action === 'return')) bad.push(`${where(u, record)} reason`);
			}
		expect(bad).toEqual([]);
	});

	it('recognises only on an approved, eligible record, dated the day it was approved', () => {
		const recognised = allRecords.filter(({ record }) => record.recognition);
		expect(recognised.length).toBeGreaterThan(0);
		for (const { record } of recognised) {
			expect(record.status).toBe('approved');
			expect(record.eligible).toBe(true);
			expect(record.recognition!.decisionNumber).toMatch(/^\d+\/QĐ-CAT$/);
			expect(record.recognition!.decisionDate).toBe(localDate(approvedAt(record)));
		}
	});

	it('takes a fresh decision number for each recognition', () => {
		const numbers = allRecords
			.filter(({ record }) => record.recognition)
			.map(({ record }) => record.recognition!.decisionNumber);
		expect(numbers).toHaveLength(decisionNumbers.length);
		expect(new Set(numbers).size).toBe(numbers.length);
		expect(new Set(numbers)).toEqual(new Set(decisionNumbers.map((n) => `${n}/QĐ-CAT`)));
	});

	it('never holds two unrevoked recognitions at once, and revokes only while recognised', () => {
		// Replays each unit's records in period order. A recognition may start only when none
		// stands; the second approved ineligible record in a row revokes the standing one, and
		// nothing else does.
		let revocations = 0;
		for (const { unit: u, records } of histories) {
			let standing: SyntheticAssessment | undefined;
			let streak = 0;
			for (const record of records) {
				const label = where(u, record);
				expect(record.recognition && record.revocation, label).toBeFalsy();
				const approved = record.status === 'approved';
				if (approved) streak = record.eligible ? 0 : streak + 1;
				if (record.recognition) {
					expect(standing, label).toBeUndefined();
					standing = record;
				} else if (record.revocation) {
					revocations++;
					expect(approved && !record.eligible && streak >= 2, label).toBe(true);
					expect(standing, label).toBeDefined();
					const period = periods[record.periodId - 1];
					expect(record.revocation.reason).toContain(period.label);
					expect(standing!.recognition!.revoked).toEqual({
						at: approvedAt(record),
						by: ADMIN,
						reason: record.revocation.reason
					});
					standing = undefined;
				} else {
					// Nothing happened, so nothing was due: not an approved eligible record without a
					// standing recognition, nor an approved ineligible one with one.
					expect(approved && record.eligible && !standing, label).toBe(false);
					expect(approved && streak >= 2 && !!standing, label).toBe(false);
				}
			}
			const unrevoked = records.filter((r) => r.recognition && !r.recognition.revoked);
			expect(unrevoked, u.code).toEqual(standing ? [standing] : []);
		}
		expect(revocations).toBeGreaterThan(0);
	});

	it('gets fast units to a higher share of eligible assessments in the last period than slow ones', () => {
		const share = (pace: Pace) => {
			const last = allRecords.filter(
				({ unit: u, record }) => u.pace === pace && record.periodId === LAST
			);
			expect(last.length).toBeGreaterThan(UNITS_PER_PACE / 2);
			return last.filter(({ record }) => record.eligible).length / last.length;
		};
		const fast = share('fast');
		const steady = share('steady');
		const slow = share('slow');
		expect(fast).toBeGreaterThan(slow);
		expect(fast).toBeGreaterThan(steady);
		expect(steady).toBeGreaterThan(slow);
		expect(fast - slow).toBeGreaterThan(0.25);
	});
});

describe('generateUnitHistory for a newcomer (an agency, enterprise or school)', () => {
	/** The mean score of 120 units of a pace in the period at `index`. */
	const meanScore = (newcomer: boolean, index: number) => {
		const records = Array.from({ length: 120 }, (_, i) =>
			generateUnitHistory({ ...unit('steady', i), newcomer }, options())
		).flatMap((history) => history.filter((record) => record.periodId === periods[index].id));
		return records.reduce((sum, record) => sum + record.result.score, 0) / records.length;
	};

	it('starts further back than a commune of the same pace, and still progresses', () => {
		expect(meanScore(true, 1)).toBeLessThan(meanScore(false, 1) - 10);
		expect(meanScore(true, 13)).toBeLessThan(meanScore(false, 13));
		expect(meanScore(true, 13)).toBeGreaterThan(meanScore(true, 1) + 20);
	});

	it('draws as many numbers as a commune: the same unit differs only by its readiness', () => {
		const [commune, newcomer] = [false, true].map((flag) =>
			generateUnitHistory({ ...unit('fast', 7), newcomer: flag }, options())
		);
		expect(newcomer.map((record) => record.createdAt)).toEqual(
			commune.map((record) => record.createdAt)
		);
	});
});

// ---------------------------------------------------------------------------------------------
// generateUnitHistory: the order of events across periods

describe('generateUnitHistory across the last two periods', () => {
	// The last but one period can be approved up to ~6 weeks after its end, while the current one
	// may be submitted from its 4th day: without care the later period would be approved first.
	// Ten mandatory criteria that must all be met make eligibility vary enough to look for it.
	const two = ['2026-Q3', '2026-Q4'].map((label, i) => {
		const span = parsePeriodLabel(label)!;
		return { id: i + 1, label, startsOn: span.startsOn, endsOn: span.endsOn };
	});
	const tenMandatory: HistoryCriterion[] = Array.from({ length: 10 }, (_, i) => ({
		id: i + 1,
		code: `c${i}`,
		type: 'boolean',
		points: 1,
		mandatory: true
	}));
	const UNITS = 10_000;

	/** Ten thousand fast units, generated once for the tests below (about half a second). */
	let generated: SyntheticAssessment[][] | undefined;
	function population(): SyntheticAssessment[][] {
		generated ??= Array.from({ length: UNITS }, (_, i) =>
			generateUnitHistory(unit('fast', i + 1), {
				...options({ nextDecisionNumber: () => 1 }),
				criteria: tenMandatory,
				periods: two,
				rule: { minScore: 10, allMandatory: true }
			})
		);
		return generated;
	}

	it('has approvals in both periods and recognitions to look at', () => {
		const records = population().flat();
		const approved = (periodId: number) =>
			records.filter((r) => r.periodId === periodId && r.status === 'approved').length;
		expect(approved(1)).toBeGreaterThan(UNITS / 2);
		expect(approved(2)).toBeGreaterThan(UNITS / 20);
		expect(records.filter((r) => r.recognition).length).toBeGreaterThan(20);
	});

	// Stronger than "approvals in period order", so it holds on every history rather than on the
	// rare ones where a late approval meets an early one: it needs no search through 100,000.
	it("starts a unit's work on a period only after the last event of the period before", () => {
		const overlapping = population().filter((records) =>
			records.some(
				(record, i) =>
					i > 0 &&
					record.events.length > 0 &&
					records[i - 1].events.length > 0 &&
					record.events[0].at <= records[i - 1].events[records[i - 1].events.length - 1].at
			)
		);
		expect(overlapping).toEqual([]);
	});

	it("has a unit's approvals happen in period order", () => {
		const outOfOrder = population().filter((records) => {
			const times = records.filter((r) => r.status === 'approved').map(approvedAt);
			return times.some((time, i) => i > 0 && time < times[i - 1]);
		});
		expect(outOfOrder).toEqual([]);
	});

	it('never revokes a recognition before it was granted, over the long histories', () => {
		const revoked = histories
			.flatMap(({ records }) => records)
			.filter((r) => r.recognition?.revoked);
		expect(revoked.length).toBeGreaterThan(0);
		for (const r of revoked) {
			expect(r.recognition!.revoked!.at.getTime()).toBeGreaterThan(approvedAt(r).getTime());
		}
	});
});
