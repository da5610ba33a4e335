// What a refused use case answered, to compare with what the page is told.
import { Refusal } from '../../../src/lib/server/failure';

/** The status and body of the Refusal the promise rejects with; fails when it resolves. */
export async function refusalOf(promise: Promise<unknown>) {
	try {
		await promise;
	} catch (failure) {
		if (failure instanceof Refusal) return { status: failure.status, body: failure.body };
		throw failure;
	}
	throw new Error('Expected a refusal, but the use case succeeded');
}
