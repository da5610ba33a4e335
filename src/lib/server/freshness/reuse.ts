// Figures computed once and reused while the data they were computed from has not changed: the
// key names the data versions (./versions.ts), so a change anywhere makes a new key and the old
// entry simply ages out. Bounded by entries (least recently used go first); requests that ask for
// the same key while it is computed wait for that one computation rather than start their own.

export interface Reuse {
	/** The value for `key`: kept, being computed, or computed now by `compute`. */
	get<T>(key: string, compute: () => Promise<T>): Promise<T>;
	readonly size: number;
}

export function createReuse(maxEntries: number): Reuse {
	if (!Number.isInteger(maxEntries) || maxEntries < 1) {
		throw new Error(`A reuse cache needs room for at least one entry, not ${maxEntries}.`);
	}
	// A Map iterates in insertion order: re-inserting on use keeps the least recent first.
	const entries = new Map<string, Promise<unknown>>();
	return {
		get<T>(key: string, compute: () => Promise<T>): Promise<T> {
			const kept = entries.get(key);
			if (kept) {
				entries.delete(key);
				entries.set(key, kept);
				return kept as Promise<T>;
			}
			const computed = compute();
			entries.set(key, computed);
			// A failure is not kept: the next request computes again.
			computed.catch(() => {
				if (entries.get(key) === computed) entries.delete(key);
			});
			while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
			return computed;
		},
		get size() {
			return entries.size;
		}
	};
}

export interface Shelf<T> {
	get(key: string): T | undefined;
	set(key: string, value: T, weight: number): void;
	/** The weight kept now, at most the shelf's capacity. */
	readonly weight: number;
}

/**
 * Finished values by key, least recently used first out once their weights pass `capacity` (a
 * value heavier than the whole shelf is not kept).
 */
export function createShelf<T>(capacity: number): Shelf<T> {
	if (!(capacity > 0)) throw new Error(`A shelf needs a positive capacity, not ${capacity}.`);
	const entries = new Map<string, { value: T; weight: number }>();
	let total = 0;
	const remove = (key: string) => {
		total -= entries.get(key)!.weight;
		entries.delete(key);
	};
	return {
		get(key) {
			const entry = entries.get(key);
			if (!entry) return undefined;
			entries.delete(key);
			entries.set(key, entry);
			return entry.value;
		},
		set(key, value, weight) {
			if (entries.has(key)) remove(key);
			if (weight > capacity) return;
			entries.set(key, { value, weight });
			total += weight;
			while (total > capacity) remove(entries.keys().next().value!);
		},
		get weight() {
			return total;
		}
	};
}
