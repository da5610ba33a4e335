import { sql, type Kysely } from 'kysely';

// The structure as of a date (PRODUCT.md, "The map changes under the campaign").
// - A unit row is one unit over its life; `units` keeps its latest state, `unit_versions` every
//   state with the days it was in force: [valid_from, valid_to). A period counts the versions in
//   force on its last day. '-infinity' and 'infinity' stand for "since always" and "still".
// - The registry reuses codes: a code names one unit at a time, not forever, so codes and paths are
//   unique among active units only. A version's path is made of the codes in force on its days.
// - Lineage across merges and splits: `unit_links`, written by a reorganisation (or a merge).
// - A reorganisation applied from a mapping file is one row, so the same file is recognised.
// - Reporting areas: named groupings of units valid from a date (the former districts), which
//   dashboards and user scopes can use beside the tree.
// - An assessment of a unit that retires is closed as 'superseded', with the reason.
// Portable between PostgreSQL 15 (server) and PGlite (PostgreSQL 17): plain SQL, no extensions.

const statements = [
	`ALTER TABLE units DROP CONSTRAINT units_code_key`,
	`ALTER TABLE units DROP CONSTRAINT units_path_key`,
	`CREATE UNIQUE INDEX units_active_code_idx ON units (code) WHERE status = 'active'`,
	`CREATE UNIQUE INDEX units_active_path_idx ON units (path) WHERE status = 'active'`,
	`CREATE INDEX units_code_idx ON units (code)`,

	`CREATE TABLE unit_versions (
		unit_id integer NOT NULL REFERENCES units (id) ON DELETE CASCADE,
		valid_from date NOT NULL DEFAULT '-infinity',
		valid_to date NOT NULL DEFAULT 'infinity',
		code text NOT NULL,
		name text NOT NULL CHECK (length(trim(name)) > 0),
		type_vi text NOT NULL DEFAULT '',
		kind text NOT NULL,
		parent_id integer REFERENCES units (id),
		level smallint NOT NULL CHECK (level >= 1),
		path text NOT NULL CHECK (path ~ '^(/[A-Za-z0-9._-]+)+/$'),
		PRIMARY KEY (unit_id, valid_from),
		CHECK (valid_to > valid_from)
	)`,
	`CREATE INDEX unit_versions_path_idx ON unit_versions (path text_pattern_ops, valid_from, valid_to)`,
	`CREATE INDEX unit_versions_parent_idx ON unit_versions (parent_id, valid_from)`,
	`CREATE INDEX unit_versions_code_idx ON unit_versions (code, valid_from)`,
	// Every unit as it stands, in force from its establishment (or always) to its retirement.
	`INSERT INTO unit_versions (unit_id, valid_from, valid_to, code, name, type_vi, kind, parent_id,
			level, path)
		SELECT id, coalesce(established_on, '-infinity'), coalesce(retired_on, 'infinity'), code,
			name, type_vi, kind, parent_id, level, path
		FROM units`,

	`CREATE TABLE reorganisations (
		id serial PRIMARY KEY,
		effective_on date NOT NULL,
		format text NOT NULL CHECK (format IN ('mapping', 'changes', 'merge')),
		file_name text NOT NULL DEFAULT '',
		sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
		summary jsonb NOT NULL DEFAULT '{}',
		applied_by integer REFERENCES users (id),
		applied_at timestamptz NOT NULL DEFAULT now(),
		UNIQUE (sha256, effective_on)
	)`,

	`CREATE TABLE unit_links (
		predecessor_id integer NOT NULL REFERENCES units (id) ON DELETE CASCADE,
		successor_id integer NOT NULL REFERENCES units (id) ON DELETE CASCADE,
		effective_on date NOT NULL,
		part text NOT NULL DEFAULT 'full' CHECK (part IN ('full', 'partial')),
		reorganisation_id integer REFERENCES reorganisations (id),
		PRIMARY KEY (predecessor_id, successor_id),
		CHECK (predecessor_id <> successor_id)
	)`,
	`CREATE INDEX unit_links_successor_idx ON unit_links (successor_id)`,
	`INSERT INTO unit_links (predecessor_id, successor_id, effective_on)
		SELECT id, merged_into_id, retired_on FROM units WHERE merged_into_id IS NOT NULL`,

	`CREATE TABLE area_sets (
		id serial PRIMARY KEY,
		code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{2,40}$'),
		name_vi text NOT NULL CHECK (length(trim(name_vi)) > 0),
		name_en text NOT NULL CHECK (length(trim(name_en)) > 0),
		valid_from date NOT NULL DEFAULT '-infinity',
		valid_to date NOT NULL DEFAULT 'infinity',
		created_at timestamptz NOT NULL DEFAULT now(),
		updated_at timestamptz NOT NULL DEFAULT now(),
		CHECK (valid_to > valid_from)
	)`,
	`CREATE TABLE areas (
		id serial PRIMARY KEY,
		area_set_id integer NOT NULL REFERENCES area_sets (id) ON DELETE CASCADE,
		code text NOT NULL CHECK (code ~ '^[A-Za-z0-9._-]{1,32}$'),
		name text NOT NULL CHECK (length(trim(name)) > 0),
		-- The map features (by their code in the boundary file) the area is drawn with.
		map_codes text[] NOT NULL DEFAULT '{}',
		UNIQUE (area_set_id, code),
		UNIQUE (id, area_set_id)
	)`,
	`CREATE TABLE area_members (
		area_id integer NOT NULL,
		area_set_id integer NOT NULL,
		unit_id integer NOT NULL REFERENCES units (id) ON DELETE CASCADE,
		PRIMARY KEY (area_set_id, unit_id),
		FOREIGN KEY (area_id, area_set_id) REFERENCES areas (id, area_set_id) ON DELETE CASCADE
	)`,
	`CREATE INDEX area_members_area_idx ON area_members (area_id)`,
	// A reviewer or leader may be scoped to an area instead of (within) a unit.
	`ALTER TABLE users ADD COLUMN area_id integer REFERENCES areas (id)`,

	`ALTER TABLE assessments DROP CONSTRAINT assessments_status_check`,
	`ALTER TABLE assessments ADD CONSTRAINT assessments_status_check
		CHECK (status IN ('draft', 'submitted', 'verified', 'approved', 'superseded'))`,
	`ALTER TABLE assessments ADD COLUMN superseded_at timestamptz`,
	`ALTER TABLE assessments ADD COLUMN superseded_reason text`,
	// The status an assessment had when it was superseded, for its history.
	`ALTER TABLE assessments ADD COLUMN superseded_from text`,
	`ALTER TABLE assessments ADD CONSTRAINT assessments_superseded_check
		CHECK ((status = 'superseded') = (superseded_at IS NOT NULL))`,
	// A superseded draft was never submitted: the draft-or-submitted rule admits it.
	`DO $$
	DECLARE name text;
	BEGIN
		SELECT conname INTO name FROM pg_constraint
		WHERE conrelid = 'assessments'::regclass AND contype = 'c'
			AND pg_get_constraintdef(oid) LIKE '%''draft''::text) OR (submitted_at IS NOT NULL)%';
		EXECUTE format('ALTER TABLE assessments DROP CONSTRAINT %I', name);
	END $$`,
	`ALTER TABLE assessments ADD CONSTRAINT assessments_submitted_check
		CHECK (status IN ('draft', 'superseded') OR submitted_at IS NOT NULL)`
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of statements) await sql.raw(statement).execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const statement of [
		`ALTER TABLE users DROP COLUMN area_id`,
		`DROP TABLE area_members`,
		`DROP TABLE areas`,
		`DROP TABLE area_sets`,
		`DROP TABLE unit_links`,
		`DROP TABLE reorganisations`,
		`DROP TABLE unit_versions`,
		`DROP INDEX units_code_idx`,
		`DROP INDEX units_active_path_idx`,
		`DROP INDEX units_active_code_idx`,
		`ALTER TABLE units ADD CONSTRAINT units_code_key UNIQUE (code)`,
		`ALTER TABLE units ADD CONSTRAINT units_path_key UNIQUE (path)`
	]) {
		await sql.raw(statement).execute(db);
	}
}
