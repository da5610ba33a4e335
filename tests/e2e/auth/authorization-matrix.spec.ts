// The authorisation matrix: every route × every role × units in and out of scope → the expected
// status. The routes come from src/routes, so a new route without a row here fails the test.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, expect, test } from '../fixtures';
import { quarterOf, vnDate } from '../../../src/lib/domain/periods';
import { DISTRICT_LEADER } from '../support/paths';
import { STORED_EVIDENCE_ID } from '../support/workflow';

type Who =
	| 'anonymous'
	| 'ward_officer'
	| 'district_reviewer'
	| 'province_admin'
	| 'leader'
	| 'district_leader';
const USERS: Record<Exclude<Who, 'anonymous'>, string> = {
	ward_officer: 'officer.hungbinh', // Phường Thành Vinh (16681), in the former Vinh's area
	// The province (40), limited to the area DIA-BAN-HUYEN-CU/412 (the former Thành phố Vinh).
	district_reviewer: 'reviewer.vinh',
	province_admin: 'admin',
	leader: 'leader',
	district_leader: DISTRICT_LEADER // a leader of the province limited to the same area
};
const EVERYONE: Who[] = [
	'anonymous',
	'ward_officer',
	'district_reviewer',
	'province_admin',
	'leader',
	'district_leader'
];

interface Probe {
	/** What the case is about, for the report. */
	label: string;
	method: 'GET' | 'POST';
	url: string;
	form?: Record<string, string>;
	expected: Record<Who, number>;
}

const signedOut = (status: number, others: number): Record<Who, number> => ({
	anonymous: status,
	ward_officer: others,
	district_reviewer: others,
	province_admin: others,
	leader: others,
	district_leader: others
});

/** The period open today: the seed opens the current quarter. */
const OPEN = quarterOf(vnDate(new Date()));
const OWN = `/campaigns/CAP-DHKM/units/16681/periods/${OPEN}`;
const STALE = { version: '999999', 'value.1.3': '50' };
const allowed = (anonymous: number, status: Partial<Record<Who, number>>, others: number) => ({
	...signedOut(anonymous, others),
	...status
});

/** Route id (as in src/routes, groups dropped) → the requests that probe it. */
const MATRIX: Record<string, Probe[]> = {
	'/': [
		// Those who take workflow steps get their to-do list; leaders are sent to their dashboard.
		{
			label: 'home',
			method: 'GET',
			url: '/',
			expected: allowed(
				303,
				{ ward_officer: 200, district_reviewer: 200, province_admin: 200 },
				303
			)
		}
	],
	'/login': [
		{ label: 'sign-in page', method: 'GET', url: '/login', expected: signedOut(200, 303) },
		{
			label: 'sign-in with empty fields',
			method: 'POST',
			url: '/login',
			form: { username: '', password: '' },
			// Signed in, the page itself sends the user home.
			expected: signedOut(400, 303)
		}
	],
	'/logout': [
		{ label: 'sign out', method: 'POST', url: '/logout', form: {}, expected: signedOut(303, 303) },
		{ label: 'sign out by GET', method: 'GET', url: '/logout', expected: signedOut(405, 405) }
	],
	'/account/password': [
		{
			label: 'password page',
			method: 'GET',
			url: '/account/password',
			expected: signedOut(303, 200)
		},
		{
			label: 'password change with a wrong current password',
			method: 'POST',
			url: '/account/password',
			form: { current: 'sai', next: 'x', confirm: 'x' },
			expected: signedOut(303, 400)
		}
	],
	'/account/email': [
		{ label: 'e-mail page', method: 'GET', url: '/account/email', expected: signedOut(303, 200) },
		{
			label: 'an invalid e-mail address',
			method: 'POST',
			url: '/account/email',
			form: { email: 'not an address' },
			expected: signedOut(303, 400)
		}
	],
	'/notifications': [
		// Everyone signed in has a list: their own.
		{ label: 'notifications', method: 'GET', url: '/notifications', expected: signedOut(303, 200) }
	],
	'/notifications/[id]': [
		// Another user's notification (or none) is not found, as an out-of-scope unit is.
		{
			label: 'a notification not one’s own',
			method: 'GET',
			url: '/notifications/999999999',
			expected: signedOut(303, 404)
		}
	],
	'/campaigns/[campaign]': [
		{
			label: 'province dashboard',
			method: 'GET',
			url: '/campaigns/CAP-DHKM',
			// Area-scoped users hold the province, and see its figures limited to their area.
			expected: {
				anonymous: 303,
				ward_officer: 404,
				district_reviewer: 200,
				province_admin: 200,
				leader: 200,
				district_leader: 200
			}
		},
		{
			label: 'unknown campaign',
			method: 'GET',
			url: '/campaigns/NOPE',
			expected: {
				anonymous: 303,
				ward_officer: 404,
				district_reviewer: 404,
				province_admin: 404,
				leader: 404,
				district_leader: 404
			}
		}
	],
	'/campaigns/[campaign]/export.[format]': [
		{
			label: 'province tables as Excel',
			method: 'GET',
			url: '/campaigns/CAP-DHKM/export.xlsx',
			// Area-scoped users hold the province, and see its figures limited to their area.
			expected: {
				anonymous: 303,
				ward_officer: 404,
				district_reviewer: 200,
				province_admin: 200,
				leader: 200,
				district_leader: 200
			}
		},
		{
			label: "Vinh's units as CSV",
			method: 'GET',
			url: '/campaigns/PT-TDBVANTQ/export.csv?unit=412',
			expected: {
				anonymous: 303,
				ward_officer: 404,
				district_reviewer: 200,
				province_admin: 200,
				leader: 200,
				district_leader: 200
			}
		},
		{
			label: 'an unknown file format',
			method: 'GET',
			url: '/campaigns/PT-TDBVANTQ/export.pdf?unit=412',
			expected: allowed(303, {}, 404)
		}
	],
	'/campaigns/[campaign]/report': [
		{
			label: 'province report',
			method: 'GET',
			url: '/campaigns/PT-TDBVANTQ/report',
			// Area-scoped users hold the province, and see its figures limited to their area.
			expected: {
				anonymous: 303,
				ward_officer: 404,
				district_reviewer: 200,
				province_admin: 200,
				leader: 200,
				district_leader: 200
			}
		},
		{
			label: "Vinh's report",
			method: 'GET',
			url: '/campaigns/PT-TDBVANTQ/report?unit=412',
			expected: {
				anonymous: 303,
				ward_officer: 404,
				district_reviewer: 200,
				province_admin: 200,
				leader: 200,
				district_leader: 200
			}
		}
	],
	'/campaigns/[campaign]/report.docx': [
		{
			label: 'province report in Word',
			method: 'GET',
			url: '/campaigns/PT-TDBVANTQ/report.docx',
			// As the report page: area-scoped users get their area's figures.
			expected: {
				anonymous: 303,
				ward_officer: 404,
				district_reviewer: 200,
				province_admin: 200,
				leader: 200,
				district_leader: 200
			}
		},
		{
			label: "Vinh's report in Word",
			method: 'GET',
			url: '/campaigns/PT-TDBVANTQ/report.docx?unit=412',
			expected: {
				anonymous: 303,
				ward_officer: 404,
				district_reviewer: 200,
				province_admin: 200,
				leader: 200,
				district_leader: 200
			}
		}
	],
	'/campaigns/[campaign]/units/[unit]': [
		{
			label: "officer's own ward",
			method: 'GET',
			url: '/campaigns/CAP-DHKM/units/16681',
			expected: {
				anonymous: 303,
				ward_officer: 200,
				district_reviewer: 200,
				province_admin: 200,
				leader: 200,
				district_leader: 200
			}
		},
		{
			label: 'another ward of the former Vinh',
			method: 'GET',
			url: '/campaigns/CAP-DHKM/units/17920',
			expected: {
				anonymous: 303,
				ward_officer: 404,
				district_reviewer: 200,
				province_admin: 200,
				leader: 200,
				district_leader: 200
			}
		},
		{
			label: 'a ward of Thái Hòa (another former district)',
			method: 'GET',
			url: '/campaigns/CAP-DHKM/units/16939',
			expected: {
				anonymous: 303,
				ward_officer: 404,
				district_reviewer: 404,
				province_admin: 200,
				leader: 200,
				district_leader: 404
			}
		},
		{
			label: "the former Vinh district's dashboard (retired 01/07/2025)",
			method: 'GET',
			url: '/campaigns/PT-TDBVANTQ/units/412',
			expected: {
				anonymous: 303,
				ward_officer: 404,
				district_reviewer: 200,
				province_admin: 200,
				leader: 200,
				district_leader: 200
			}
		},
		{
			label: 'the province as a unit',
			method: 'GET',
			url: '/campaigns/PT-TDBVANTQ/units/40',
			// Area-scoped users hold the province, and see its figures limited to their area.
			expected: {
				anonymous: 303,
				ward_officer: 404,
				district_reviewer: 200,
				province_admin: 200,
				leader: 200,
				district_leader: 200
			}
		},
		{
			label: 'an unknown unit',
			method: 'GET',
			url: '/campaigns/PT-TDBVANTQ/units/99999',
			expected: {
				anonymous: 303,
				ward_officer: 404,
				district_reviewer: 404,
				province_admin: 404,
				leader: 404,
				district_leader: 404
			}
		}
	],
	'/campaigns/[campaign]/units/[unit]/periods/[period]': [
		{
			label: "the officer's own assessment",
			method: 'GET',
			url: OWN,
			expected: signedOut(303, 200)
		},
		{
			label: 'an assessment of Thái Hòa (another former district)',
			method: 'GET',
			url: `/campaigns/CAP-DHKM/units/16939/periods/${OPEN}`,
			expected: allowed(303, { province_admin: 200, leader: 200 }, 404)
		},
		{
			label: 'an unknown period',
			method: 'GET',
			url: '/campaigns/CAP-DHKM/units/16681/periods/1999-Q1',
			expected: signedOut(303, 404)
		},
		{
			// The officer may save (an outdated version: 409); no other role may.
			label: 'save with an outdated version',
			method: 'POST',
			url: `${OWN}?/save`,
			form: STALE,
			expected: allowed(303, { ward_officer: 409 }, 403)
		},
		{
			label: "save on another ward's assessment",
			method: 'POST',
			url: `/campaigns/CAP-DHKM/units/17920/periods/${OPEN}?/save`,
			form: STALE,
			expected: allowed(303, { ward_officer: 404 }, 403)
		},
		{
			label: 'verify (an outdated version: 409 for the reviewer)',
			method: 'POST',
			url: `${OWN}?/verify`,
			form: STALE,
			expected: allowed(303, { district_reviewer: 409 }, 403)
		},
		{
			label: 'approve (an outdated version: 409 for the province)',
			method: 'POST',
			url: `${OWN}?/approve`,
			form: STALE,
			expected: allowed(303, { province_admin: 409 }, 403)
		},
		{
			label: 'revoke without a reason',
			method: 'POST',
			url: `${OWN}?/revoke`,
			form: { reason: '' },
			expected: allowed(303, { province_admin: 400 }, 403)
		}
	],
	'/campaigns/[campaign]/units/[unit]/periods/[period]/record': [
		{
			label: "the officer's own assessment record",
			method: 'GET',
			url: `${OWN}/record`,
			expected: signedOut(303, 200)
		},
		{
			label: 'the record of an assessment of Thái Hòa',
			method: 'GET',
			url: `/campaigns/CAP-DHKM/units/16939/periods/${OPEN}/record`,
			expected: allowed(303, { province_admin: 200, leader: 200 }, 404)
		}
	],
	'/campaigns/[campaign]/units/[unit]/periods/[period]/record.docx': [
		{
			label: "the officer's own assessment record in Word",
			method: 'GET',
			url: `${OWN}/record.docx`,
			expected: signedOut(303, 200)
		},
		{
			label: 'the record of an assessment of Thái Hòa in Word',
			method: 'GET',
			url: `/campaigns/CAP-DHKM/units/16939/periods/${OPEN}/record.docx`,
			expected: allowed(303, { province_admin: 200, leader: 200 }, 404)
		}
	],
	'/campaigns/[campaign]/units/[unit]/periods/[period]/evidence/[file]': [
		{
			label: 'an evidence file of the assessment',
			method: 'GET',
			url: `${OWN}/evidence/${STORED_EVIDENCE_ID}`,
			expected: signedOut(303, 200)
		},
		{
			label: 'the same file through another ward',
			method: 'GET',
			url: `/campaigns/CAP-DHKM/units/17920/periods/${OPEN}/evidence/${STORED_EVIDENCE_ID}`,
			expected: signedOut(303, 404)
		}
	],
	'/admin': [
		{
			label: 'administration, sent on to the campaigns',
			method: 'GET',
			url: '/admin',
			expected: allowed(303, { province_admin: 303 }, 403)
		}
	],
	'/admin/units': [
		{
			label: 'unit tree',
			method: 'GET',
			url: '/admin/units?unit=40&q=vinh',
			expected: allowed(303, { province_admin: 200 }, 403)
		},
		{
			label: 'unit tree at an unknown unit',
			method: 'GET',
			url: '/admin/units?unit=NOPE',
			expected: allowed(303, { province_admin: 404 }, 403)
		},
		{
			label: 'create a unit with empty fields',
			method: 'POST',
			url: '/admin/units?unit=40&/create',
			form: { parent: '40', code: '', name: '', type_vi: '', kind: '' },
			expected: allowed(303, { province_admin: 400 }, 403)
		}
	],
	'/admin/units/[unit]': [
		{
			label: 'a unit to administer',
			method: 'GET',
			url: '/admin/units/412',
			expected: allowed(303, { province_admin: 200 }, 403)
		},
		{
			label: 'an unknown unit',
			method: 'GET',
			url: '/admin/units/NOPE',
			expected: allowed(303, { province_admin: 404 }, 403)
		},
		{
			label: 'edit with a stale revision',
			method: 'POST',
			url: '/admin/units/16681?/edit',
			form: { revision: '1', name: 'Phường Thành Vinh', type_vi: 'Phường', kind: 'ward' },
			expected: allowed(303, { province_admin: 409 }, 403)
		},
		{
			label: 'move with a stale revision',
			method: 'POST',
			url: '/admin/units/16681?/move',
			form: { revision: '1', parent: '40' },
			expected: allowed(303, { province_admin: 409 }, 403)
		},
		{
			label: 'retire without a date',
			method: 'POST',
			url: '/admin/units/16681?/retire',
			form: { revision: '1', date: '' },
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: 'merge without units',
			method: 'POST',
			url: '/admin/units/16681?/merge',
			form: { revision: '1', other: '', date: '2026-07-01' },
			expected: allowed(303, { province_admin: 400 }, 403)
		}
	],
	'/admin/units/import': [
		{
			label: 'units import',
			method: 'GET',
			url: '/admin/units/import',
			expected: allowed(303, { province_admin: 200 }, 403)
		},
		{
			label: 'units import preview of nothing',
			method: 'POST',
			url: '/admin/units/import?/preview',
			form: { csv: '' },
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: 'units import of a file with an error',
			method: 'POST',
			url: '/admin/units/import?/import',
			form: { csv: 'code,name,type_vi,kind,parent_code,level\nX-1,Xã,Xã,village,412,3' },
			expected: allowed(303, { province_admin: 400 }, 403)
		}
	],
	// The 2025 reorganisation and reporting areas: administrators of the whole tree only.
	'/admin/units/reorganise': [
		{
			label: 'reorganisation import',
			method: 'GET',
			url: '/admin/units/reorganise',
			expected: allowed(303, { province_admin: 200 }, 403)
		},
		{
			label: 'preview without a file',
			method: 'POST',
			url: '/admin/units/reorganise?/preview',
			form: { effective_on: '' },
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: 'apply without a file',
			method: 'POST',
			url: '/admin/units/reorganise?/apply',
			form: { effective_on: '' },
			expected: allowed(303, { province_admin: 400 }, 403)
		}
	],
	'/admin/areas': [
		{
			label: 'area sets',
			method: 'GET',
			url: '/admin/areas',
			expected: allowed(303, { province_admin: 200 }, 403)
		},
		{
			label: 'create an area set with empty fields',
			method: 'POST',
			url: '/admin/areas?/create',
			form: { code: '', name_vi: '', name_en: '', valid_from: '' },
			expected: allowed(303, { province_admin: 400 }, 403)
		}
	],
	'/admin/areas/[set]': [
		{
			label: 'the former districts',
			method: 'GET',
			url: '/admin/areas/DIA-BAN-HUYEN-CU',
			expected: allowed(303, { province_admin: 200 }, 403)
		},
		{
			label: 'preview an empty areas file',
			method: 'POST',
			url: '/admin/areas/DIA-BAN-HUYEN-CU?/preview',
			form: { csv: '' },
			expected: allowed(303, { province_admin: 400 }, 403)
		}
	],
	'/admin/campaigns': [
		{
			label: 'campaigns to administer',
			method: 'GET',
			url: '/admin/campaigns',
			expected: allowed(303, { province_admin: 200 }, 403)
		}
	],
	'/admin/campaigns/new': [
		{
			label: 'new campaign form',
			method: 'GET',
			url: '/admin/campaigns/new',
			expected: allowed(303, { province_admin: 200 }, 403)
		},
		{
			label: 'create a campaign with nothing filled in',
			method: 'POST',
			url: '/admin/campaigns/new',
			form: { code: '' },
			expected: allowed(303, { province_admin: 400 }, 403)
		}
	],
	'/admin/campaigns/[campaign]': [
		{
			label: 'campaign settings and roadmap',
			method: 'GET',
			url: '/admin/campaigns/CAP-DHKM',
			expected: allowed(303, { province_admin: 200 }, 403)
		},
		{
			label: 'unknown campaign',
			method: 'GET',
			url: '/admin/campaigns/NOPE',
			expected: allowed(303, { province_admin: 404 }, 403)
		},
		{
			label: 'settings with a blank name',
			method: 'POST',
			url: '/admin/campaigns/CAP-DHKM?/settings',
			form: { name_vi: '' },
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: 'roadmap without the province’s years',
			method: 'POST',
			url: '/admin/campaigns/CAP-DHKM?/roadmap',
			form: { revision: 'old' },
			expected: allowed(303, { province_admin: 400 }, 403)
		}
	],
	'/admin/campaigns/[campaign]/criteria': [
		{
			label: 'criteria set versions',
			method: 'GET',
			url: '/admin/campaigns/CAP-DHKM/criteria',
			expected: allowed(303, { province_admin: 200 }, 403)
		},
		{
			label: 'criteria set versions of an unknown campaign',
			method: 'GET',
			url: '/admin/campaigns/NOPE/criteria',
			expected: allowed(303, { province_admin: 404 }, 403)
		},
		{
			label: 'new criteria set version without its source',
			method: 'POST',
			url: '/admin/campaigns/CAP-DHKM/criteria?/startDraft',
			form: { audience: 'area' },
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: 'criteria set import of nothing',
			method: 'POST',
			url: '/admin/campaigns/CAP-DHKM/criteria?/import',
			form: { audience: 'area', version: '', revision: '', json: '' },
			expected: allowed(303, { province_admin: 400 }, 403)
		}
	],
	'/admin/campaigns/[campaign]/criteria/[audience]/[version]': [
		{
			label: 'a published criteria set version',
			method: 'GET',
			url: '/admin/campaigns/CAP-DHKM/criteria/area/1',
			expected: allowed(303, { province_admin: 200 }, 403)
		},
		{
			label: 'an unknown criteria set version',
			method: 'GET',
			url: '/admin/campaigns/CAP-DHKM/criteria/area/99',
			expected: allowed(303, { province_admin: 404 }, 403)
		},
		{
			label: 'a version of an audience the campaign has no set for',
			method: 'GET',
			url: '/admin/campaigns/CAP-DHKM/criteria/school/1',
			expected: allowed(303, { province_admin: 404 }, 403)
		},
		{
			label: 'a version of an unknown audience',
			method: 'GET',
			url: '/admin/campaigns/CAP-DHKM/criteria/hospital/1',
			expected: allowed(303, { province_admin: 404 }, 403)
		},
		{
			label: 'criteria set addGroup without a revision',
			method: 'POST',
			url: '/admin/campaigns/CAP-DHKM/criteria/area/1?/addGroup',
			form: { id: '1' },
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: 'criteria set updateGroup without a revision',
			method: 'POST',
			url: '/admin/campaigns/CAP-DHKM/criteria/area/1?/updateGroup',
			form: { id: '1' },
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: 'criteria set deleteGroup without a revision',
			method: 'POST',
			url: '/admin/campaigns/CAP-DHKM/criteria/area/1?/deleteGroup',
			form: { id: '1' },
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: 'criteria set moveGroup without a revision',
			method: 'POST',
			url: '/admin/campaigns/CAP-DHKM/criteria/area/1?/moveGroup',
			form: { id: '1' },
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: 'criteria set addCriterion without a revision',
			method: 'POST',
			url: '/admin/campaigns/CAP-DHKM/criteria/area/1?/addCriterion',
			form: { id: '1' },
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: 'criteria set updateCriterion without a revision',
			method: 'POST',
			url: '/admin/campaigns/CAP-DHKM/criteria/area/1?/updateCriterion',
			form: { id: '1' },
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: 'criteria set deleteCriterion without a revision',
			method: 'POST',
			url: '/admin/campaigns/CAP-DHKM/criteria/area/1?/deleteCriterion',
			form: { id: '1' },
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: 'criteria set moveCriterion without a revision',
			method: 'POST',
			url: '/admin/campaigns/CAP-DHKM/criteria/area/1?/moveCriterion',
			form: { id: '1' },
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: 'criteria set publish without a revision',
			method: 'POST',
			url: '/admin/campaigns/CAP-DHKM/criteria/area/1?/publish',
			form: { id: '1' },
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: 'criteria set deleteDraft without a revision',
			method: 'POST',
			url: '/admin/campaigns/CAP-DHKM/criteria/area/1?/deleteDraft',
			form: { id: '1' },
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: 'publish a version already published',
			method: 'POST',
			url: '/admin/campaigns/CAP-DHKM/criteria/area/1?/publish',
			form: { revision: '1' },
			expected: allowed(303, { province_admin: 409 }, 403)
		}
	],
	'/admin/campaigns/[campaign]/criteria/[audience]/[version]/export.json': [
		{
			label: 'criteria set export',
			method: 'GET',
			url: '/admin/campaigns/CAP-DHKM/criteria/area/1/export.json',
			expected: allowed(303, { province_admin: 200 }, 403)
		},
		{
			label: 'export of an unknown version',
			method: 'GET',
			url: '/admin/campaigns/CAP-DHKM/criteria/area/99/export.json',
			expected: allowed(303, { province_admin: 404 }, 403)
		},
		{
			label: 'export of an unknown audience',
			method: 'GET',
			url: '/admin/campaigns/CAP-DHKM/criteria/hospital/1/export.json',
			expected: allowed(303, { province_admin: 404 }, 403)
		}
	],
	'/admin/campaigns/[campaign]/criteria/[audience]/[version]/export.xlsx': [
		{
			label: 'criteria set as Excel',
			method: 'GET',
			url: '/admin/campaigns/CAP-DHKM/criteria/area/1/export.xlsx',
			expected: allowed(303, { province_admin: 200 }, 403)
		},
		{
			label: 'Excel of an unknown version',
			method: 'GET',
			url: '/admin/campaigns/CAP-DHKM/criteria/area/99/export.xlsx',
			expected: allowed(303, { province_admin: 404 }, 403)
		}
	],
	'/admin/campaigns/[campaign]/criteria/template.xlsx': [
		{
			label: 'criteria Excel template',
			method: 'GET',
			url: '/admin/campaigns/CAP-DHKM/criteria/template.xlsx',
			expected: allowed(303, { province_admin: 200 }, 403)
		},
		{
			label: 'template of an unknown campaign',
			method: 'GET',
			url: '/admin/campaigns/NOPE/criteria/template.xlsx',
			expected: allowed(303, { province_admin: 404 }, 403)
		}
	],
	'/admin/campaigns/[campaign]/periods': [
		{
			label: 'periods of a campaign',
			method: 'GET',
			url: '/admin/campaigns/CAP-DHKM/periods',
			expected: allowed(303, { province_admin: 200 }, 403)
		},
		{
			label: 'plan periods without dates',
			method: 'POST',
			url: '/admin/campaigns/CAP-DHKM/periods?/create',
			form: { kind: 'quarter', from: '', to: '' },
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: 'open a period seen in another status',
			method: 'POST',
			url: '/admin/campaigns/CAP-DHKM/periods?/step',
			form: { label: OPEN, step: 'open', expected: 'planned' },
			expected: allowed(303, { province_admin: 409 }, 403)
		}
	],
	'/admin/campaigns/[campaign]/periods/[period]': [
		{
			label: 'one period and its extensions',
			method: 'GET',
			url: `/admin/campaigns/CAP-DHKM/periods/${OPEN}`,
			expected: allowed(303, { province_admin: 200 }, 403)
		},
		{
			label: 'unknown period',
			method: 'GET',
			url: '/admin/campaigns/CAP-DHKM/periods/1999-Q1',
			expected: allowed(303, { province_admin: 404 }, 403)
		},
		{
			label: 'closing time that is not a moment',
			method: 'POST',
			url: `/admin/campaigns/CAP-DHKM/periods/${OPEN}?/update`,
			form: { closes_at: 'soon', version: '1' },
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: 'extension without a unit',
			method: 'POST',
			url: `/admin/campaigns/CAP-DHKM/periods/${OPEN}?/extend`,
			form: { unit: '', until: '', reason: '' },
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: 'revoke an extension nobody has',
			method: 'POST',
			url: `/admin/campaigns/CAP-DHKM/periods/${OPEN}?/revoke`,
			form: { unit: '16681' },
			expected: allowed(303, { province_admin: 409 }, 403)
		}
	],
	'/admin/users': [
		{
			label: 'users in scope, filtered',
			method: 'GET',
			url: '/admin/users?q=vinh&role=district_reviewer&unit=412&status=active&page=1',
			expected: allowed(303, { province_admin: 200 }, 403)
		},
		{
			label: 'create a user with empty fields',
			method: 'POST',
			url: '/admin/users?/create',
			form: { username: '', display_name: '', role: '', unit_code: '' },
			expected: allowed(303, { province_admin: 400 }, 403)
		}
	],
	'/admin/users/[user]': [
		{
			label: 'a user to administer',
			method: 'GET',
			url: '/admin/users/reviewer.vinh',
			expected: allowed(303, { province_admin: 200 }, 403)
		},
		{
			label: 'an unknown user',
			method: 'GET',
			url: '/admin/users/nobody.here',
			expected: allowed(303, { province_admin: 404 }, 403)
		},
		{
			label: 'edit with a stale revision',
			method: 'POST',
			url: '/admin/users/reviewer.vinh?/update',
			form: {
				revision: '1',
				display_name: 'X',
				role: 'district_reviewer',
				unit_code: '40',
				area: 'DIA-BAN-HUYEN-CU/412'
			},
			expected: allowed(303, { province_admin: 409 }, 403)
		},
		{
			label: 'an invalid e-mail address for a user',
			method: 'POST',
			url: '/admin/users/reviewer.vinh?/email',
			form: { email: 'not an address' },
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		// The admin's own account: refused, so the probes change nothing.
		{
			label: 'deactivate oneself',
			method: 'POST',
			url: '/admin/users/admin?/deactivate',
			form: {},
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: 'reactivate oneself',
			method: 'POST',
			url: '/admin/users/admin?/reactivate',
			form: {},
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: "reset one's own password",
			method: 'POST',
			url: '/admin/users/admin?/reset',
			form: {},
			expected: allowed(303, { province_admin: 400 }, 403)
		}
	],
	'/admin/users/import': [
		{
			label: 'users import',
			method: 'GET',
			url: '/admin/users/import',
			expected: allowed(303, { province_admin: 200 }, 403)
		},
		{
			label: 'preview an empty file',
			method: 'POST',
			url: '/admin/users/import?/preview',
			form: { csv: '' },
			expected: allowed(303, { province_admin: 400 }, 403)
		},
		{
			label: 'import a file with an error',
			method: 'POST',
			url: '/admin/users/import?/import',
			form: { csv: 'username,display_name,role,unit_code\nx,X,leader,40\n' },
			expected: allowed(303, { province_admin: 400 }, 403)
		}
	],
	'/admin/audit': [
		{
			label: 'audit log, filtered',
			method: 'GET',
			url: '/admin/audit?actor=admin&unit=412&action=user.create&from=2026-01-01&to=2026-12-31&page=2',
			expected: allowed(303, { province_admin: 200 }, 403)
		}
	],
	// Operations: probes answer everyone without a session; metrics are off unless configured.
	'/healthz': [
		{ label: 'liveness', method: 'GET', url: '/healthz', expected: signedOut(200, 200) }
	],
	'/readyz': [{ label: 'readiness', method: 'GET', url: '/readyz', expected: signedOut(200, 200) }],
	'/metrics': [
		{ label: 'metrics, off', method: 'GET', url: '/metrics', expected: signedOut(404, 404) }
	],
	'/review': [
		{
			label: 'review queue',
			method: 'GET',
			url: '/review',
			expected: {
				anonymous: 303,
				ward_officer: 403,
				district_reviewer: 200,
				province_admin: 200,
				leader: 403,
				district_leader: 403
			}
		},
		{
			label: 'bulk approval of nothing',
			method: 'POST',
			url: '/review?/approve',
			form: { decisionNumber: '', decisionDate: '' },
			expected: allowed(303, { province_admin: 400 }, 403)
		}
	],
	// Decisions: the province's pages; a scan is read by whoever sees a unit it recognises.
	'/review/decisions/[id]': [
		{
			label: 'a decision that does not exist',
			method: 'GET',
			url: '/review/decisions/999999',
			expected: allowed(303, { province_admin: 404 }, 403)
		},
		{
			label: 'a scan for a decision that does not exist',
			method: 'POST',
			url: '/review/decisions/999999?/scan',
			form: {},
			expected: allowed(303, { province_admin: 404 }, 403)
		}
	],
	'/review/decisions/[id]/annex.xlsx': [
		{
			label: 'the annex of a decision that does not exist',
			method: 'GET',
			url: '/review/decisions/999999/annex.xlsx',
			expected: allowed(303, { province_admin: 404 }, 403)
		}
	],
	'/review/decisions/[id]/scan': [
		{
			label: 'the scan of a decision that does not exist',
			method: 'GET',
			url: '/review/decisions/999999/scan',
			expected: signedOut(303, 404)
		}
	]
};

/** Route ids from the files under src/routes: pages and endpoints, route groups dropped. */
function discoverRoutes(dir = 'src/routes', prefix = ''): string[] {
	const found = new Set<string>();
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (entry.isDirectory()) {
			const segment = /^\(.*\)$/.test(entry.name) ? '' : `/${entry.name}`;
			for (const route of discoverRoutes(path.join(dir, entry.name), prefix + segment)) {
				found.add(route);
			}
		} else if (/^\+(page|server)(\.server)?\.(ts|svelte)$/.test(entry.name)) {
			found.add(prefix || '/');
		}
	}
	return [...found].sort();
}

async function contextFor(who: Who, baseURL: string): Promise<APIRequestContext> {
	const context = await playwrightRequest.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL, accept: 'text/html' }
	});
	if (who !== 'anonymous') {
		const response = await context.post('/login', {
			form: { username: USERS[who], password: DEMO_PASSWORD },
			maxRedirects: 0
		});
		expect(response.status(), `sign-in of ${who}`).toBe(303);
	}
	return context;
}

test('every route has a row in the authorisation matrix', () => {
	expect(discoverRoutes()).toEqual(Object.keys(MATRIX).sort());
});

for (const who of EVERYONE) {
	test(`authorisation matrix as ${who}`, async ({ baseURL }) => {
		const context = await contextFor(who, baseURL!);
		const outcomes: string[] = [];
		const expected: string[] = [];
		for (const [route, probes] of Object.entries(MATRIX)) {
			for (const probe of probes) {
				// Signing out would end the session the next probes need: do it last.
				if (probe.url === '/logout' && probe.method === 'POST') continue;
				const response = await context.fetch(probe.url, {
					method: probe.method,
					form: probe.form,
					maxRedirects: 0
				});
				outcomes.push(`${route} ${probe.label}: ${response.status()}`);
				expected.push(`${route} ${probe.label}: ${probe.expected[who]}`);
			}
		}
		const logout = MATRIX['/logout'][0];
		const response = await context.fetch(logout.url, { method: 'POST', form: {}, maxRedirects: 0 });
		outcomes.push(`/logout ${logout.label}: ${response.status()}`);
		expected.push(`/logout ${logout.label}: ${logout.expected[who]}`);
		expect(outcomes).toEqual(expected);
		await context.dispose();
	});
}

/**
 * A reviewer scoped to a reporting area: reviewer.vinh's scope is the province with the area
 * DIA-BAN-HUYEN-CU/412 (the former Vinh, Cửa Lò with it), so Phường Thành Vinh (16681) is theirs
 * and Phường Thái Hòa (16939, the former Thái Hoà town) is not, though both are in the province.
 */
test('an area-scoped reviewer reaches only the area’s members', async ({ baseURL }) => {
	const context = await contextFor('district_reviewer', baseURL!);
	const inside = `/campaigns/CAP-DHKM/units/16681/periods/${OPEN}`;
	const outside = `/campaigns/CAP-DHKM/units/16939/periods/${OPEN}`;
	const probes: [string, 'GET' | 'POST', string, Record<string, string> | undefined, number][] = [
		['an assessment in the area', 'GET', inside, undefined, 200],
		['an assessment outside the area', 'GET', outside, undefined, 404],
		['verify in the area (an outdated version)', 'POST', `${inside}?/verify`, STALE, 409],
		['verify outside the area', 'POST', `${outside}?/verify`, STALE, 404],
		['return outside the area', 'POST', `${outside}?/return`, STALE, 404],
		['evidence outside the area', 'GET', `${outside}/evidence/1`, undefined, 404]
	];
	const outcomes: string[] = [];
	for (const [label, method, url, form] of probes) {
		const response = await context.fetch(url, { method, form, maxRedirects: 0 });
		outcomes.push(`${label}: ${response.status()}`);
	}
	expect(outcomes).toEqual(probes.map(([label, , , , status]) => `${label}: ${status}`));
	const queue = await context.get('/review?status=submitted');
	expect(queue.status()).toBe(200);
	expect(await queue.text()).not.toContain('Phường Thái Hòa');
	await context.dispose();
});
