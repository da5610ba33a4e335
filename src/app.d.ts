import type { Session, SessionUser } from '$lib/server/auth/session';
import type { DataVersions } from '$lib/server/freshness/versions';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			/** Set by the auth handle on every request; null when signed out. */
			user: SessionUser | null;
			session: Session | null;
			/** The session's expiry moved on this request: its cookie must be sent again. */
			sessionRenewed: boolean;
			/** This request's id: in its log lines, the X-Request-Id header and the error page. */
			requestId: string;
			/**
			 * Why the database could not serve this request (null while it could): set when the
			 * session lookup, a load or an action met an unavailable database; the page answers 503.
			 */
			unavailable: unknown;
			/** The data versions this request's figures and ETag depend on, once read. */
			versions?: DataVersions;
		}
		interface Error {
			message: string;
			/** Quoted by the user, found in the logs. */
			requestId?: string;
			/** The database is unavailable for the moment: nothing was lost, try again shortly. */
			unavailable?: boolean;
		}
	}
}

export {};
