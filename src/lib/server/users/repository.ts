// Every query of the users table: the administration's lists (always inside a scope subtree),
// the writes of accounts, and what signing in and changing a password read and write.
import { sql, type Kysely } from 'kysely';
import type { Role } from '../../domain/authorization';
import { FOLD_FROM, FOLD_TO, foldVietnamese } from '../../domain/unit-rules';
import type { Database, NewUser } from '../db/schema';
import { subtreePattern } from '../units/repository';

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

/** What the list and the edit form show of a user and their unit. */
const userColumns = [
	'users.id',
	'users.username',
	'users.display_name',
	'users.role',
	'users.active',
	'users.must_change_password',
	'units.code as unit_code',
	'units.name as unit_name',
	// The reporting area the user is scoped to, as `SET/AREA` (null: the unit's whole subtree).
	sql<string | null>`area_sets.code || '/' || areas.code`.as('area_ref')
] as const;

/** A LIKE pattern matching the text anywhere, its wildcards taken literally. */
function containsPattern(text: string): string {
	return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/** One page of the users of a subtree (the scope, or a unit in it), and how many match in all. */
export async function listUsers(db: Db, subtreePath: string, filters: UserFilters) {
	let query = db
		.selectFrom('users')
		.innerJoin('units', 'units.id', 'users.unit_id')
		.leftJoin('areas', 'areas.id', 'users.area_id')
		.leftJoin('area_sets', 'area_sets.id', 'areas.area_set_id')
		.where('units.path', 'like', subtreePattern(subtreePath));
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
			.select(userColumns)
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
		.leftJoin('areas', 'areas.id', 'users.area_id')
		.leftJoin('area_sets', 'area_sets.id', 'areas.area_set_id')
		.select(userColumns)
		.select([
			'users.created_at',
			'users.updated_at',
			'units.id as unit_id',
			'units.path as unit_path',
			'users.area_id',
			revisionOf.as('revision')
		])
		.where('users.username', '=', username)
		.where('units.path', 'like', subtreePattern(scopePath))
		.executeTakeFirst();
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

/** Inserts users; a username already taken is skipped (not returned). */
export function insertUsers(trx: Db, rows: readonly NewUser[]) {
	return trx
		.insertInto('users')
		.values([...rows])
		.onConflict((conflict) => conflict.column('username').doNothing())
		.returning(['id', 'username'])
		.execute();
}

/** Holds a user's row until the commit. */
export async function lockUserRow(trx: Db, id: number): Promise<void> {
	await trx.selectFrom('users').select('id').where('id', '=', id).forUpdate().execute();
}

export interface UserChange {
	display_name?: string;
	role?: Role;
	unit_id?: number;
	area_id?: number | null;
	active?: boolean;
	password_hash?: string;
	must_change_password?: boolean;
}

export async function updateUserRow(trx: Db, id: number, change: UserChange): Promise<void> {
	await trx
		.updateTable('users')
		.set({ ...change, updated_at: new Date() })
		.where('id', '=', id)
		.execute();
}

/** Every user of one unit moves to another (a merge): who moved. */
export function moveUsersToUnit(trx: Db, fromUnitId: number, toUnitId: number) {
	return trx
		.updateTable('users')
		.set({ unit_id: toUnitId, updated_at: sql`now()` })
		.where('unit_id', '=', fromUnitId)
		.returning(['id', 'username'])
		.execute();
}

export async function countUsersOfUnit(db: Db, unitId: number): Promise<number> {
	const row = await db
		.selectFrom('users')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('unit_id', '=', unitId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** What signing in checks, by username. */
export function findUserCredentials(db: Db, username: string) {
	return db
		.selectFrom('users')
		.select(['id', 'username', 'password_hash', 'active', 'must_change_password', 'unit_id'])
		.where('username', '=', username)
		.executeTakeFirst();
}

export async function findPasswordHash(db: Db, userId: number): Promise<string> {
	const row = await db
		.selectFrom('users')
		.select('password_hash')
		.where('id', '=', userId)
		.executeTakeFirstOrThrow();
	return row.password_hash;
}
