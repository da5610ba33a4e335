import os from 'node:os';
import path from 'node:path';

/** Where the end-to-end server keeps its data and the figures it read from the database. */
export const e2eDir = path.join(os.tmpdir(), 'kieumau-e2e');
export const expectedFiguresFile = path.join(e2eDir, 'expected-figures.json');

/** A group of the province dashboard in the open period: since 01/07/2025 an area of the former
 * districts (DIA-BAN-HUYEN-CU), named and coded as its district was (Thành phố Vinh, 412). */
export interface ExpectedDistrict {
	code: string;
	name: string;
	units: number;
	recognised: number;
}

export type ExpectedFigures = Record<
	string,
	{
		/** The open period, whose figures the districts hold. */
		period: string;
		/** The period the dashboard opens on (see domain/first-look.ts). */
		firstLook: string;
		districts: ExpectedDistrict[];
	}
>;

/** Created by the e2e server with must_change_password set. */
export const TEMPORARY_USER = 'e2e.temporary';
export const TEMPORARY_PASSWORD = 'tam-thoi-2026';

/** A leader scoped to the former Vinh district: the province, area DIA-BAN-HUYEN-CU/412. Created
 * by the e2e server. (Thành phố Vinh, 412, retired on 01/07/2025 with the district level.) */
export const DISTRICT_LEADER = 'e2e.leader.vinh';
export const DISTRICT_LEADER_AREA = 'DIA-BAN-HUYEN-CU/412';

/** A province_admin whose scope is one unit below the province (Phường Thành Vinh, 16681): units
 * and users, not campaigns. */
export const DISTRICT_ADMIN = 'e2e.admin.vinh';
export const DISTRICT_ADMIN_UNIT = '16681';
