// The one place a service's Refusal becomes SvelteKit's answer: a failed form that keeps what was
// typed, or an error page for what is missing or forbidden. Any other error is a fault and goes on
// to the error handler.
import { error, fail, type ActionFailure } from '@sveltejs/kit';
import { Refusal, type RefusalBody } from '../failure';

/**
 * A refusal as the page shows it; `echo` carries back the non-secret fields the user typed. A 403
 * or 404 with nothing to say beside the form is an error page; one with a body (a file removed
 * meanwhile) stays on the form.
 */
export function refused<E extends object, B extends object = RefusalBody>(
	failure: unknown,
	echo: E = {} as E
): ActionFailure<E & B> {
	if (!(failure instanceof Refusal)) throw failure;
	const page = failure.status === 403 || failure.status === 404;
	if (page && Object.keys(failure.body).length === 0) error(failure.status, failure.message);
	return fail(failure.status, { ...echo, ...(failure.body as B) });
}

/** Runs an action's use case: its result, or its refusal as a failed form. */
export async function attempt<T, E extends object = object, B extends object = RefusalBody>(
	run: () => Promise<T>,
	echo?: E
): Promise<T | ActionFailure<E & B>> {
	try {
		return await run();
	} catch (failure) {
		return refused<E, B>(failure, echo);
	}
}

/** Runs a load's use case: its result, or its refusal as an error page. */
export async function orError<T>(run: Promise<T>): Promise<T> {
	try {
		return await run;
	} catch (failure) {
		if (failure instanceof Refusal) error(failure.status, failure.message);
		throw failure;
	}
}
