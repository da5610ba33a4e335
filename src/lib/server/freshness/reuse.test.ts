import { describe, expect, it } from 'vitest';
import { createReuse, createShelf } from './reuse';

const counter = () => {
	let calls = 0;
	return {
		compute: (value: string) => async () => {
			calls++;
			return value;
		},
		get calls() {
			return calls;
		}
	};
};

describe('createReuse', () => {
	it('computes a key once and hands the kept value to later asks', async () => {
		const reuse = createReuse(4);
		const count = counter();
		expect(await reuse.get('a', count.compute('first'))).toBe('first');
		expect(await reuse.get('a', count.compute('second'))).toBe('first');
		expect(count.calls).toBe(1);
	});

	it('lets concurrent asks for one key share a single computation', async () => {
		const reuse = createReuse(4);
		let release!: (value: string) => void;
		let calls = 0;
		const slow = () => {
			calls++;
			return new Promise<string>((resolve) => (release = resolve));
		};
		const both = Promise.all([reuse.get('a', slow), reuse.get('a', slow)]);
		release('done');
		expect(await both).toEqual(['done', 'done']);
		expect(calls).toBe(1);
	});

	it('computes again after a failure instead of keeping it', async () => {
		const reuse = createReuse(4);
		await expect(
			reuse.get('a', async () => {
				throw new Error('database down');
			})
		).rejects.toThrow('database down');
		expect(reuse.size).toBe(0);
		expect(await reuse.get('a', async () => 'back')).toBe('back');
	});

	it('drops the least recently used entry beyond its room', async () => {
		const reuse = createReuse(2);
		const count = counter();
		await reuse.get('a', count.compute('a'));
		await reuse.get('b', count.compute('b'));
		await reuse.get('a', count.compute('a again')); // a is now the most recent
		await reuse.get('c', count.compute('c')); // b goes
		expect(reuse.size).toBe(2);
		expect(await reuse.get('a', count.compute('a recomputed'))).toBe('a');
		expect(await reuse.get('b', count.compute('b recomputed'))).toBe('b recomputed');
		expect(count.calls).toBe(4);
	});

	it('refuses a cache without room', () => {
		expect(() => createReuse(0)).toThrow('at least one entry');
	});
});

describe('createShelf', () => {
	it('keeps values by key and moves a used one to the back of the line', () => {
		const shelf = createShelf<string>(10);
		shelf.set('a', 'A', 4);
		shelf.set('b', 'B', 4);
		expect(shelf.get('a')).toBe('A');
		shelf.set('c', 'C', 4); // b was used least recently
		expect(shelf.get('b')).toBeUndefined();
		expect(shelf.get('a')).toBe('A');
		expect(shelf.get('c')).toBe('C');
		expect(shelf.weight).toBe(8);
	});

	it('replaces a key without counting it twice', () => {
		const shelf = createShelf<string>(10);
		shelf.set('a', 'A', 6);
		shelf.set('a', 'A2', 6);
		expect(shelf.get('a')).toBe('A2');
		expect(shelf.weight).toBe(6);
	});

	it('does not keep a value heavier than the whole shelf', () => {
		const shelf = createShelf<string>(10);
		shelf.set('a', 'A', 5);
		shelf.set('huge', 'H', 11);
		expect(shelf.get('huge')).toBeUndefined();
		expect(shelf.get('a')).toBe('A');
	});

	it('refuses a shelf without room', () => {
		expect(() => createShelf(0)).toThrow('positive capacity');
	});
});
