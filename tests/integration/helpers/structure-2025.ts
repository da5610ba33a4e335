// A small province that lives through 2025 as Nghệ An did, built with the foundation's helpers:
// the 2023 tree (two districts, four wards and communes), a rename on 01/01/2025, and on 01/07/2025
// the districts go, two wards merge into a new Phường Thành Vinh that takes the code 16681 (reused),
// and a commune splits in two. Lineage and area tests read it.
import type { Kysely } from 'kysely';
import type { Database } from '../../../src/lib/server/db/schema';
import { renameUnit, retireUnitOn } from '../../../src/lib/server/units/changes';
import { insertUnitsWithVersions } from '../../../src/lib/server/units/structure';

type Db = Kysely<Database>;

export const REORGANISED_ON = '2025-07-01';

export interface Structure2025 {
	province: number;
	vinh: number;
	cuaLo: number;
	quangTrung: number;
	hungBinh: number;
	nghiHai: number;
	nghiThu: number;
	thanhVinh: number;
	newNghiHai: number;
}

const by = { actor: null, ip: null, reason: null };

async function unit(
	trx: Db,
	code: string,
	name: string,
	kind: 'province' | 'district' | 'ward' | 'commune',
	parent: { id: number; path: string } | null,
	established_on: string | null = null
) {
	const [row] = await insertUnitsWithVersions(trx, [
		{
			code,
			name,
			type_vi: name.split(' ')[0],
			kind,
			parent_id: parent?.id ?? null,
			level: parent ? parent.path.split('/').length - 1 : 1,
			path: `${parent?.path ?? '/'}${code}/`,
			established_on
		}
	]);
	return row;
}

/** Builds the structure in one transaction; returns the unit ids. */
export function buildStructure2025(db: Db): Promise<Structure2025> {
	return db.transaction().execute(async (trx) => {
		const province = await unit(trx, '40', 'Tỉnh Nghệ An', 'province', null);
		const vinh = await unit(trx, '412', 'Thành phố Vinh', 'district', province);
		const cuaLo = await unit(trx, '413', 'Thị xã Cửa Lò', 'district', province);
		const quangTrung = await unit(trx, '16681', 'Phường Quang Trung', 'ward', vinh);
		const hungBinh = await unit(trx, '16672', 'Phường Hưng Bình', 'ward', vinh);
		const nghiHai = await unit(trx, '17000', 'Phường Nghi Hải Cũ', 'ward', cuaLo);
		const nghiThu = await unit(trx, '17010', 'Xã Nghi Thu', 'commune', cuaLo);
		// 01/01/2025: a rename, as the registry's changes file has them.
		await renameUnit(
			trx,
			by,
			nghiHai,
			{ name: 'Phường Nghi Hải Cũ', type_vi: 'Phường', kind: 'ward' },
			{ name: 'Phường Nghi Hải', type_vi: 'Phường', kind: 'ward' },
			'2025-01-01'
		);
		// 01/07/2025: Quang Trung and Hưng Bình merge into Thành Vinh (reusing 16681); Nghi Thu
		// splits between Thành Vinh and a new Nghi Hải; the old Nghi Hải goes into the new one.
		await retireUnitOn(trx, by, quangTrung, REORGANISED_ON);
		await retireUnitOn(trx, by, hungBinh, REORGANISED_ON);
		await retireUnitOn(trx, by, nghiHai, REORGANISED_ON);
		await retireUnitOn(trx, by, nghiThu, REORGANISED_ON);
		const thanhVinh = await unit(
			trx,
			'16681',
			'Phường Thành Vinh',
			'ward',
			province,
			REORGANISED_ON
		);
		const newNghiHai = await unit(
			trx,
			'17000',
			'Phường Nghi Hải',
			'ward',
			province,
			REORGANISED_ON
		);
		await trx
			.insertInto('unit_links')
			.values([
				{ predecessor_id: quangTrung.id, successor_id: thanhVinh.id, effective_on: REORGANISED_ON },
				{ predecessor_id: hungBinh.id, successor_id: thanhVinh.id, effective_on: REORGANISED_ON },
				{ predecessor_id: nghiHai.id, successor_id: newNghiHai.id, effective_on: REORGANISED_ON },
				{
					predecessor_id: nghiThu.id,
					successor_id: thanhVinh.id,
					effective_on: REORGANISED_ON,
					part: 'partial'
				},
				{
					predecessor_id: nghiThu.id,
					successor_id: newNghiHai.id,
					effective_on: REORGANISED_ON,
					part: 'partial'
				}
			])
			.execute();
		await trx
			.updateTable('units')
			.set({ merged_into_id: thanhVinh.id })
			.where('id', 'in', [quangTrung.id, hungBinh.id])
			.execute();
		await trx
			.updateTable('units')
			.set({ merged_into_id: newNghiHai.id })
			.where('id', '=', nghiHai.id)
			.execute();
		await retireUnitOn(trx, by, vinh, REORGANISED_ON);
		await retireUnitOn(trx, by, cuaLo, REORGANISED_ON);
		return {
			province: province.id,
			vinh: vinh.id,
			cuaLo: cuaLo.id,
			quangTrung: quangTrung.id,
			hungBinh: hungBinh.id,
			nghiHai: nghiHai.id,
			nghiThu: nghiThu.id,
			thanhVinh: thanhVinh.id,
			newNghiHai: newNghiHai.id
		};
	});
}
