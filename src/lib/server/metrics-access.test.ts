import { describe, expect, it } from 'vitest';
import { metricsAccess, metricsConfigFromEnv } from './metrics-access';

const from = (address: string, authorization: string | null = null) => ({ address, authorization });

describe('metricsConfigFromEnv', () => {
	it('is off when neither variable is set', () => {
		expect(metricsConfigFromEnv({})).toEqual({ token: undefined, allow: undefined });
		expect(metricsConfigFromEnv({ METRICS_TOKEN: ' ', METRICS_ALLOW: ' , ' })).toEqual({
			token: undefined,
			allow: undefined
		});
	});

	it('reads the token and a comma-separated list of addresses', () => {
		expect(
			metricsConfigFromEnv({ METRICS_TOKEN: 's3cret', METRICS_ALLOW: '10.0.0.5, ::1' })
		).toEqual({ token: 's3cret', allow: ['10.0.0.5', '::1'] });
	});
});

describe('metricsAccess', () => {
	it('answers nobody when off', () => {
		expect(metricsAccess({}, from('127.0.0.1', 'Bearer anything'))).toBe('off');
	});

	it('wants the exact bearer token when one is set', () => {
		const config = { token: 's3cret' };
		expect(metricsAccess(config, from('203.0.113.9', 'Bearer s3cret'))).toBe('granted');
		expect(metricsAccess(config, from('203.0.113.9', 'bearer s3cret'))).toBe('granted');
		expect(metricsAccess(config, from('203.0.113.9'))).toBe('unauthorized');
		expect(metricsAccess(config, from('203.0.113.9', 'Bearer s3cre'))).toBe('unauthorized');
		expect(metricsAccess(config, from('203.0.113.9', 'Bearer s3cretx'))).toBe('unauthorized');
		expect(metricsAccess(config, from('203.0.113.9', 'Basic czNjcmV0'))).toBe('unauthorized');
	});

	it('wants a listed address when a list is set, IPv4 seen through IPv6 included', () => {
		const config = { allow: ['10.0.0.5', '::1'] };
		expect(metricsAccess(config, from('10.0.0.5'))).toBe('granted');
		expect(metricsAccess(config, from('::ffff:10.0.0.5'))).toBe('granted');
		expect(metricsAccess(config, from('::1'))).toBe('granted');
		expect(metricsAccess(config, from('10.0.0.6'))).toBe('forbidden');
	});

	it('wants both when both are set', () => {
		const config = { token: 's3cret', allow: ['10.0.0.5'] };
		expect(metricsAccess(config, from('10.0.0.5', 'Bearer s3cret'))).toBe('granted');
		expect(metricsAccess(config, from('10.0.0.5'))).toBe('unauthorized');
		expect(metricsAccess(config, from('10.0.0.6', 'Bearer s3cret'))).toBe('forbidden');
	});
});
