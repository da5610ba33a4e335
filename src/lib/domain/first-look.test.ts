import { describe, expect, it } from 'vitest';
import { firstLookPeriod, hasEnoughWork } from './first-look';

const point = (label: string, units: number, sent: number, status = 'closed') => ({
	label,
	status,
	units,
	sent
});

describe('firstLookPeriod', () => {
	it('opens on the latest period in which at least half of the units sent their work', () => {
		const points = [
			point('2026-Q2', 130, 120),
			point('2026-Q3', 130, 65),
			point('2026-Q4', 130, 12, 'open')
		];
		expect(firstLookPeriod(points)?.label).toBe('2026-Q3');
	});

	it('takes the open period once half of its units have sent', () => {
		const points = [point('2026-Q3', 130, 130), point('2026-Q4', 130, 65, 'open')];
		expect(firstLookPeriod(points)?.label).toBe('2026-Q4');
	});

	it('needs half exactly: one unit short is not enough', () => {
		expect(hasEnoughWork(point('2026-Q3', 11, 6))).toBe(true);
		expect(hasEnoughWork(point('2026-Q3', 11, 5))).toBe(false);
		expect(hasEnoughWork(point('2026-Q3', 10, 5))).toBe(true);
	});

	it('finds none when no period has come that far, or a period counts no unit', () => {
		expect(firstLookPeriod([point('2026-Q4', 130, 3, 'open')])).toBeUndefined();
		expect(firstLookPeriod([point('2026-Q4', 0, 0)])).toBeUndefined();
		expect(firstLookPeriod([])).toBeUndefined();
	});
});
