// Where `/` sends a signed-in user: the role's home (authorization.ts's homeOf) in the campaign
// their scope takes part in.
import type { Kysely } from 'kysely';
import { homeOf, type Home } from '../../domain/authorization';
import { findHomeCampaign } from '../campaigns/repository';
import type { Database } from '../db/schema';
import { findCampaignRoot } from '../units/repository';
import type { SessionUser } from './session';

/** The user's home, and the campaign it is in (none yet: no campaign covers their scope). */
export async function findHome(
	db: Kysely<Database>,
	user: SessionUser
): Promise<{ home: Home; campaignCode: string | null }> {
	const campaign = await findHomeCampaign(db, user.scopePath);
	const root = campaign ? await findCampaignRoot(db, campaign.id) : undefined;
	return { home: homeOf(user, root?.path ?? null), campaignCode: campaign?.code ?? null };
}
