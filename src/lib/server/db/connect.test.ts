import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { configFromEnv, withDefaultUser } from './connect';

describe('withDefaultUser', () => {
	it('keeps a URL that names its user, or when the environment names one', () => {
		expect(withDefaultUser('postgres://kieumau@db:5432/app', {})).toBe(
			'postgres://kieumau@db:5432/app'
		);
		expect(withDefaultUser('postgres://db:5432/app', { USER: 'ops' })).toBe(
			'postgres://db:5432/app'
		);
		expect(withDefaultUser('postgres://db:5432/app', { PGUSER: 'ops' })).toBe(
			'postgres://db:5432/app'
		);
	});

	it("otherwise names the operating system's user, as psql would", () => {
		expect(withDefaultUser('postgres://127.0.0.1:5432/app', {})).toBe(
			`postgres://${os.userInfo().username}@127.0.0.1:5432/app`
		);
	});
});

describe('configFromEnv', () => {
	it('uses PGlite under DATA_DIR without DATABASE_URL', () => {
		expect(configFromEnv({ DATA_DIR: '/srv/km' })).toMatchObject({
			url: undefined,
			dataDir: '/srv/km/pglite'
		});
	});

	it('completes DATABASE_URL with a user', () => {
		expect(configFromEnv({ DATABASE_URL: 'postgres://127.0.0.1/app' }).url).toBe(
			`postgres://${os.userInfo().username}@127.0.0.1/app`
		);
	});
});
