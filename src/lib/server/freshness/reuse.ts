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
