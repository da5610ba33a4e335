import { describe, expect, it } from 'vitest';
import { criterionAnchor } from '$lib/paths';
import { fieldLink } from './field-links';

describe('the error summary’s links', () => {
	it('lead to the card of a criterion’s field, named by its code', () => {
		expect(fieldLink('value.1.3')).toEqual({
			href: `#${criterionAnchor('1.3')}`,
			label: 'Kết quả của tiêu chí 1.3'
		});
		expect(fieldLink('file.2.1')?.label).toBe('Minh chứng của tiêu chí 2.1');
	});

	it('lead to the review form’s fields by their ids', () => {
		expect(fieldLink('reason')).toEqual({ href: '#review-reason', label: 'Lý do' });
		expect(fieldLink('decisionDate')?.href).toBe('#decision-date');
	});

	it('leave out keys of no field', () => {
		expect(fieldLink('version')).toBeNull();
		expect(fieldLink('other.1.1')).toBeNull();
	});
});
