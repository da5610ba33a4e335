// The synthetic history model shared by the Nghệ An demo and the national benchmark tree.
// Pure: given the same units, criteria, periods and seed it yields the same assessments.
//
// Each unit has a readiness that grows each quarter at its pace (fast for Vinh and the towns,
// slow in the mountain districts); some units stall or slip. Each criterion has a fixed per-unit
// difficulty, so the same criteria hold a unit back period after period, the way it happens.
import { addDays, vnDate as localDate } from '../../src/lib/domain/periods';
import { createRandom, hashSeed, type Random } from '../../src/lib/domain/random';
import {
	isEligible,
	RATINGS,
	scoreAssessment,
	type CriterionValue,
	type RecognitionRule,
	type ScoredCriterion,
	type ScoreResult
} from '../../src/lib/domain/scoring';
import type { AssessmentStatus } from '../../src/lib/domain/vocabulary';

export type Pace = 'fast' | 'steady' | 'slow';

export interface HistoryUnit {
	id: number;
	code: string;
	/** What its pseudo-random draws are keyed by: its code, unless a unit held the code before. */
	key?: string;
	/** The periods it is assessed in (those it is in force at the end of); all when absent. */
	periodIds?: ReadonlySet<number>;
	pace: Pace;
	/** An agency, enterprise or school: the movement reached it later, it starts further back. */
	newcomer?: boolean;
	officerId: number | null;
	reviewerId: number | null;
}

export interface HistoryCriterion extends ScoredCriterion {
	id: number;
}

export interface HistoryPeriod {
	id: number;
	label: string;
	startsOn: string;
	endsOn: string;
}

export type HistoryAction = 'submit' | 'return' | 'verify' | 'approve';

export interface HistoryEvent {
	action: HistoryAction;
	at: Date;
	by: number | null;
	reason?: string;
}

export interface SyntheticAssessment {
	unitId: number;
	periodId: number;
	status: AssessmentStatus;
	values: CriterionValue[];
	result: ScoreResult;
	eligible: boolean;
	createdAt: Date;
	createdBy: number | null;
	events: HistoryEvent[];
	/** Set when approving this assessment recognised the unit; `revoked` when a later one undid it. */
	recognition?: {
		decisionNumber: string;
		decisionDate: string;
		revoked?: { at: Date; by: number | null; reason: string };
	};
	/** Set when approving it revoked the unit's standing recognition. */
	revocation?: { reason: string };
}

export interface HistoryOptions {
	seed: number;
	campaignCode: string;
	criteria: HistoryCriterion[];
	/** In order; the last one is the current, open period. */
	periods: HistoryPeriod[];
	rule: RecognitionRule;
	/** "Now": no event happens after it. */
	now: Date;
	adminId: number | null;
	/** The province's numbering of recognition decisions, advanced by each recognition. */
	nextDecisionNumber: () => number;
}

const PACES: Record<
	Pace,
	{ start: [number, number]; growth: [number, number]; lateStart: number }
> = {
	fast: { start: [0.55, 0.7], growth: [0.028, 0.045], lateStart: 1 },
	steady: { start: [0.45, 0.6], growth: [0.016, 0.03], lateStart: 3 },
	slow: { start: [0.3, 0.45], growth: [0.006, 0.018], lateStart: 6 }
};

/** The institutions' paces: a slower start, the same catching up (their own roadmap is gentler). */
const NEWCOMER_PACES: typeof PACES = {
	fast: { start: [0.3, 0.45], growth: [0.028, 0.042], lateStart: 3 },
	steady: { start: [0.2, 0.35], growth: [0.02, 0.034], lateStart: 5 },
	slow: { start: [0.1, 0.25], growth: [0.012, 0.024], lateStart: 8 }
};

const RETURN_REASONS = [
	'Thiếu tài liệu minh chứng cho tiêu chí bắt buộc',
	'Số liệu tỷ lệ chưa khớp với báo cáo thống kê của đơn vị',
	'Đề nghị bổ sung biên bản kiểm tra thực tế tại địa bàn',
	'Kết quả tự chấm chưa đúng hướng dẫn của bộ tiêu chí'
];

/** A moment on a local (UTC+7) calendar day. */
function at(date: string, hour: number): Date {
	return new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+07:00`);
}

function later(moment: Date, random: Random, minDays: number, maxDays: number): Date {
	return new Date(moment.getTime() + random.between(minDays, maxDays) * 86_400_000);
}

/** A value that meets, or misses, its criterion, shaped like what officers report. */
export function sampleValue(criterion: ScoredCriterion, met: boolean, random: Random) {
	if (criterion.type === 'boolean') return met;
	if (criterion.type === 'rating') {
		const target = RATINGS.indexOf(criterion.target as (typeof RATINGS)[number]);
		const level = met ? random.int(target, RATINGS.length - 1) : random.int(0, target - 1);
		return RATINGS[Math.max(0, level)];
	}
	const target = Number(criterion.target);
	const whole = criterion.type === 'count';
	const bounded = (value: number) =>
		criterion.type === 'percent_change'
			? value
			: Math.max(0, criterion.type === 'percent' ? Math.min(value, 100) : value);
	const round = (value: number) => bounded(whole ? Math.round(value) : Math.round(value * 10) / 10);
	const upper = criterion.type === 'percent' ? 100 : target + (whole ? 6 : 25);
	// Misses sit near the target, as they do in practice (85 % trained, not 0.2 %).
	const lower =
		criterion.type === 'percent_change'
			? target - 25
			: criterion.type === 'percent'
				? Math.max(0, target - 30)
				: 0;
	const step = whole ? 1 : 0.5;
	switch (criterion.comparator ?? '>=') {
		case '>=':
			return met
				? round(random.between(target, upper))
				: round(random.between(lower, target - step));
		case '>':
			return met
				? round(random.between(target + step, upper + step))
				: round(random.between(lower, target));
		case '<=':
			return met
				? round(random.between(lower, target))
				: round(random.between(target + step, upper));
		case '<':
			return met
				? round(random.between(lower, target - step))
				: round(random.between(target, upper));
		case '=': {
			if (met) return target;
			// Miss by a step, on whichever side stays a possible value.
			const above = target + step <= upper;
			const below = target - step >= lower;
			return round(target + (above && (!below || random.chance(0.5)) ? step : -step));
		}
	}
}

export function generateUnitHistory(unit: HistoryUnit, options: HistoryOptions) {
	const random = createRandom(hashSeed(options.seed, options.campaignCode, unit.key ?? unit.code));
	const pace = (unit.newcomer ? NEWCOMER_PACES : PACES)[unit.pace];
	const startIndex = random.chance(0.7) ? 0 : random.int(0, pace.lateStart);
	let readiness = random.between(...pace.start);
	const growth = random.between(...pace.growth);
	const stallAt = random.chance(0.15) ? random.int(3, 10) : Infinity;
	const slipAt = random.chance(0.05) ? random.int(5, 12) : Infinity;
	// A per-criterion hurdle: low for basics the unit already has, high for hard ones.
	const hurdles = options.criteria.map(
		(criterion) =>
			random.next() * 0.85 +
			(criterion.mandatory ? -0.12 : 0.05) +
			((hashSeed(options.campaignCode, criterion.code) % 100) / 100 - 0.5) * 0.2
	);
	const assessments: SyntheticAssessment[] = [];
	let standing: SyntheticAssessment | undefined;
	let ineligibleApprovals = 0;
	// Workflow moves period after period: nothing happens to a period before the one before it.
	let lastEventAt = new Date(0);
	const lastIndex = options.periods.length - 1;

	options.periods.forEach((period, index) => {
		if (index > 0) {
			if (index >= slipAt) readiness -= 0.012;
			else if (index < stallAt) readiness += growth;
		}
		// Outside its life the unit is not assessed; its surroundings still move on.
		if (unit.periodIds && !unit.periodIds.has(period.id)) return;
		if (index < startIndex || (index < lastIndex && random.chance(0.03))) return;
		const current = index === lastIndex;
		// A quarter of this period's assessments are still being filled in.
		const unfinished = current && random.chance(0.25);
		const values = options.criteria.map((criterion, i) => {
			if (unfinished && random.chance(0.35)) return null;
			// Day-to-day noise on the other criteria; the mandatory basics hold once in place.
			const flip = !criterion.mandatory && random.chance(0.03);
			return sampleValue(criterion, hurdles[i] < readiness !== flip, random);
		});
		const result = scoreAssessment(
			options.criteria,
			new Map(options.criteria.map((criterion, i) => [criterion.code, values[i]]))
		);
		const eligible = isEligible(result, options.rule);
		const record: SyntheticAssessment = {
			unitId: unit.id,
			periodId: period.id,
			status: 'draft',
			values,
			result,
			eligible,
			createdAt: at(addDays(period.startsOn, random.int(3, 30)), random.int(8, 16)),
			createdBy: unit.officerId,
			events: []
		};
		const target = targetStatus(index, lastIndex, random, result.answeredCount < values.length);
		walkWorkflow(record, target, period, unit, options, random, lastEventAt);
		lastEventAt = record.events[record.events.length - 1]?.at ?? lastEventAt;
		if (record.status === 'approved') {
			const approvedAt = record.events[record.events.length - 1].at;
			ineligibleApprovals = eligible ? 0 : ineligibleApprovals + 1;
			if (eligible && !standing) {
				record.recognition = {
					decisionNumber: `${options.nextDecisionNumber()}/QĐ-CAT`,
					decisionDate: localDate(approvedAt)
				};
				standing = record;
			} else if (ineligibleApprovals >= 2 && standing?.recognition) {
				// The province revokes after two approved assessments in a row fall short.
				const reason = `Hai kỳ đánh giá liên tiếp, đến kỳ ${period.label}, không đạt tiêu chí công nhận`;
				record.revocation = { reason };
				standing.recognition.revoked = { at: approvedAt, by: options.adminId, reason };
				standing = undefined;
			}
		}
		assessments.push(record);
	});
	return assessments;
}

function targetStatus(
	index: number,
	lastIndex: number,
	random: Random,
	incomplete: boolean
): AssessmentStatus {
	if (index < lastIndex - 1) return 'approved';
	if (index === lastIndex - 1) {
		const roll = random.next();
		return roll < 0.8 ? 'approved' : roll < 0.95 ? 'verified' : 'submitted';
	}
	if (incomplete) return 'draft';
	const roll = random.next();
	return roll < 0.2 ? 'draft' : roll < 0.55 ? 'submitted' : roll < 0.85 ? 'verified' : 'approved';
}

/** Walks the record from draft to its target status, sometimes through a return. */
function walkWorkflow(
	record: SyntheticAssessment,
	target: AssessmentStatus,
	period: HistoryPeriod,
	unit: HistoryUnit,
	options: HistoryOptions,
	random: Random,
	notBefore: Date
) {
	if (target === 'draft') return;
	const current = period.endsOn >= localDate(options.now);
	// Past periods are submitted around their end; the current one somewhere before now.
	let moment = current
		? later(record.createdAt, random, 1, 12)
		: at(addDays(period.endsOn, random.int(-12, 6)), random.int(8, 17));
	if (moment <= notBefore) moment = later(notBefore, random, 0.5, 2);
	const push = (action: HistoryAction, by: number | null, reason?: string) => {
		record.events.push({ action, at: moment, by, reason });
		moment = later(moment, random, current ? 0.5 : 2, current ? 3 : 9);
	};
	push('submit', unit.officerId);
	if (random.chance(0.1)) {
		push('return', unit.reviewerId, random.pick(RETURN_REASONS));
		push('submit', unit.officerId);
	}
	if (target !== 'submitted') push('verify', unit.reviewerId);
	if (target === 'approved') push('approve', options.adminId);
	finish(record, options.now);
}

const STATUS_AFTER: Record<HistoryAction, AssessmentStatus> = {
	submit: 'submitted',
	return: 'draft',
	verify: 'verified',
	approve: 'approved'
};

/** Keeps what happened before `now`: events are never in the future. */
function finish(record: SyntheticAssessment, now: Date) {
	record.events = record.events.filter((event) => event.at < now);
	const last = record.events[record.events.length - 1];
	record.status = last ? STATUS_AFTER[last.action] : 'draft';
}
