// The home page's to-do list (see domain/todo.ts): an officer's assessments across every campaign
// and open period of the unit; a reviewer's or the province's queue by campaign and period.
import type { Kysely } from 'kysely';
import { queueStatusOf, roleAllows } from '../../domain/authorization';
import { officerTodo, queueTodo } from '../../domain/todo';
import { countReviewQueue } from '../assessments/queue-repository';
import type { SessionUser } from '../auth/session';
import { listCampaigns } from '../campaigns/repository';
import type { Database } from '../db/schema';
import { listUnitCampaigns } from '../units/repository';
import { listOfficerPeriods } from './repository';

type Db = Kysely<Database>;

export async function loadTodo(
	db: Db,
	user: Pick<SessionUser, 'role' | 'unitId' | 'unitCode' | 'unitName' | 'scopePath' | 'areaId'>,
	now = new Date()
) {
	if (roleAllows(user.role, 'assessment.edit')) {
		const periods = await listOfficerPeriods(db, user.unitId, now);
		const campaigns = await listUnitCampaigns(db, user.unitId);
		const unit = { code: user.unitCode, name: user.unitName };
		return { kind: 'officer' as const, unit, campaigns, ...officerTodo(periods, now) };
	}
	const status = queueStatusOf(user.role);
	const groups = await countReviewQueue(db, user, status);
	const campaigns = await listCampaigns(db);
	return { kind: 'queue' as const, status, campaigns, queue: queueTodo(groups, now) };
}
