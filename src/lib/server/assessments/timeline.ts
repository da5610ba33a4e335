// An assessment's history, read back from the audit trail: who, when, which criterion, from what to
// what, and each workflow step with its reason.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { listAssessmentAudit } from './repository';

export interface TimelineEntry {
	id: number;
	at: Date;
	actor: string;
	action: string;
	criterion: string | null;
	before: unknown;
	after: unknown;
	reason: string | null;
}

/** A long history is cut to its latest entries; the audit log keeps everything. */
export const TIMELINE_LIMIT = 300;

function criterionOf(value: unknown): string | null {
	if (value && typeof value === 'object' && 'criterion' in value) {
		const code = (value as { criterion: unknown }).criterion;
		return typeof code === 'string' ? code : null;
	}
	return null;
}

export async function loadTimeline(
	db: Kysely<Database>,
	assessmentId: number
): Promise<TimelineEntry[]> {
	const rows = await listAssessmentAudit(db, assessmentId, TIMELINE_LIMIT);
	return rows.map((row) => ({
		id: Number(row.id),
		at: row.at,
		actor: row.display_name || row.actor_name,
		action: row.action,
		criterion: criterionOf(row.after) ?? criterionOf(row.before),
		before: row.before,
		after: row.after,
		reason: row.reason
	}));
}
