import { describe, expect, it } from 'vitest';
import { BackupError } from './envelope';
import { BACKUP_FORMAT, parseRecord, restoreLevel, type Header } from './format';

const header: Header = {
	kind: 'header',
	format: BACKUP_FORMAT,
	createdAt: '2026-12-01T07:00:00.000Z',
	database: 'pglite',
	migrations: ['001_a', '002_b'],
	tables: ['units', 'users']
};

describe('parseRecord', () => {
	it('reads each kind of record', () => {
		expect(parseRecord(JSON.stringify(header))).toEqual(header);
		expect(parseRecord('{"kind":"table","name":"units","columns":["id","code"]}')).toMatchObject({
			name: 'units'
		});
		expect(parseRecord('{"kind":"rows","count":3}')).toEqual({ kind: 'rows', count: 3 });
		const digest = 'ab'.repeat(32);
		expect(parseRecord(`{"kind":"blob","sha256":"${digest}","size":0}`)).toMatchObject({
			sha256: digest
		});
		expect(
			parseRecord(
				'{"kind":"end","rows":{"units":2},"blobs":0,"blobBytes":0,"missing":[],"damaged":[]}'
			)
		).toMatchObject({ kind: 'end' });
	});

	it('refuses what is not a record of its kind', () => {
		for (const line of [
			'not json',
			'[]',
			'{"kind":"table"}',
			'{"kind":"table","name":"units; DROP TABLE x","columns":[]}',
			'{"kind":"rows","count":0}',
			'{"kind":"rows","count":-1}',
			'{"kind":"blob","sha256":"../etc/passwd","size":1}',
			'{"kind":"unknown"}',
			JSON.stringify({ ...header, tables: ['Robert"); --'] })
		]) {
			expect(() => parseRecord(line), line).toThrow(BackupError);
		}
	});

	it('refuses a header of a newer format', () => {
		const newer = JSON.stringify({ ...header, format: BACKUP_FORMAT + 1 });
		expect(() => parseRecord(newer)).toThrow(/newer/);
	});
});

describe('restoreLevel', () => {
	it('answers the last migration the backup applied', () => {
		expect(restoreLevel(header, ['001_a', '002_b', '003_c'])).toBe('002_b');
	});

	it('refuses a backup made by a newer schema than the code knows', () => {
		const error = (() => {
			try {
				restoreLevel({ ...header, migrations: ['001_a', '002_b', '004_d'] }, ['001_a', '002_b']);
			} catch (failure) {
				return failure as BackupError;
			}
		})();
		expect(error?.reason).toBe('newer_schema');
		expect(error?.message).toContain('004_d');
	});

	it('refuses migrations that are not a beginning of the known ones', () => {
		expect(() => restoreLevel({ ...header, migrations: ['002_b'] }, ['001_a', '002_b'])).toThrow(
			BackupError
		);
		expect(() => restoreLevel({ ...header, migrations: [] }, ['001_a'])).toThrow(BackupError);
	});
});
