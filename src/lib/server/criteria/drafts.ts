// Editing a draft criteria set: the one lock-and-check every edit goes through, the refusals it
// answers with, and how sets and criteria read in the audit trail. A published version never
// changes (past periods were scored against it); every edit of a draft checks and bumps its
// revision, so two administrators never overwrite each other.
import type { Kysely, Transaction } from 'kysely';
import type { Audience } from '../../domain/audiences';
import type { AudienceMismatch } from '../../domain/set-audience';
import {
	totalPoints,
	type CriteriaSetContent,
	type CriterionContent,
	type IssueProblem,
	type SetIssue
} from '../../domain/criteria-set';
import type { AuditEntry } from '../audit/repository';
import type { AdminActor } from '../auth/guards';
import type { Database } from '../db/schema';
import { InvalidInput, Refusal } from '../failure';
import { bumpRevision, lockCriteriaSet } from './repository';

type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

/** Why a whole request is refused (as opposed to one field of it). */
export type FormProblem =
	'not_found' | 'published' | 'stale' | 'draft_exists' | 'invalid' | 'in_use' | 'import_invalid';

export interface DraftRefusalBody {
	[detail: string]: unknown;
	problem: FormProblem;
	errors: { form: FormProblem };
	issues?: SetIssue[];
}

/**
 * A whole draft refused, `problem` saying why: 400 when the content is at fault (publishing or
 * importing an invalid set), 409 when the draft is not what the form was drawn from.
 */
export class DraftRefusal extends Refusal<DraftRefusalBody> {
	constructor(
		readonly problem: FormProblem,
		issues?: SetIssue[]
	) {
		super(problem === 'invalid' || problem === 'import_invalid' ? 400 : 409, {
			problem,
			errors: { form: problem },
			...(issues ? { issues } : {})
		});
	}
}

/**
 * A file written for another audience (or naming none the movement has), refused beside the file
 * field: a school's criteria must not land in the communes' draft (400).
 */
export class FileAudienceRefusal extends Refusal<{
	problem: AudienceMismatch['problem'];
	found: string;
	errors: { file: AudienceMismatch['problem'] };
}> {
	constructor(mismatch: AudienceMismatch) {
		super(400, {
			problem: mismatch.problem,
			found: mismatch.found,
			errors: { file: mismatch.problem }
		});
	}
}

/** Fields typed wrong: each problem beside its field (400). */
export function fieldRefusal(issues: readonly { field: string; problem: IssueProblem }[]) {
	return new InvalidInput(Object.fromEntries(issues.map((issue) => [issue.field, issue.problem])));
}

/** Which draft an edit is for (a version of an audience's set), and the revision the form was drawn from. */
export interface DraftRef {
	campaignId: number;
	audience: Audience;
	version: number;
	revision: number;
}

export interface LockedDraft {
	id: number;
	audience: Audience;
	version: number;
	revision: number;
}

/** What an edit leaves: the draft's version and its revision now. */
export interface DraftState {
	version: number;
	revision: number;
}

/** Locks the draft an edit is for, or refuses: missing, published, or changed since the form. */
export async function lockDraft(trx: Trx, ref: DraftRef): Promise<LockedDraft> {
	const set = await lockCriteriaSet(trx, ref.campaignId, ref.audience, ref.version);
	if (!set) throw new DraftRefusal('not_found');
	if (set.status === 'published') throw new DraftRefusal('published');
	if (set.revision !== ref.revision) throw new DraftRefusal('stale');
	return set;
}

/**
 * Runs one edit of a draft: locks the set, runs `work`, then bumps the revision. `work` checks
 * before it writes; a refusal it throws rolls everything back.
 */
export async function editDraft(
	db: Db,
	ref: DraftRef,
	work: (trx: Trx, draft: LockedDraft) => Promise<void>
): Promise<DraftState> {
	return db.transaction().execute(async (trx) => {
		const draft = await lockDraft(trx, ref);
		await work(trx, draft);
		return { version: draft.version, revision: await bumpRevision(trx, draft.id) };
	});
}

/** An audit entry of the criteria editor, by the administrator, from where they are. */
export const audit = (
	actor: AdminActor,
	action: string,
	entityType: string,
	entityId: number,
	before?: unknown,
	after?: unknown
): AuditEntry => ({
	actor,
	action,
	entityType,
	entityId,
	before,
	after,
	ip: actor.ip
});

/** A criterion as the audit trail shows it: every field, targets as one. */
export function criterionRecord(criterion: CriterionContent, group?: string) {
	return {
		...(group === undefined ? {} : { group }),
		code: criterion.code,
		title_vi: criterion.title_vi,
		title_en: criterion.title_en,
		type: criterion.type,
		comparator: criterion.comparator,
		target: criterion.target_rating ?? criterion.target_number,
		points: criterion.points,
		mandatory: criterion.mandatory,
		evidence_required: criterion.evidence_required,
		guidance_vi: criterion.guidance_vi,
		guidance_en: criterion.guidance_en
	};
}

/** A set in a line or two for the audit trail: audience, version, counts and codes. */
export function setRecord(
	set: { audience: Audience; version: number },
	content: CriteriaSetContent
) {
	return {
		audience: set.audience,
		version: set.version,
		groups: content.groups.map((group) => group.code),
		criteria: content.groups.flatMap((group) => group.criteria.map((c) => c.code)),
		points: totalPoints(content)
	};
}
