// Sign-in throttling policy: free attempts, then a lock that doubles with each further failure.

export interface ThrottlePolicy {
	/** Failures allowed before the first lock. */
	freeFailures: number;
	baseLockSeconds: number;
	maxLockSeconds: number;
	/** A failure more than this long after the previous one starts the count again. */
	forgetAfterSeconds: number;
}

/** Per username: a person mistyping. */
export const USER_POLICY: ThrottlePolicy = {
	freeFailures: 5,
	baseLockSeconds: 30,
	maxLockSeconds: 15 * 60,
	forgetAfterSeconds: 60 * 60
};

/** Per client address: a whole office may sit behind one address. */
export const ADDRESS_POLICY: ThrottlePolicy = {
	freeFailures: 20,
	baseLockSeconds: 30,
	maxLockSeconds: 15 * 60,
	forgetAfterSeconds: 60 * 60
};

/** The failure count after one more failure at `now`. */
export function nextFailureCount(
	policy: ThrottlePolicy,
	previous: { failures: number; lastFailureAt: Date } | null,
	now: Date
): number {
	if (!previous) return 1;
	const idle = (now.getTime() - previous.lastFailureAt.getTime()) / 1000;
	return idle > policy.forgetAfterSeconds ? 1 : previous.failures + 1;
}

/** Until when sign-in is refused after `failures` failures; null while still free. */
export function lockUntil(policy: ThrottlePolicy, failures: number, now: Date): Date | null {
	if (failures < policy.freeFailures) return null;
	const doublings = failures - policy.freeFailures;
	const seconds = Math.min(policy.baseLockSeconds * 2 ** doublings, policy.maxLockSeconds);
	return new Date(now.getTime() + seconds * 1000);
}
