import { describe, expect, it } from 'vitest';
import { namesTag } from './entity-tag';

describe('namesTag', () => {
	const tag = 'W/"abc"';

	it('finds the tag alone, weak or strong', () => {
		expect(namesTag('W/"abc"', tag)).toBe(true);
		expect(namesTag('"abc"', tag)).toBe(true);
	});

	it('finds the tag in a list', () => {
		expect(namesTag('"x", W/"abc" ,"y"', tag)).toBe(true);
	});

	it('takes * as any tag', () => {
		expect(namesTag(' * ', tag)).toBe(true);
	});

	it('refuses another tag, no header, or a tag that only contains this one', () => {
		expect(namesTag('W/"abd"', tag)).toBe(false);
		expect(namesTag(null, tag)).toBe(false);
		expect(namesTag('', tag)).toBe(false);
		expect(namesTag('W/"abcd"', tag)).toBe(false);
	});
});
