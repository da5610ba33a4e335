import { describe, expect, it } from 'vitest';
import {
	ADDRESS_POLICY,
	lockUntil,
	nextFailureCount,
	USER_POLICY,
	type ThrottlePolicy
} from './throttle';

const NOW = new Date('2026-03-14T09:00:00.000Z');
const secondsBefore = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);
const secondsAfter = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe('policies', () => {
	it('USER_POLICY: 5 free failures, 30 s doubling to 15 min, forgotten after an hour', () => {
		expect(USER_POLICY).toEqual<ThrottlePolicy>({
			freeFailures: 5,
			baseLockSeconds: 30,
			maxLockSeconds: 900,
			forgetAfterSeconds: 3600
		});
	});

	it('ADDRESS_POLICY: 20 free failures, 30 s doubling to 15 min, forgotten after an hour', () => {
		expect(ADDRESS_POLICY).toEqual<ThrottlePolicy>({
			freeFailures: 20,
			baseLockSeconds: 30,
			maxLockSeconds: 900,
			forgetAfterSeconds: 3600
		});
	});
});

describe('nextFailureCount', () => {
	it.each([USER_POLICY, ADDRESS_POLICY])('a first failure counts 1 (free %#)', (policy) => {
		expect(nextFailureCount(policy, null, NOW)).toBe(1);
	});

	it.each<[string, number, number, number]>([
		// label, previous failures, milliseconds since the previous failure, expected count
		['at the same instant', 1, 0, 2],
		['a second later', 1, 1000, 2],
		['a minute later', 4, 60_000, 5],
		['half an hour later', 5, 1_800_000, 6],
		['while deep into locks', 12, 900_000, 13],
		['one millisecond before the hour is up', 7, 3_599_999, 8],
		// The boundary itself still counts: only an idle time longer than the hour resets.
		['exactly at forgetAfterSeconds', 7, 3_600_000, 8],
		['one millisecond after the hour is up', 7, 3_600_001, 1],
		['a second after the hour is up', 7, 3_601_000, 1],
		['a day later', 30, 86_400_000, 1],
		// A clock that stepped back must not reset the count.
		['with the previous failure stamped in the future', 3, -120_000, 4]
	])('USER_POLICY, %s (%i previous, %i ms idle) → %i', (_label, failures, idleMs, expected) => {
		const previous = { failures, lastFailureAt: new Date(NOW.getTime() - idleMs) };
		expect(nextFailureCount(USER_POLICY, previous, NOW)).toBe(expected);
	});

	it.each<[number, number]>([
		[1, 2],
		[2, 3],
		[19, 20],
		[20, 21],
		[99, 100]
	])('ADDRESS_POLICY increments %i → %i within the hour', (failures, expected) => {
		const previous = { failures, lastFailureAt: secondsBefore(10) };
		expect(nextFailureCount(ADDRESS_POLICY, previous, NOW)).toBe(expected);
	});

	it('follows the policy’s forgetAfterSeconds, not a fixed hour', () => {
		const policy: ThrottlePolicy = { ...USER_POLICY, forgetAfterSeconds: 10 };
		const at = (idle: number) =>
			nextFailureCount(policy, { failures: 3, lastFailureAt: secondsBefore(idle) }, NOW);
		expect(at(10)).toBe(4);
		expect(at(11)).toBe(1);
		expect(at(3601)).toBe(1);
	});
});

describe('lockUntil', () => {
	it.each([1, 2, 3, 4])('USER_POLICY: %i failures are still free', (failures) => {
		expect(lockUntil(USER_POLICY, failures, NOW)).toBeNull();
	});

	it.each<[number, number]>([
		[5, 30],
		[6, 60],
		[7, 120],
		[8, 240],
		[9, 480],
		// 960 s would exceed the cap.
		[10, 900],
		[11, 900],
		[20, 900],
		[100, 900],
		// 2 ** 1100 overflows to Infinity; the cap still holds.
		[1105, 900]
	])('USER_POLICY: %i failures lock for %i s', (failures, seconds) => {
		expect(lockUntil(USER_POLICY, failures, NOW)).toEqual(secondsAfter(seconds));
	});

	it.each([1, 5, 10, 19])('ADDRESS_POLICY: %i failures are still free', (failures) => {
		expect(lockUntil(ADDRESS_POLICY, failures, NOW)).toBeNull();
	});

	it.each<[number, number]>([
		[20, 30],
		[21, 60],
		[22, 120],
		[24, 480],
		[25, 900],
		[40, 900]
	])('ADDRESS_POLICY: %i failures lock for %i s', (failures, seconds) => {
		expect(lockUntil(ADDRESS_POLICY, failures, NOW)).toEqual(secondsAfter(seconds));
	});

	it('never locks longer than maxLockSeconds', () => {
		for (let failures = 1; failures <= 60; failures++) {
			const until = lockUntil(USER_POLICY, failures, NOW);
			if (until) expect(until.getTime() - NOW.getTime()).toBeLessThanOrEqual(900_000);
		}
	});

	it('each lock is at least as long as the one before', () => {
		let previous = 0;
		for (let failures = 1; failures <= 30; failures++) {
			const until = lockUntil(USER_POLICY, failures, NOW);
			const length = until ? until.getTime() - NOW.getTime() : 0;
			expect(length).toBeGreaterThanOrEqual(previous);
			previous = length;
		}
	});

	it('counts from the given now', () => {
		const later = new Date('2027-01-01T00:00:00.000Z');
		expect(lockUntil(USER_POLICY, 5, later)).toEqual(new Date('2027-01-01T00:00:30.000Z'));
	});

	it('does not modify the now it is given', () => {
		const now = new Date(NOW);
		lockUntil(USER_POLICY, 7, now);
		expect(now).toEqual(NOW);
	});

	it('follows a custom policy', () => {
		const policy: ThrottlePolicy = {
			freeFailures: 2,
			baseLockSeconds: 10,
			maxLockSeconds: 25,
			forgetAfterSeconds: 60
		};
		expect(lockUntil(policy, 1, NOW)).toBeNull();
		expect(lockUntil(policy, 2, NOW)).toEqual(secondsAfter(10));
		expect(lockUntil(policy, 3, NOW)).toEqual(secondsAfter(20));
		expect(lockUntil(policy, 4, NOW)).toEqual(secondsAfter(25));
	});
});
