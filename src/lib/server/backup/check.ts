// The check after a restore (and on its own, `npm run backup:check`): every assessment's stored
// figures against the domain's scoring of its stored answers, and every evidence file's content
// against its SHA-256. Reads only; on PGlite, run it with the app stopped.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isMet, scoreAssessment } from '../../domain/scoring';
import { listCriteria, valueOf, type CriterionRow } from '../assessments/repository';
import type { Database } from '../db/schema';
import type { EvidenceStore } from '../evidence/content';
import { listReferencedContent } from '../evidence/repository';

const BATCH = 500;
/** Problems listed in full; beyond these, only counted. */
const SHOWN = 20;

export interface CheckReport {
	assessments: number;
	/** Assessments whose stored score, counts, unmet criteria or results differ from the scoring. */
	scoreMismatches: number;
	evidenceFiles: number;
	contents: number;
	contentBytes: number;
	missingContent: number;
	damagedContent: number;
	problems: string[];
	ok: boolean;
}

export async function checkDatabase(
	db: Kysely<Database>,
	store: EvidenceStore
): Promise<CheckReport> {
	const report: CheckReport = {
		assessments: 0,
		scoreMismatches: 0,
		evidenceFiles: 0,
		contents: 0,
		contentBytes: 0,
		missingContent: 0,
		damagedContent: 0,
		problems: [],
		ok: true
	};
	const problem = (text: string) => {
		if (report.problems.length < SHOWN) report.problems.push(text);
	};
	await checkScores(db, report, problem);
	await checkEvidence(db, store, report, problem);
	report.ok =
		report.scoreMismatches === 0 && report.missingContent === 0 && report.damagedContent === 0;
	return report;
}

async function checkScores(
	db: Kysely<Database>,
	report: CheckReport,
	problem: (text: string) => void
) {
	const sets = new Map<number, CriterionRow[]>();
	let after = 0;
	for (;;) {
		const assessments = await db
			.selectFrom('assessments')
			.select([
				'id',
				'criteria_set_id',
				'score',
				'met_count',
				'criteria_count',
				'mandatory_met',
				'unmet_codes'
			])
			.where('id', '>', after)
			.orderBy('id')
			.limit(BATCH)
			.execute();
		if (assessments.length === 0) return;
		after = assessments.at(-1)!.id;
		const results = await db
			.selectFrom('criterion_results')
			.select([
				'assessment_id',
				'criterion_id',
				'value_boolean',
				'value_number',
				'value_rating',
				'met'
			])
			.where(
				'assessment_id',
				'in',
				assessments.map((assessment) => assessment.id)
			)
			.execute();
		const resultsOf = new Map<number, typeof results>();
		for (const result of results) {
			const list = resultsOf.get(result.assessment_id) ?? [];
			list.push(result);
			resultsOf.set(result.assessment_id, list);
		}
		for (const assessment of assessments) {
			report.assessments++;
			let criteria = sets.get(assessment.criteria_set_id);
			if (!criteria) {
				criteria = await listCriteria(db, assessment.criteria_set_id);
				sets.set(assessment.criteria_set_id, criteria);
			}
			const byId = new Map(criteria.map((criterion) => [criterion.id, criterion]));
			const values = new Map<string, ReturnType<typeof valueOf>>();
			const differences: string[] = [];
			for (const result of resultsOf.get(assessment.id) ?? []) {
				const criterion = byId.get(result.criterion_id);
				if (!criterion) {
					differences.push(`a result for criterion ${result.criterion_id} outside its set`);
					continue;
				}
				const value = valueOf(result);
				values.set(criterion.code, value);
				if (isMet(criterion, value) !== result.met)
					differences.push(`criterion ${criterion.code} met`);
			}
			const score = scoreAssessment(criteria, values);
			if (score.score !== assessment.score) {
				differences.push(`score ${assessment.score} stored, ${score.score} computed`);
			}
			if (score.metCount !== assessment.met_count) differences.push('criteria met');
			if (score.criteriaCount !== assessment.criteria_count) differences.push('criteria counted');
			if (score.mandatoryMet !== assessment.mandatory_met) differences.push('mandatory criteria');
			if (score.unmet.join() !== assessment.unmet_codes.join()) differences.push('unmet criteria');
			if (differences.length > 0) {
				report.scoreMismatches++;
				problem(`assessment ${assessment.id}: ${differences.join('; ')}`);
			}
		}
	}
}

async function checkEvidence(
	db: Kysely<Database>,
	store: EvidenceStore,
	report: CheckReport,
	problem: (text: string) => void
) {
	const { count } = await db
		.selectFrom('evidence_files')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.executeTakeFirstOrThrow();
	report.evidenceFiles = Number(count);
	for (const { sha256, size } of await listReferencedContent(db)) {
		report.contents++;
		const content = await store.open(db, sha256);
		if (!content) {
			report.missingContent++;
			problem(`evidence ${sha256}: no content in ${store.location}`);
			continue;
		}
		const hash = createHash('sha256');
		let bytes = 0;
		for await (const chunk of content.chunks) {
			hash.update(chunk);
			bytes += chunk.length;
		}
		report.contentBytes += bytes;
		if (hash.digest('hex') !== sha256 || bytes !== Number(size)) {
			report.damagedContent++;
			problem(`evidence ${sha256}: its content does not match its digest or size`);
		}
	}
}

/** The report as a few lines for an operator. */
export function describeCheck(report: CheckReport): string[] {
	const mib = (report.contentBytes / 1024 / 1024).toFixed(1);
	return [
		`Scores: ${report.assessments} assessments recomputed, ${report.scoreMismatches} differ from what is stored.`,
		`Evidence: ${report.evidenceFiles} files, ${report.contents} distinct contents (${mib} MiB) hashed, ` +
			`${report.missingContent} missing, ${report.damagedContent} damaged.`,
		...report.problems.map((text) => `  ✗ ${text}`),
		report.ok ? 'Check passed.' : 'CHECK FAILED: see above.'
	];
}
