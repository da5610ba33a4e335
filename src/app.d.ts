import type { Session, SessionUser } from '$lib/server/auth/session';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			/** Set by the auth handle on every request; null when signed out. */
			user: SessionUser | null;
			session: Session | null;
		}
	}
}

export {};
