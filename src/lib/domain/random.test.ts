import { describe, expect, it } from 'vitest';
import { createRandom, hashSeed } from './random';

const draws = (seed: number, n: number) => {
	const random = createRandom(seed);
	return Array.from({ length: n }, () => random.next());
};

describe('createRandom', () => {
	it.each([0, 1, 42, 0xffffffff, hashSeed('CAP-DHKM', '16663')])(
		'repeats the same sequence for seed %i',
		(seed) => {
			expect(draws(seed, 200)).toEqual(draws(seed, 200));
		}
	);

	it('is mulberry32, so seeded data is the same on every machine', () => {
		// The first outputs of the reference mulberry32 for seed 1.
		expect(draws(1, 3)).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
	});

	it('reads the seed as an unsigned 32-bit integer', () => {
		expect(draws(-1, 20)).toEqual(draws(0xffffffff, 20));
		expect(draws(2 ** 32 + 5, 20)).toEqual(draws(5, 20));
	});

	it.each<[number, number]>([
		[0, 1],
		[1, 2],
		[42, 43],
		[1, 0xffffffff]
	])('gives different sequences for seeds %i and %i', (a, b) => {
		const first = draws(a, 10);
		const second = draws(b, 10);
		expect(first).not.toEqual(second);
		expect(first.filter((value, i) => value === second[i]).length).toBeLessThan(2);
	});

	it('starts differently for each of many seeds', () => {
		const firsts = new Set(Array.from({ length: 1000 }, (_, seed) => createRandom(seed).next()));
		expect(firsts.size).toBe(1000);
	});

	it('keeps next() in [0, 1), spread over the whole interval', () => {
		const values = draws(7, 20_000);
		const min = Math.min(...values);
		const max = Math.max(...values);
		expect(min).toBeGreaterThanOrEqual(0);
		expect(max).toBeLessThan(1);
		expect(min).toBeLessThan(0.01);
		expect(max).toBeGreaterThan(0.99);
		const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
		expect(mean).toBeGreaterThan(0.48);
		expect(mean).toBeLessThan(0.52);
	});

	it.each<[number, number]>([
		[0, 1],
		[0.55, 0.7],
		[-25, 0],
		[100, 100]
	])('keeps between(%d, %d) in its half-open range', (min, max) => {
		const random = createRandom(3);
		for (let i = 0; i < 2000; i++) {
			const value = random.between(min, max);
			expect(value).toBeGreaterThanOrEqual(min);
			if (max > min) expect(value).toBeLessThan(max);
			else expect(value).toBe(min);
		}
	});

	it.each<[number, number]>([
		[1, 6],
		[0, 1],
		[-3, 3],
		[3, 30],
		[8, 16]
	])('int(%i, %i) hits both bounds, every value between, and nothing outside', (min, max) => {
		const random = createRandom(11);
		const seen = new Set<number>();
		for (let i = 0; i < 5000; i++) {
			const value = random.int(min, max);
			expect(Number.isInteger(value)).toBe(true);
			expect(value).toBeGreaterThanOrEqual(min);
			expect(value).toBeLessThanOrEqual(max);
			seen.add(value);
		}
		expect(seen.size).toBe(max - min + 1);
		expect(seen.has(min)).toBe(true);
		expect(seen.has(max)).toBe(true);
	});

	it('int(n, n) is always n', () => {
		const random = createRandom(5);
		for (let i = 0; i < 100; i++) expect(random.int(4, 4)).toBe(4);
	});

	it('pick returns items of the list, each of them in time', () => {
		const items = ['a', 'b', 'c', 'd'] as const;
		const random = createRandom(9);
		const seen = new Set<string>();
		for (let i = 0; i < 1000; i++) {
			const item = random.pick(items);
			expect(items).toContain(item);
			seen.add(item);
		}
		expect(seen).toEqual(new Set(items));
	});

	it('pick from a single item is that item', () => {
		const random = createRandom(9);
		const only = { id: 1 };
		for (let i = 0; i < 20; i++) expect(random.pick([only])).toBe(only);
	});

	it('pick follows the seed', () => {
		const items = Array.from({ length: 50 }, (_, i) => i);
		const picks = (seed: number) => {
			const random = createRandom(seed);
			return Array.from({ length: 30 }, () => random.pick(items));
		};
		expect(picks(21)).toEqual(picks(21));
		expect(picks(21)).not.toEqual(picks(22));
	});

	it.each<[number, boolean]>([
		[0, false],
		[-1, false],
		[1, true],
		[2, true]
	])('chance(%d) is always %s', (probability, expected) => {
		const random = createRandom(13);
		for (let i = 0; i < 5000; i++) expect(random.chance(probability)).toBe(expected);
	});

	it.each([0.03, 0.25, 0.5, 0.8])('chance(%d) comes up about that often', (probability) => {
		const random = createRandom(17);
		const n = 20_000;
		let hits = 0;
		for (let i = 0; i < n; i++) if (random.chance(probability)) hits++;
		expect(Math.abs(hits / n - probability)).toBeLessThan(0.02);
	});

	it('shares one stream across its methods', () => {
		const a = createRandom(23);
		const b = createRandom(23);
		a.int(0, 10);
		b.next();
		expect(a.next()).toBe(b.next());
	});
});

describe('hashSeed', () => {
	it.each<[string, number]>([
		// FNV-1a 32-bit test vectors: for ASCII text hashSeed is exactly FNV-1a.
		['', 0x811c9dc5],
		['a', 0xe40c292c],
		['foobar', 0xbf9cf968]
	])('hashes %j to the FNV-1a value %i', (text, expected) => {
		expect(hashSeed(text)).toBe(expected);
	});

	it('is stable across calls', () => {
		const parts = [20260101, 'CAP-DHKM', '16663'] as const;
		expect(hashSeed(...parts)).toBe(hashSeed(...parts));
		expect(hashSeed('Phường Đông Vĩnh')).toBe(hashSeed('Phường Đông Vĩnh'));
	});

	it('returns an unsigned 32-bit integer', () => {
		for (const parts of [['x'], [1, 2, 3], ['Phường Đông Vĩnh', 'Kỳ Sơn'], ['😀', -7.5]]) {
			const hash = hashSeed(...parts);
			expect(Number.isInteger(hash)).toBe(true);
			expect(hash).toBeGreaterThanOrEqual(0);
			expect(hash).toBeLessThan(2 ** 32);
		}
	});

	it('differs for different inputs', () => {
		const inputs: (string | number)[][] = [
			[],
			['a'],
			['b'],
			['ab'],
			['ba'],
			['a', 'b'],
			['b', 'a'],
			['ab', 'c'],
			['a', 'bc'],
			[1],
			[2],
			[1, 'CAP-DHKM', '16663'],
			[1, 'CAP-DHKM', '16666'],
			[2, 'CAP-DHKM', '16663'],
			[1, 'CAP-PTTD', '16663'],
			['Phường'],
			['Phuong'],
			['Phường'.normalize('NFD')]
		];
		const hashes = inputs.map((parts) => hashSeed(...parts));
		expect(new Set(hashes).size).toBe(inputs.length);
	});

	it('differs for each of many unit codes', () => {
		const hashes = new Set(
			Array.from({ length: 5000 }, (_, i) => hashSeed(7, 'CAP-DHKM', String(16000 + i)))
		);
		expect(hashes.size).toBe(5000);
	});

	it('joins its parts with "|", so numbers and their text hash alike', () => {
		expect(hashSeed(1, 2)).toBe(hashSeed('1', '2'));
		expect(hashSeed('a', 'b')).toBe(hashSeed('a|b'));
	});
});
