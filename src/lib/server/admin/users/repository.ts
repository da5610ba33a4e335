// Reading users for the administration: always inside the admin's scope subtree.
import { sql, type Kysely } from 'kysely';
import { FOLD_FROM, FOLD_TO, foldVietnamese } from '../../../domain/unit-rules';
import type { Database, Role } from '../../db/schema';
import { subtreePattern } from '../../units/repository';

type Db = Kysely<Database>;

export const USERS_PAGE_SIZE = 50;

export interface UserFilters {
	/** Part of a username or a display name. */
	q: string;
	role: Role | null;
	/** A unit code: the users of that unit and its subtree. */
	unit: string;
	status: 'active' | 'inactive' | null;
	page: number;
}

/** The revision an edit form carries: the row's last change to the microsecond, as text. */
export const revisionOf = sql<string>`(extract(epoch from users.updated_at) * 1000000)::bigint::text`;

/** A LIKE pattern matching the text anywhere, its wildcards taken literally. */
function containsPattern(text: string): string {
	return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/** One page of the users in scope, and how many match in all; null when the unit filter is unknown. */
export async function listUsers(db: Db, scopePath: string, filters: UserFilters) {
	let within = scopePath;
	if (filters.unit) {
		const unit = await db
			.selectFrom('units')
			.select('path')
			.where('code', '=', filters.unit)
			.where('path', 'like', subtreePattern(scopePath))
			.executeTakeFirst();
		if (!unit) return null;
		within = unit.path;
	}
	let query = db
		.selectFrom('users')
		.innerJoin('units', 'units.id', 'users.unit_id')
		.where('units.path', 'like', subtreePattern(within));
	if (filters.q) {
		// Accents optional, both sides folded: lower() alone misses 'Đ' under a C collation.
		const pattern = containsPattern(foldVietnamese(filters.q).toLowerCase());
		query = query.where((eb) =>
			eb.or([
				eb('users.username', 'like', pattern),
				eb(sql`lower(translate(users.display_name, ${FOLD_FROM}, ${FOLD_TO}))`, 'like', pattern)
			])
		);
	}
	if (filters.role) query = query.where('users.role', '=', filters.role);
	if (filters.status) query = query.where('users.active', '=', filters.status === 'active');
	const [rows, count] = await Promise.all([
		query
			.select([
				'users.id',
				'users.username',
				'users.display_name',
				'users.role',
				'users.active',
				'users.must_change_password',
				'units.code as unit_code',
				'units.name as unit_name'
			])
			.orderBy('users.username')
			.limit(USERS_PAGE_SIZE)
			.offset((filters.page - 1) * USERS_PAGE_SIZE)
			.execute(),
		query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, total: Number(count.n) };
}

/** A user in the admin's scope by username, with the revision for the edit form. */
export function findUserInScope(db: Db, scopePath: string, username: string) {
	return db
		.selectFrom('users')
		.innerJoin('units', 'units.id', 'users.unit_id')
		.select([
			'users.id',
			'users.username',
			'users.display_name',
			'users.role',
			'users.active',
			'users.must_change_password',
			'users.created_at',
			'users.updated_at',
			'units.id as unit_id',
			'units.code as unit_code',
			'units.name as unit_name',
			'units.path as unit_path',
			revisionOf.as('revision')
		])
		.where('users.username', '=', username)
		.where('units.path', 'like', subtreePattern(scopePath))
		.executeTakeFirst();
}

/** The active units an admin may give a user: code and name, for the form's suggestions. */
export function listAssignableUnits(db: Db, scopePath: string) {
	return db
		.selectFrom('units')
		.select(['code', 'name'])
		.where('status', '=', 'active')
		.where('path', 'like', subtreePattern(scopePath))
		.orderBy('path')
		.execute();
}

/** Active units by code (whatever their scope: the caller tells unknown from out of scope). */
/** The active units of these codes; `lock` keeps them from being retired until the commit. */
export async function findActiveUnits(db: Db, codes: readonly string[], { lock = false } = {}) {
	const unique = [...new Set(codes.filter(Boolean))];
	if (unique.length === 0) return new Map<string, { id: number; path: string }>();
	let query = db
		.selectFrom('units')
		.select(['id', 'code', 'path'])
		.where('code', 'in', unique)
		.where('status', '=', 'active');
	if (lock) query = query.forShare();
	const rows = await query.execute();
	return new Map(rows.map((row) => [row.code, { id: row.id, path: row.path }]));
}

/** Which of these usernames exist already. */
export async function findTakenUsernames(db: Db, usernames: readonly string[]) {
	const unique = [...new Set(usernames.filter(Boolean))];
	if (unique.length === 0) return new Set<string>();
	const rows = await db
		.selectFrom('users')
		.select('username')
		.where('username', 'in', unique)
		.execute();
	return new Set(rows.map((row) => row.username));
}
