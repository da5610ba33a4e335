import os from 'node:os';
import path from 'node:path';

/** Where the end-to-end server keeps its data and the figures it read from the database. */
export const e2eDir = path.join(os.tmpdir(), 'kieumau-e2e');
export const expectedFiguresFile = path.join(e2eDir, 'expected-figures.json');

export interface ExpectedDistrict {
	code: string;
	name: string;
	units: number;
	recognised: number;
}

export type ExpectedFigures = Record<string, { period: string; districts: ExpectedDistrict[] }>;

/** Created by the e2e server with must_change_password set. */
export const TEMPORARY_USER = 'e2e.temporary';
export const TEMPORARY_PASSWORD = 'tam-thoi-2026';

/** A leader whose scope is one district (Vinh), created by the e2e server. */
export const DISTRICT_LEADER = 'e2e.leader.vinh';

/** A province_admin whose scope is one district (Vinh): units and users, not campaigns. */
export const DISTRICT_ADMIN = 'e2e.admin.vinh';
