import { describe, expect, it } from 'vitest';
import { audienceMismatch, fileAudience, jsonAudience } from './set-audience';

describe('the audience a criteria file names', () => {
	it('reads the key when it is an audience, and none when it is absent', () => {
		expect(fileAudience({ audience: 'school', groups: [] })).toEqual({
			ok: true,
			audience: 'school'
		});
		expect(fileAudience({ groups: [] })).toEqual({ ok: true, audience: null });
		expect(fileAudience([1, 2])).toEqual({ ok: true, audience: null });
	});

	it('names what the key holds when it is no audience', () => {
		expect(fileAudience({ audience: 'hospital' })).toEqual({ ok: false, found: 'hospital' });
		expect(fileAudience({ audience: 3 })).toEqual({ ok: false, found: '3' });
	});

	it('reads JSON text, with or without a byte-order mark; bad JSON names none', () => {
		expect(jsonAudience('\uFEFF{ "audience": "agency", "groups": [] }')).toEqual({
			ok: true,
			audience: 'agency'
		});
		expect(jsonAudience('{ "groups": [')).toEqual({ ok: true, audience: null });
	});
});

describe('importing into an audience draft', () => {
	it('takes a file without the key or of the same audience', () => {
		expect(audienceMismatch({ ok: true, audience: null }, 'school')).toBeNull();
		expect(audienceMismatch({ ok: true, audience: 'school' }, 'school')).toBeNull();
	});

	it("refuses another audience's file, and a key that is no audience", () => {
		expect(audienceMismatch({ ok: true, audience: 'area' }, 'school')).toEqual({
			problem: 'other_audience',
			found: 'area'
		});
		expect(audienceMismatch({ ok: false, found: 'hospital' }, 'area')).toEqual({
			problem: 'unknown_audience',
			found: 'hospital'
		});
	});
});

describe('a whole campaign file', () => {
	it('is its first audience’s set: the movement’s groups are the communes’', () => {
		const movement = { applies_to: ['ward', 'commune', 'township', 'school'], groups: [] };
		expect(fileAudience(movement)).toEqual({ ok: true, audience: 'area' });
		expect(audienceMismatch(fileAudience(movement), 'school')).toEqual({
			problem: 'other_audience',
			found: 'area'
		});
		expect(fileAudience({ applies_to: ['school'], groups: [] })).toEqual({
			ok: true,
			audience: 'school'
		});
	});
});
