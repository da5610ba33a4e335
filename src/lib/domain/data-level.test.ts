import { describe, expect, it } from 'vitest';
import { countedRecognised, parseDataLevel, statusesOf } from './data-level';

describe('data levels', () => {
	it('reads the query parameter, defaulting to official', () => {
		expect(parseDataLevel('provisional')).toBe('provisional');
		expect(parseDataLevel('official')).toBe('official');
		expect(parseDataLevel(null)).toBe('official');
		expect(parseDataLevel('everything')).toBe('official');
	});

	it('counts approved only when official, and submitted or later when provisional', () => {
		expect(statusesOf('official')).toEqual(['approved']);
		expect(statusesOf('provisional')).toEqual(['submitted', 'verified', 'approved']);
	});

	it('counts the recognised units, and when provisional also those awaiting a decision', () => {
		expect(countedRecognised({ recognised: 5, awaiting: 3 }, 'official')).toBe(5);
		expect(countedRecognised({ recognised: 5, awaiting: 3 }, 'provisional')).toBe(8);
	});
});
