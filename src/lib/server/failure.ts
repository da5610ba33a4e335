// Why a use case was refused: the one kind of failure services throw. Each carries the HTTP status
// it means and the body the page shows (field errors, the row someone else saved …); routes hand
// it to `refused()` or `attempt()` in ./http/respond.ts, the one place it becomes fail() or error().
// Server modules never throw SvelteKit's errors themselves; only the guards in ./auth/guards.ts do.

export type RefusalStatus = 400 | 403 | 404 | 409 | 413 | 429;

/** What a refused form shows: field → error code beside each field, plus any details. */
export interface RefusalBody {
	errors?: Record<string, string>;
	[detail: string]: unknown;
}

export class Refusal<B extends RefusalBody = RefusalBody> extends Error {
	constructor(
		readonly status: RefusalStatus,
		readonly body: B,
		message = `Refused (${status})`
	) {
		super(message);
		this.name = new.target.name;
	}
}

/** Input that breaks a rule: each message beside its field (400). */
export class InvalidInput<
	E extends Record<string, string> = Record<string, string>
> extends Refusal<{
	errors: E;
}> {
	constructor(readonly errors: E) {
		super(400, { errors }, 'Invalid input');
	}
}

/** Someone changed the thing since this user loaded it (409). */
export class StaleRevision<
	E extends Record<string, string> = Record<string, string>
> extends Refusal<{
	errors: E;
}> {
	constructor(readonly errors: E) {
		super(409, { errors }, 'Changed since it was loaded');
	}
}

/** Not there, or outside the user's scope, which is told the same way (404). */
export class NotFound extends Refusal {
	constructor(what = 'Not found') {
		super(404, {}, what);
	}
}

/** The role may not do this here (403). */
export class Forbidden extends Refusal {
	constructor() {
		super(403, {}, 'Forbidden');
	}
}

/** An import file that cannot be read as one: what is wrong, and the columns it lacks (400). */
export class UnreadableFile<P extends string = string> extends Refusal<{
	problem: P;
	missing: string[];
}> {
	constructor(problem: P, missing: string[] = []) {
		super(400, { problem, missing }, 'Unreadable file');
	}
}
