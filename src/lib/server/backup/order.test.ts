import { describe, expect, it } from 'vitest';
import { dependencyOrder } from './order';

describe('dependencyOrder', () => {
	it('puts every table after the tables it refers to, alphabetically among equals', () => {
		const order = dependencyOrder(
			['users', 'units', 'sessions', 'assessments', 'campaigns', 'periods'],
			[
				{ from: 'users', to: 'units' },
				{ from: 'sessions', to: 'users' },
				{ from: 'assessments', to: 'units' },
				{ from: 'assessments', to: 'periods' },
				{ from: 'assessments', to: 'users' },
				{ from: 'periods', to: 'campaigns' }
			]
		);
		expect(order).toEqual(['campaigns', 'units', 'periods', 'users', 'assessments', 'sessions']);
	});

	it('leaves references of a table to itself to the restore', () => {
		expect(
			dependencyOrder(
				['units', 'users'],
				[
					{ from: 'units', to: 'units' },
					{ from: 'users', to: 'units' }
				]
			)
		).toEqual(['units', 'users']);
	});

	it('ignores references to tables outside the list', () => {
		expect(dependencyOrder(['audit_log'], [{ from: 'audit_log', to: 'sessions' }])).toEqual([
			'audit_log'
		]);
	});

	it('refuses a cycle between tables', () => {
		expect(() =>
			dependencyOrder(
				['a', 'b', 'c'],
				[
					{ from: 'a', to: 'b' },
					{ from: 'b', to: 'a' }
				]
			)
		).toThrow('cycle: a, b');
	});
});
