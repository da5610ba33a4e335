import { describe, expect, it } from 'vitest';
import { blockView, firstOfEachAudience, structureKinds } from './block-view';

const movement = ['ward', 'commune', 'township', 'agency', 'enterprise', 'school'];

describe('blockView', () => {
	it('counts every kind when no block is asked for', () => {
		expect(blockView(movement, null)).toEqual({
			current: null,
			choices: ['area', 'institution'],
			kinds: movement
		});
	});

	it("counts one block's kinds when the campaign has both", () => {
		expect(blockView(movement, 'institution').kinds).toEqual(['agency', 'enterprise', 'school']);
		expect(blockView(movement, 'area').kinds).toEqual(['ward', 'commune', 'township']);
	});

	it('names no block for a campaign of one block, whatever the address asks', () => {
		expect(blockView(['ward', 'commune'], 'institution')).toEqual({
			current: null,
			choices: ['area'],
			kinds: ['ward', 'commune']
		});
	});
});

describe('structureKinds', () => {
	it("is the territory's kinds when the campaign counts any", () => {
		expect(structureKinds(movement)).toEqual(['ward', 'commune', 'township']);
	});

	it("is the campaign's kinds when it counts institutions only", () => {
		expect(structureKinds(['school'])).toEqual(['school']);
	});
});

describe('firstOfEachAudience', () => {
	it("keeps the first items of each audience's run", () => {
		const items = [
			{ audience: 'area' as const, code: 'A1' },
			{ audience: 'area' as const, code: 'A2' },
			{ audience: 'area' as const, code: 'A3' },
			{ audience: 'school' as const, code: 'S1' },
			{ audience: 'school' as const, code: 'S2' },
			{ audience: 'school' as const, code: 'S3' }
		];
		expect(firstOfEachAudience(items, 2).map((item) => item.code)).toEqual([
			'A1',
			'A2',
			'S1',
			'S2'
		]);
	});
});
