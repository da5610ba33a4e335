import { afterEach, describe, expect, it } from 'vitest';
import { baseLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import type { AuditNames } from '$lib/domain/audit-entry';
import { auditSentence, fill, objectSegments, plainText, type WordedEntry } from './audit-words';
import { auditFields, fieldLabel, fieldValue, plainValue } from './audit-values';

const names: AuditNames = {
	assessments: {
		74: {
			campaign: 'CAP-DHKM',
			unitCode: '16672',
			unitName: 'Phường Trường Vinh',
			period: '2026-Q4',
			criteria: {
				'1.3': {
					code: '1.3',
					title_vi: 'Tỷ lệ hộ gia đình văn hóa',
					title_en: 'Share of cultured households',
					type: 'percent',
					comparator: '>=',
					targetNumber: 90,
					targetRating: null
				}
			}
		}
	},
	campaigns: { 'CAP-DHKM': { name_vi: 'Đô thị văn minh', name_en: 'Civilised towns' } },
	criteria: {
		12: { code: '2.1', title_vi: 'Vệ sinh', title_en: 'Hygiene', campaign: 'CAP-DHKM', version: 2 }
	},
	groups: {
		3: { code: 'A', name_vi: 'Kinh tế', name_en: 'Economy', campaign: 'CAP-DHKM', version: 2 }
	},
	sets: {
		2: { campaign: 'CAP-DHKM', version: 2 },
		4: { campaign: 'PT-TDBVANTQ', audience: 'school', version: 1 }
	},
	users: { 5: { username: 'officer.16690', display_name: 'Trần Thị B' } },
	areaSets: { 'HUYEN-CU': { name_vi: 'Địa bàn huyện cũ', name_en: 'Former districts' } },
	decisions: { 9: { number: '12/QĐ-UBND', date: '2026-12-20', campaign: 'CAP-DHKM' } },
	units: { '412': 'TP Vinh', '16690': 'Phường Vinh Tân' }
};

function entry(fields: Partial<WordedEntry>): WordedEntry {
	return {
		action: 'x.y',
		entity_type: 'assessment',
		entity_id: '74',
		before: null,
		after: null,
		actor_name: 'reviewer.vinh',
		actor_display: 'Nguyễn Văn A',
		unit_code: '16672',
		unit_name: 'Phường Trường Vinh',
		...fields
	};
}

const sentence = (fields: Partial<WordedEntry>) => auditSentence(entry(fields), names);
const read = (fields: Partial<WordedEntry>) => plainText(sentence(fields));
const links = (fields: Partial<WordedEntry>) =>
	sentence(fields)
		.filter((segment) => segment.href)
		.map((segment) => [segment.text, segment.href]);

afterEach(() => overwriteGetLocale(() => baseLocale));

describe('an entry as a sentence', () => {
	it('names who verified which assessment, of which unit, period and campaign', () => {
		const verify = { action: 'assessment.verify' };
		expect(read(verify)).toBe(
			'Nguyễn Văn A đã xác minh bản đánh giá của Phường Trường Vinh (16672), kỳ Quý IV/2026, phong trào CAP-DHKM'
		);
		expect(links(verify)).toEqual([
			['Nguyễn Văn A', '/admin/users/reviewer.vinh'],
			['bản đánh giá', '/campaigns/CAP-DHKM/units/16672/periods/2026-Q4'],
			['Phường Trường Vinh (16672)', '/campaigns/CAP-DHKM/units/16672'],
			['CAP-DHKM', '/campaigns/CAP-DHKM']
		]);
	});

	it('names the criterion of a value by code and title, linked to its card', () => {
		const change = {
			action: 'result.value',
			before: { criterion: '1.3', value: 95.5 },
			after: { criterion: '1.3', value: 90.9 }
		};
		expect(read(change)).toMatch(
			/^Nguyễn Văn A đã sửa giá trị tiêu chí 1\.3 Tỷ lệ hộ gia đình văn hóa trong bản đánh giá của/
		);
		expect(links(change)[1]).toEqual([
			'1.3 Tỷ lệ hộ gia đình văn hóa',
			'/campaigns/CAP-DHKM/units/16672/periods/2026-Q4#c-1_3'
		]);
	});

	it('reads in English when the page is in English', () => {
		overwriteGetLocale(() => 'en');
		expect(read({ action: 'assessment.approve' })).toBe(
			'Nguyễn Văn A approved the assessment of Phường Trường Vinh (16672), period Q4 2026, campaign CAP-DHKM'
		);
	});

	it('names an assessment that no longer exists by its number', () => {
		expect(read({ action: 'assessment.submit', entity_id: '999' })).toBe(
			'Nguyễn Văn A đã nộp bản đánh giá số 999 (không còn)'
		);
	});

	it('names periods, campaigns, criteria, users, units, decisions and area sets with links', () => {
		const cases: [Partial<WordedEntry>, string, [string, string][]][] = [
			[
				{ action: 'period.close', entity_type: 'period', entity_id: 'CAP-DHKM/2026-Q4' },
				'Nguyễn Văn A đã đóng kỳ Quý IV/2026 của phong trào CAP-DHKM',
				[
					['Quý IV/2026', '/admin/campaigns/CAP-DHKM/periods/2026-Q4'],
					['CAP-DHKM', '/admin/campaigns/CAP-DHKM']
				]
			],
			[
				{ action: 'campaign.update', entity_type: 'campaign', entity_id: 'CAP-DHKM' },
				'Nguyễn Văn A đã sửa phong trào CAP-DHKM',
				[['CAP-DHKM', '/admin/campaigns/CAP-DHKM']]
			],
			[
				{ action: 'criteria.update', entity_type: 'criterion', entity_id: '12' },
				'Nguyễn Văn A đã sửa tiêu chí 2.1 Vệ sinh (Phiên bản 2, phong trào CAP-DHKM)',
				[
					['Phiên bản 2', '/admin/campaigns/CAP-DHKM/criteria/area/2'],
					['CAP-DHKM', '/admin/campaigns/CAP-DHKM']
				]
			],
			[
				{ action: 'criteria_group.move', entity_type: 'criteria_group', entity_id: '3' },
				'Nguyễn Văn A đã đổi thứ tự nhóm tiêu chí A Kinh tế (Phiên bản 2, phong trào CAP-DHKM)',
				[
					['Phiên bản 2', '/admin/campaigns/CAP-DHKM/criteria/area/2'],
					['CAP-DHKM', '/admin/campaigns/CAP-DHKM']
				]
			],
			[
				{ action: 'criteria_set.publish', entity_type: 'criteria_set', entity_id: '2' },
				'Nguyễn Văn A đã công bố bộ tiêu chí (Phiên bản 2, phong trào CAP-DHKM)',
				[
					['Phiên bản 2', '/admin/campaigns/CAP-DHKM/criteria/area/2'],
					['CAP-DHKM', '/admin/campaigns/CAP-DHKM']
				]
			],
			[
				{ action: 'criteria_set.publish', entity_type: 'criteria_set', entity_id: '4' },
				'Nguyễn Văn A đã công bố bộ tiêu chí Nhà trường, phiên bản 1, phong trào PT-TDBVANTQ',
				[
					['bộ tiêu chí Nhà trường, phiên bản 1', '/admin/campaigns/PT-TDBVANTQ/criteria/school/1'],
					['PT-TDBVANTQ', '/admin/campaigns/PT-TDBVANTQ']
				]
			],
			[
				{ action: 'user.deactivate', entity_type: 'user', entity_id: '5' },
				'Nguyễn Văn A đã khóa tài khoản Trần Thị B (officer.16690)',
				[['Trần Thị B (officer.16690)', '/admin/users/officer.16690']]
			],
			[
				{ action: 'unit.retire', entity_type: 'unit', entity_id: '16672' },
				'Nguyễn Văn A đã giải thể đơn vị Phường Trường Vinh (16672)',
				[['Phường Trường Vinh (16672)', '/admin/units/16672']]
			],
			[
				{ action: 'decision.scan', entity_type: 'recognition_decision', entity_id: '9' },
				'Nguyễn Văn A đã tải lên bản quét của Quyết định số 12/QĐ-UBND ngày 20/12/2026',
				[['Quyết định số 12/QĐ-UBND ngày 20/12/2026', '/review/decisions/9']]
			],
			[
				{
					action: 'area.member_move',
					entity_type: 'area_set',
					entity_id: 'HUYEN-CU',
					unit_code: '16690',
					after: { unit: '16690', area: 'NAM' }
				},
				'Nguyễn Văn A đã chuyển Phường Vinh Tân (16690) sang địa bàn khác trong bộ địa bàn Địa bàn huyện cũ',
				[
					['Phường Vinh Tân (16690)', '/admin/units/16690'],
					['Địa bàn huyện cũ', '/admin/areas/HUYEN-CU']
				]
			]
		];
		for (const [fields, words, expected] of cases) {
			expect(read(fields)).toBe(words);
			expect(links(fields).slice(1)).toEqual(expected);
		}
	});

	it('falls back to what was recorded for objects deleted since', () => {
		expect(
			read({
				action: 'criteria.delete',
				entity_type: 'criterion',
				entity_id: '77',
				before: { version: 3, code: '9.9', title_vi: 'Đã xóa' }
			})
		).toBe('Nguyễn Văn A đã xóa tiêu chí 9.9 Đã xóa (Phiên bản 3)');
		expect(
			read({
				action: 'criteria.delete',
				entity_type: 'criterion',
				entity_id: '98',
				before: { audience: 'agency', version: 1, code: '1.1', title_vi: 'Đã xóa' }
			})
		).toBe('Nguyễn Văn A đã xóa tiêu chí 1.1 Đã xóa (bộ tiêu chí Cơ quan, phiên bản 1)');
	});

	it('words sign-ins, failures by unknown names and the system as actor', () => {
		expect(read({ action: 'auth.sign_in', entity_type: 'user', entity_id: '5' })).toBe(
			'Nguyễn Văn A đã đăng nhập'
		);
		expect(
			read({
				action: 'auth.sign_in_failed',
				entity_type: 'user',
				entity_id: 'ai.do',
				actor_name: ''
			})
		).toBe('Đăng nhập không thành công với tên đăng nhập ai.do');
		expect(
			read({
				action: 'unit.create',
				entity_type: 'unit',
				entity_id: '99001',
				actor_name: '',
				actor_display: null,
				after: { name: 'Xã Mới' }
			})
		).toBe('Hệ thống đã tạo đơn vị Xã Mới (99001)');
	});

	it('words an action nobody has named yet without failing', () => {
		expect(read({ action: 'report.print', entity_type: 'report', entity_id: '3' })).toBe(
			'Nguyễn Văn A đã thực hiện “report.print” với report 3'
		);
	});
});

describe('the recorded fields', () => {
	const fields = (fields: Partial<WordedEntry>) =>
		auditFields(entry(fields), names).map(({ label, before, after, changed }) => [
			label,
			before,
			after,
			changed
		]);

	it('reads a workflow step with statuses by name, scores and yes/no in vi-VN', () => {
		expect(
			fields({
				action: 'assessment.verify',
				before: { status: 'submitted', score: 95.5 },
				after: { status: 'verified', score: 95.5, eligible: true }
			})
		).toEqual([
			['Trạng thái', 'Đã nộp', 'Đã xác minh', true],
			['Điểm', '95,5', '95,5', false],
			['Đủ điều kiện công nhận', null, 'Có', true]
		]);
	});

	it('reads criterion values as the assessment page shows them, without repeating the criterion', () => {
		expect(
			fields({
				action: 'result.value',
				before: { criterion: '1.3', value: 95.5 },
				after: { criterion: '1.3', value: 90.9 }
			})
		).toEqual([['Giá trị', '95,5%', '90,9%', true]]);
	});

	it('reads a user edit by the user form labels, with roles and units by name', () => {
		expect(
			fields({
				action: 'user.update',
				entity_type: 'user',
				entity_id: '5',
				before: { display_name: 'Trần B', role: 'ward_officer', unit: '16690', area: null },
				after: { display_name: 'Trần Thị B', role: 'leader', unit: '412', area: null }
			})
		).toEqual([
			['Họ và tên', 'Trần B', 'Trần Thị B', true],
			['Vai trò', 'Cán bộ Công an cấp xã', 'Lãnh đạo', true],
			['Đơn vị', 'Phường Vinh Tân (16690)', 'TP Vinh (412)', true],
			['Địa bàn', null, null, false]
		]);
		expect(
			fields({ entity_type: 'user', before: { active: true }, after: { active: false } })
		).toEqual([['Trạng thái', 'Đang hoạt động', 'Đã khóa', true]]);
	});

	it('reads campaign settings with dates, shares, kinds and numbers as the settings page does', () => {
		expect(
			fields({
				entity_type: 'campaign',
				before: {
					start_date: '2026-01-01',
					target_share: 0.8,
					applies_to: ['ward'],
					min_score: 90
				},
				after: {
					start_date: '2026-03-01',
					target_share: 0.955,
					applies_to: ['ward', 'commune'],
					min_score: 92.5
				}
			})
		).toEqual([
			['Áp dụng cho loại đơn vị', 'Phường', 'Phường, Xã', true],
			['Ngày bắt đầu', '01/01/2026', '01/03/2026', true],
			['Tỷ lệ mục tiêu (%)', '80%', '95,5%', true],
			['Điểm tối thiểu để công nhận', '90', '92,5', true]
		]);
	});

	it('reads periods, moments and versions', () => {
		expect(
			fields({
				entity_type: 'period',
				after: { label: '2026-Q4', criteria_version: 2, closes_at: '2027-01-15T16:59:00.000Z' }
			})
		).toEqual([
			['Kỳ đánh giá', null, 'Quý IV/2026', false],
			['Phiên bản bộ tiêu chí', null, 'Phiên bản 2', false],
			['Hạn nộp', null, '23:59 15/01/2027', false]
		]);
	});

	it('labels a future field by its own name and reads odd values as text', () => {
		expect(fieldLabel('unit', 'some_future_field')).toBe('Some future field');
		expect(fieldLabel('unit', 'dueDate')).toBe('Due date');
		expect(plainValue({ a: 1.5, b: [true, 'x'] })).toBe('a: 1,5; b: Có, x');
		expect(plainValue([])).toBeNull();
		const context = { entry: entry({}), names };
		expect(fieldValue('date', 42, context)).toBe('42');
		expect(fieldValue('assessment_status', { odd: true }, context)).toBe('odd: Có');
		expect(fieldValue('number', '', context)).toBeNull();
		expect(fieldValue('number', [74, 75, 1234], context)).toBe('3');
	});

	it('reads a roadmap change, recorded as bare lists, as one row', () => {
		expect(
			fields({
				entity_type: 'campaign',
				action: 'roadmap.update',
				before: ['* 2026: 50%'],
				after: ['* 2026: 60%']
			})
		).toEqual([['Nội dung', '* 2026: 50%', '* 2026: 60%', true]]);
	});
});

describe('a message cut into segments', () => {
	it('keeps the order of the words and drops nothing', () => {
		const segments = fill(({ a, b }: Record<'a' | 'b', string>) => `x ${b} y ${a}`, {
			a: [{ text: 'A', href: '/a' }],
			b: [{ text: 'B' }]
		});
		expect(segments).toEqual([
			{ text: 'x ' },
			{ text: 'B' },
			{ text: ' y ' },
			{ text: 'A', href: '/a' }
		]);
		expect(objectSegments(entry({ entity_type: 'unit_import', entity_id: 'now' }), names)).toEqual([
			{ text: 'danh sách đơn vị từ tệp CSV' }
		]);
	});
});
