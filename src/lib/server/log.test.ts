import { describe, expect, it } from 'vitest';
import { localIsoTime, logLevel, requestIdFrom } from './log';

describe('localIsoTime', () => {
	it('writes the local time with its offset, which reads back as the same instant', () => {
		const instant = new Date('2026-12-01T07:03:00.123Z');
		const text = localIsoTime(instant);
		expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
		expect(new Date(text).getTime()).toBe(instant.getTime());
	});

	it('uses the process time zone, half hours included', () => {
		const zone = process.env.TZ;
		try {
			process.env.TZ = 'Asia/Ho_Chi_Minh';
			expect(localIsoTime(new Date('2026-12-01T07:03:00.123Z'))).toBe(
				'2026-12-01T14:03:00.123+07:00'
			);
			process.env.TZ = 'America/St_Johns';
			expect(localIsoTime(new Date('2026-12-01T07:03:00.005Z'))).toBe(
				'2026-12-01T03:33:00.005-03:30'
			);
		} finally {
			if (zone === undefined) delete process.env.TZ;
			else process.env.TZ = zone;
		}
	});
});

describe('logLevel', () => {
	it('reads LOG_LEVEL, info when unset or unknown', () => {
		expect(logLevel({})).toBe('info');
		expect(logLevel({ LOG_LEVEL: 'DEBUG' })).toBe('debug');
		expect(logLevel({ LOG_LEVEL: 'loud' })).toBe('info');
	});
});

describe('requestIdFrom', () => {
	it('keeps a sane incoming id', () => {
		expect(requestIdFrom('abc-123')).toBe('abc-123');
		expect(requestIdFrom('5f2c1a9e-8b1d-4c3e-9f00-1a2b3c4d5e6f')).toBe(
			'5f2c1a9e-8b1d-4c3e-9f00-1a2b3c4d5e6f'
		);
	});

	it('replaces a missing, long or strange one with 16 hexadecimal digits', () => {
		for (const header of [null, '', 'a'.repeat(65), 'x"}\n{"level":"fatal', '<script>', ' id']) {
			const id = requestIdFrom(header);
			expect(id).toMatch(/^[0-9a-f]{16}$/);
		}
		expect(requestIdFrom(null)).not.toBe(requestIdFrom(null));
	});
});
