// A small seeded pseudo-random generator (mulberry32): same seed, same sequence, on every machine.

export interface Random {
	/** A float in [0, 1). */
	next(): number;
	/** A float in [min, max). */
	between(min: number, max: number): number;
	/** An integer in [min, max]. */
	int(min: number, max: number): number;
	chance(probability: number): boolean;
	pick<T>(items: readonly T[]): T;
}

export function createRandom(seed: number): Random {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
	return {
		next,
		between: (min, max) => min + (max - min) * next(),
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		chance: (probability) => next() < probability,
		pick: (items) => items[Math.floor(next() * items.length)]
	};
}

/** A stable 32-bit seed from text, so each unit gets its own stream whatever the order of work. */
export function hashSeed(...parts: (string | number)[]): number {
	let hash = 2166136261;
	for (const char of parts.join('|')) {
		hash ^= char.codePointAt(0)!;
		hash = Math.imul(hash, 16777619);
	}
	return hash >>> 0;
}
