// The one place a service's Refusal becomes SvelteKit's answer: a failed form that keeps what was
// typed, or an error page for what is missing or forbidden. A database that cannot be reached
// makes a failed form too (503: nothing was saved, what was typed stays). Any other error is a
// fault and goes on to the error handler.
import { error, fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import { faultSummary, isDatabaseUnavailable } from '../db/faults';
import { Refusal, type RefusalBody } from '../failure';
import { log } from '../log';
import { markUnavailable } from './unavailable';

/** The request being answered, when there is one (services also run from scripts and tests). */
function currentEvent(): RequestEvent | null {
	try {
		return getRequestEvent();
	} catch {
		return null;
	}
}

/** Who was refused what, for the log: never the form's contents. */
function logRefusal(failure: Refusal) {
	const event = currentEvent();
	const errors = (failure.body as RefusalBody).errors;
	log.info(
		{
			requestId: event?.locals.requestId,
			route: event?.route.id,
			userId: event?.locals.user?.id,
			status: failure.status,
			refusal: failure.name,
			fields: errors ? Object.keys(errors) : undefined
		},
		'action refused'
	);
}

/**
 * An action whose write the database could not take: 503, with what the user typed and
 * `unavailable` (the root layout shows that nothing was saved); none of the refusal's own fields.
 */
function notStored<E extends object, B extends object>(failure: unknown, echo: E) {
	const event = currentEvent();
	if (event) markUnavailable(event, failure);
	log.warn(
		{
			requestId: event?.locals.requestId,
			route: event?.route.id,
			userId: event?.locals.user?.id,
			fault: faultSummary(failure)
		},
		'action not stored: database unavailable'
	);
	return fail(503, { ...echo, unavailable: true } as unknown as E & B);
}

/**
 * A refusal as the page shows it; `echo` carries back the non-secret fields the user typed. A 403
 * or 404 with nothing to say beside the form is an error page; one with a body (a file removed
 * meanwhile) stays on the form.
 */
export function refused<E extends object, B extends object = RefusalBody>(
	failure: unknown,
	echo: E = {} as E
): ActionFailure<E & B> {
	if (isDatabaseUnavailable(failure)) return notStored<E, B>(failure, echo);
	if (!(failure instanceof Refusal)) throw failure;
	logRefusal(failure);
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
