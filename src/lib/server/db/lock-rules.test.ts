import { describe, expect, it } from 'vitest';
import {
	folderInUseMessage,
	guardIsStale,
	probeVerdict,
	readHolder,
	type Holder
} from './lock-rules';

const holder: Holder = {
	pid: 4242,
	command: 'npm start: node build/index.js',
	since: '2026-05-04T09:12:03+07:00',
	host: 'may-chu'
};

describe('probeVerdict', () => {
	it('calls a holder that accepts the connection, or is too busy to, alive', () => {
		expect(probeVerdict(null)).toBe('alive');
		expect(probeVerdict('EAGAIN')).toBe('alive');
	});

	it('calls a socket nobody listens on dead, whatever pid its file names', () => {
		expect(probeVerdict('ECONNREFUSED')).toBe('dead');
	});

	it('notices a socket file removed meanwhile, and refuses to guess otherwise', () => {
		expect(probeVerdict('ENOENT')).toBe('gone');
		expect(() => probeVerdict('EACCES')).toThrow(/EACCES/);
	});
});

describe('guardIsStale', () => {
	it('leaves a take-over in progress alone and clears one a killed process left', () => {
		expect(guardIsStale(40)).toBe(false);
		expect(guardIsStale(5_000)).toBe(false);
		expect(guardIsStale(5_001)).toBe(true);
	});
});

describe('folderInUseMessage', () => {
	it('names the holder: pid, command, host and since when', () => {
		const message = folderInUseMessage('/srv/km/pglite', holder, 'maintenance');
		expect(message).toContain('/srv/km/pglite is in use by process 4242');
		expect(message).toContain('(npm start: node build/index.js) on may-chu');
		expect(message).toContain('running since 2026-05-04T09:12:03+07:00');
	});

	it('tells a maintenance command to stop the holder, with its pid', () => {
		expect(folderInUseMessage('/d', holder, 'maintenance')).toContain(
			'Stop that process first (Ctrl+C in its terminal, kill 4242, or your service manager)'
		);
	});

	it('tells a second app to use the first one or PostgreSQL', () => {
		expect(folderInUseMessage('/d', holder, 'app')).toMatch(/Use the app that runs.*PostgreSQL/);
	});

	it('still refuses when the holder file is missing', () => {
		expect(folderInUseMessage('/d', undefined, 'other')).toContain('in use by another process.');
	});
});

describe('readHolder', () => {
	it('reads what the holder wrote', () => {
		expect(readHolder(JSON.stringify(holder))).toEqual(holder);
	});

	it('says nothing of a missing, partial or foreign file', () => {
		expect(readHolder(undefined)).toBeUndefined();
		expect(readHolder('{"pid": 12')).toBeUndefined();
		expect(readHolder('{"name": "x"}')).toBeUndefined();
	});
});
