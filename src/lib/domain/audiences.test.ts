import { describe, expect, it } from 'vitest';
import {
	audienceOf,
	audiencesOf,
	blockOf,
	blocksOf,
	isAudience,
	isBlock,
	kindsOfAudience,
	kindsOfBlock
} from './audiences';

const MOVEMENT = ['ward', 'commune', 'township', 'agency', 'enterprise', 'school'];

describe('audiences', () => {
	it('gives agencies, enterprises and schools their own set, every other kind the area set', () => {
		expect(audienceOf('school')).toBe('school');
		expect(audienceOf('agency')).toBe('agency');
		expect(audienceOf('enterprise')).toBe('enterprise');
		expect(['ward', 'commune', 'township', 'district', 'city'].map(audienceOf)).toEqual([
			'area',
			'area',
			'area',
			'area',
			'area'
		]);
	});

	it('lists the audiences a campaign needs, in a fixed order', () => {
		expect(audiencesOf(MOVEMENT)).toEqual(['area', 'agency', 'enterprise', 'school']);
		expect(audiencesOf(['ward'])).toEqual(['area']);
		expect(audiencesOf(['school', 'ward'])).toEqual(['area', 'school']);
	});

	it('names the kinds each audience scores', () => {
		expect(kindsOfAudience(MOVEMENT, 'area')).toEqual(['ward', 'commune', 'township']);
		expect(kindsOfAudience(MOVEMENT, 'school')).toEqual(['school']);
		expect(kindsOfAudience(['ward'], 'school')).toEqual([]);
	});

	it('refuses what is not an audience or a block', () => {
		expect(isAudience('school')).toBe(true);
		expect(isAudience('ward')).toBe(false);
		expect(isAudience(undefined)).toBe(false);
		expect(isBlock('institution')).toBe(true);
		expect(isBlock('school')).toBe(false);
	});
});

describe('blocks', () => {
	it('puts agencies, enterprises and schools in one block, the rest in the area block', () => {
		expect(MOVEMENT.map(blockOf)).toEqual([
			'area',
			'area',
			'area',
			'institution',
			'institution',
			'institution'
		]);
	});

	it('counts a block’s kinds only, or every kind together', () => {
		expect(kindsOfBlock(MOVEMENT, 'institution')).toEqual(['agency', 'enterprise', 'school']);
		expect(kindsOfBlock(MOVEMENT, 'area')).toEqual(['ward', 'commune', 'township']);
		expect(kindsOfBlock(MOVEMENT, null)).toEqual(MOVEMENT);
		expect(kindsOfBlock(['ward'], 'institution')).toEqual([]);
	});

	it('lists the blocks a campaign has', () => {
		expect(blocksOf(MOVEMENT)).toEqual(['area', 'institution']);
		expect(blocksOf(['ward'])).toEqual(['area']);
	});
});
