import { createServer, type AddressInfo } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { faultSummary, isDatabaseUnavailable } from './faults';

/** A server-side error as node-postgres hands it over. */
function serverError(code: string, message: string): pg.DatabaseError {
	const error = new pg.DatabaseError(message, message.length, 'error');
	error.code = code;
	return error;
}

function withCode(code: string, message = code): Error {
	return Object.assign(new Error(message), { code });
}

describe('isDatabaseUnavailable', () => {
	it('holds for a server that ends connections, restarts or refuses them', () => {
		for (const [code, message] of [
			['57P01', 'terminating connection due to administrator command'],
			['57P02', 'terminating connection because of crash of another server process'],
			['57P03', 'the database system is starting up'],
			['53300', 'sorry, too many clients already'],
			['08006', 'connection failure'],
			['08001', 'could not connect'],
			['55000', 'database "kieumau" is not currently accepting connections']
		]) {
			expect(isDatabaseUnavailable(serverError(code, message)), code).toBe(true);
		}
	});

	it('holds for the socket failing and for the pool having no connection to give', () => {
		for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']) {
			expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
		}
		for (const message of [
			'Connection terminated unexpectedly',
			'Connection terminated due to connection timeout',
			'timeout exceeded when trying to connect',
			'Client has encountered a connection error and is not queryable',
			'Cannot use a pool after calling end on the pool'
		]) {
			expect(isDatabaseUnavailable(new Error(message)), message).toBe(true);
		}
	});

	it('looks through causes and the errors of an AggregateError (localhost on two addresses)', () => {
		const refused = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], '');
		expect(isDatabaseUnavailable(refused)).toBe(true);
		const wrapped = new Error('Migration failed', { cause: serverError('57P01', 'terminating') });
		expect(isDatabaseUnavailable(wrapped)).toBe(true);
	});

	it('does not hold for faults of the app or of the query', () => {
		for (const [code, message] of [
			['23505', 'duplicate key value violates unique constraint "users_username_key"'],
			['42P01', 'relation "nothing" does not exist'],
			['40001', 'could not serialize access due to concurrent update'],
			['57014', 'canceling statement due to statement timeout'],
			['28P01', 'password authentication failed for user "kieumau"'],
			['3D000', 'database "missing" does not exist']
		]) {
			expect(isDatabaseUnavailable(serverError(code, message)), code).toBe(false);
		}
		expect(
			isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))
		).toBe(false);
		expect(isDatabaseUnavailable(undefined)).toBe(false);
		expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
		const loop: { cause?: unknown } = new Error('loop');
		loop.cause = loop;
		expect(isDatabaseUnavailable(loop)).toBe(false);
	});

	it('holds for what node-postgres really throws at a port where nothing listens', async () => {
		const port = await new Promise<number>((resolve) => {
			const probe = createServer().listen(0, '127.0.0.1', () => {
				const { port } = probe.address() as AddressInfo;
				probe.close(() => resolve(port));
			});
		});
		const client = new pg.Client({ host: '127.0.0.1', port, user: 'nobody', database: 'none' });
		const failure = await client.connect().then(
			() => null,
			(error: unknown) => error
		);
		expect(failure).not.toBeNull();
		expect(isDatabaseUnavailable(failure)).toBe(true);
	});
});

describe('faultSummary', () => {
	it('keeps the code and the message, nothing else', () => {
		expect(faultSummary(serverError('57P01', 'terminating connection'))).toEqual({
			code: '57P01',
			message: 'terminating connection'
		});
		expect(faultSummary(new Error('plain'))).toEqual({ message: 'plain' });
	});
});
