// The assessment an address names, for the page and its evidence downloads: the unit passes the
// scope guards (unit, then area) first, then the rest of the address is looked up.
import type { RequestEvent } from '@sveltejs/kit';
import type { Action } from '$lib/domain/authorization';
import { clientAddress } from '$lib/server/auth/client';
import { requireAreaScope } from '$lib/server/auth/area-scope';
import { requireScope } from '$lib/server/auth/guards';
import { findAddressed, findPlace, type PlaceAddress } from '$lib/server/assessments/place';
import type { Actor } from '$lib/server/assessments/service';
import { getDb } from '$lib/server/db';
import { orError } from '$lib/server/http/respond';

type PlaceEvent = Pick<
	RequestEvent<PlaceAddress>,
	'locals' | 'url' | 'params' | 'getClientAddress'
>;

/** The user, as the services record who acted, and the place; 404 or 403 when not theirs. */
export async function placeOf(event: PlaceEvent, action: Action) {
	const db = getDb();
	const addressed = await findAddressed(db, event.params);
	const user = requireScope(event, action, addressed.unit);
	// A user scoped to a reporting area reaches only its members' assessments.
	await requireAreaScope(db, user, addressed.unit!.path);
	const place = await orError(findPlace(db, addressed));
	const actor: Actor = {
		id: user.id,
		username: user.username,
		role: user.role,
		ip: clientAddress(event)
	};
	return { user, actor, place };
}
