import { sql, type Kysely } from 'kysely';

// The whole domain of PRODUCT.md. Frozen in time: never import from src/.
// Portable between PostgreSQL 15 (server) and PGlite (PostgreSQL 17): plain SQL, no extensions.

const statements = [
	`CREATE TABLE units (
		id serial PRIMARY KEY,
		code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9._-]{1,32}$'),
		name text NOT NULL CHECK (length(trim(name)) > 0),
		type_vi text NOT NULL DEFAULT '',
		kind text NOT NULL CHECK (kind IN ('nation', 'province', 'city', 'town', 'district',
			'ward', 'commune', 'township', 'agency', 'school', 'enterprise')),
		parent_id integer REFERENCES units (id),
		level smallint NOT NULL CHECK (level >= 1),
		path text NOT NULL UNIQUE CHECK (path ~ '^(/[A-Za-z0-9._-]+)+/$'),
		status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
		retired_on date,
		merged_into_id integer REFERENCES units (id),
		created_at timestamptz NOT NULL DEFAULT now(),
		updated_at timestamptz NOT NULL DEFAULT now(),
		CHECK ((parent_id IS NULL) = (level = 1)),
		CHECK (status = 'retired' OR (retired_on IS NULL AND merged_into_id IS NULL)),
		CHECK (merged_into_id IS NULL OR merged_into_id <> id)
	)`,
	// Subtree queries: path LIKE '/40/412/%' (registry codes) uses this index whatever the collation.
	`CREATE INDEX units_path_prefix_idx ON units (path text_pattern_ops)`,
	`CREATE INDEX units_parent_idx ON units (parent_id)`,
	`CREATE INDEX units_kind_idx ON units (kind)`,

	`CREATE TABLE users (
		id serial PRIMARY KEY,
		username text NOT NULL CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
		display_name text NOT NULL DEFAULT '',
		password_hash text NOT NULL,
		role text NOT NULL CHECK (role IN ('ward_officer', 'district_reviewer', 'province_admin',
			'leader')),
		unit_id integer NOT NULL REFERENCES units (id),
		active boolean NOT NULL DEFAULT true,
		must_change_password boolean NOT NULL DEFAULT false,
		created_at timestamptz NOT NULL DEFAULT now(),
		updated_at timestamptz NOT NULL DEFAULT now()
	)`,
	`CREATE UNIQUE INDEX users_username_idx ON users (username)`,
	`CREATE INDEX users_unit_idx ON users (unit_id)`,

	// Lucia's design: the cookie holds '<id>.<secret>'; only the secret's SHA-256 is stored.
	`CREATE TABLE sessions (
		id text PRIMARY KEY CHECK (id ~ '^[a-z0-9]{24}$'),
		secret_hash text NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
		user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
		expires_at timestamptz NOT NULL,
		created_at timestamptz NOT NULL DEFAULT now()
	)`,
	`CREATE INDEX sessions_user_idx ON sessions (user_id)`,

	`CREATE TABLE campaigns (
		id serial PRIMARY KEY,
		code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{2,40}$'),
		name_vi text NOT NULL,
		name_en text NOT NULL,
		source_vi text NOT NULL DEFAULT '',
		note text NOT NULL DEFAULT '',
		applies_to text[] NOT NULL CHECK (cardinality(applies_to) > 0),
		start_date date NOT NULL,
		target_date date NOT NULL,
		target_share numeric(5, 4) NOT NULL CHECK (target_share > 0 AND target_share <= 1),
		min_score numeric(5, 2) NOT NULL CHECK (min_score >= 0 AND min_score <= 100),
		all_mandatory boolean NOT NULL DEFAULT true,
		district_min_share numeric(5, 4) CHECK (district_min_share > 0 AND district_min_share <= 1),
		created_at timestamptz NOT NULL DEFAULT now(),
		updated_at timestamptz NOT NULL DEFAULT now(),
		CHECK (target_date > start_date)
	)`,

	// Share of units expected recognised by the end of a year; unit_id set = a district override.
	`CREATE TABLE roadmap_targets (
		id serial PRIMARY KEY,
		campaign_id integer NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
		year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
		unit_id integer REFERENCES units (id),
		share numeric(5, 4) NOT NULL CHECK (share >= 0 AND share <= 1),
		UNIQUE NULLS NOT DISTINCT (campaign_id, year, unit_id)
	)`,

	`CREATE TABLE criteria_sets (
		id serial PRIMARY KEY,
		campaign_id integer NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
		version integer NOT NULL CHECK (version >= 1),
		status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
		note text NOT NULL DEFAULT '',
		created_at timestamptz NOT NULL DEFAULT now(),
		published_at timestamptz,
		published_by integer REFERENCES users (id),
		UNIQUE (campaign_id, version),
		UNIQUE (id, campaign_id),
		CHECK ((status = 'published') = (published_at IS NOT NULL))
	)`,
	`CREATE UNIQUE INDEX criteria_sets_one_draft_idx ON criteria_sets (campaign_id)
		WHERE status = 'draft'`,

	`CREATE TABLE criteria_groups (
		id serial PRIMARY KEY,
		criteria_set_id integer NOT NULL REFERENCES criteria_sets (id) ON DELETE CASCADE,
		code text NOT NULL,
		name_vi text NOT NULL,
		name_en text NOT NULL,
		position integer NOT NULL,
		UNIQUE (criteria_set_id, code),
		UNIQUE (id, criteria_set_id)
	)`,

	`CREATE TABLE criteria (
		id serial PRIMARY KEY,
		criteria_set_id integer NOT NULL,
		group_id integer NOT NULL,
		code text NOT NULL,
		title_vi text NOT NULL,
		title_en text NOT NULL,
		type text NOT NULL CHECK (type IN ('boolean', 'percent', 'percent_change', 'count',
			'rating')),
		comparator text CHECK (comparator IN ('>=', '<=', '>', '<', '=')),
		target_number numeric(12, 2),
		target_rating text CHECK (target_rating IN ('weak', 'average', 'fair', 'good')),
		points numeric(5, 2) NOT NULL CHECK (points >= 0 AND points <= 100),
		mandatory boolean NOT NULL DEFAULT false,
		evidence_required boolean NOT NULL DEFAULT false,
		guidance_vi text NOT NULL DEFAULT '',
		guidance_en text NOT NULL DEFAULT '',
		position integer NOT NULL,
		UNIQUE (criteria_set_id, code),
		FOREIGN KEY (group_id, criteria_set_id)
			REFERENCES criteria_groups (id, criteria_set_id) ON DELETE CASCADE,
		CHECK (CASE type
			WHEN 'boolean' THEN comparator IS NULL AND target_number IS NULL AND target_rating IS NULL
			WHEN 'rating' THEN comparator IS NULL AND target_number IS NULL AND target_rating IS NOT NULL
			ELSE comparator IS NOT NULL AND target_number IS NOT NULL AND target_rating IS NULL
		END),
		CHECK (type <> 'percent' OR target_number BETWEEN 0 AND 100),
		CHECK (type <> 'count' OR (target_number >= 0 AND target_number = trunc(target_number)))
	)`,
	`CREATE INDEX criteria_group_idx ON criteria (group_id)`,

	`CREATE TABLE periods (
		id serial PRIMARY KEY,
		campaign_id integer NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
		label text NOT NULL CHECK (label ~ '^[0-9]{4}(-(Q[1-4]|H[12]))?$'),
		kind text NOT NULL CHECK (kind IN ('quarter', 'half', 'year')),
		starts_on date NOT NULL,
		ends_on date NOT NULL,
		closes_at timestamptz NOT NULL,
		status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'open', 'closed')),
		criteria_set_id integer NOT NULL,
		created_at timestamptz NOT NULL DEFAULT now(),
		UNIQUE (campaign_id, label),
		UNIQUE (id, campaign_id),
		FOREIGN KEY (criteria_set_id, campaign_id) REFERENCES criteria_sets (id, campaign_id),
		CHECK (ends_on >= starts_on)
	)`,

	`CREATE TABLE period_extensions (
		period_id integer NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
		unit_id integer NOT NULL REFERENCES units (id),
		until timestamptz NOT NULL,
		reason text NOT NULL DEFAULT '',
		granted_by integer NOT NULL REFERENCES users (id),
		granted_at timestamptz NOT NULL DEFAULT now(),
		PRIMARY KEY (period_id, unit_id)
	)`,

	`CREATE TABLE assessments (
		id serial PRIMARY KEY,
		unit_id integer NOT NULL REFERENCES units (id),
		campaign_id integer NOT NULL,
		period_id integer NOT NULL,
		criteria_set_id integer NOT NULL,
		status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'verified',
			'approved')),
		score numeric(5, 2) NOT NULL DEFAULT 0 CHECK (score >= 0 AND score <= 100),
		met_count integer NOT NULL DEFAULT 0 CHECK (met_count >= 0),
		criteria_count integer NOT NULL DEFAULT 0 CHECK (criteria_count >= met_count),
		mandatory_met boolean NOT NULL DEFAULT false,
		eligible boolean NOT NULL DEFAULT false,
		version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
		created_at timestamptz NOT NULL DEFAULT now(),
		created_by integer REFERENCES users (id),
		updated_at timestamptz NOT NULL DEFAULT now(),
		updated_by integer REFERENCES users (id),
		submitted_at timestamptz,
		submitted_by integer REFERENCES users (id),
		verified_at timestamptz,
		verified_by integer REFERENCES users (id),
		approved_at timestamptz,
		approved_by integer REFERENCES users (id),
		returned_at timestamptz,
		returned_by integer REFERENCES users (id),
		return_reason text,
		UNIQUE (unit_id, campaign_id, period_id),
		FOREIGN KEY (period_id, campaign_id) REFERENCES periods (id, campaign_id),
		FOREIGN KEY (criteria_set_id, campaign_id) REFERENCES criteria_sets (id, campaign_id),
		CHECK (status = 'draft' OR submitted_at IS NOT NULL),
		CHECK (status NOT IN ('verified', 'approved') OR verified_at IS NOT NULL),
		CHECK (status <> 'approved' OR approved_at IS NOT NULL)
	)`,
	`CREATE INDEX assessments_dashboard_idx ON assessments (campaign_id, period_id, status)
		INCLUDE (unit_id, score, eligible)`,
	`CREATE INDEX assessments_unit_idx ON assessments (unit_id, campaign_id, period_id)`,

	`CREATE TABLE criterion_results (
		assessment_id integer NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
		criterion_id integer NOT NULL REFERENCES criteria (id),
		value_boolean boolean,
		value_number numeric(12, 2),
		value_rating text CHECK (value_rating IN ('weak', 'average', 'fair', 'good')),
		note text NOT NULL DEFAULT '',
		met boolean NOT NULL DEFAULT false,
		updated_at timestamptz NOT NULL DEFAULT now(),
		updated_by integer REFERENCES users (id),
		PRIMARY KEY (assessment_id, criterion_id),
		CHECK (num_nonnulls(value_boolean, value_number, value_rating) <= 1)
	)`,
	`CREATE INDEX criterion_results_criterion_idx ON criterion_results (criterion_id)
		INCLUDE (met)`,

	// A reviewer's comment on one criterion, kept with the return it belongs to.
	`CREATE TABLE review_comments (
		id serial PRIMARY KEY,
		assessment_id integer NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
		criterion_id integer REFERENCES criteria (id),
		body text NOT NULL CHECK (length(trim(body)) > 0),
		author_id integer NOT NULL REFERENCES users (id),
		created_at timestamptz NOT NULL DEFAULT now(),
		resolved_at timestamptz
	)`,
	`CREATE INDEX review_comments_assessment_idx ON review_comments (assessment_id)`,

	`CREATE TABLE evidence_files (
		id serial PRIMARY KEY,
		assessment_id integer NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
		criterion_id integer NOT NULL REFERENCES criteria (id),
		sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
		file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
		media_type text NOT NULL,
		size_bytes bigint NOT NULL CHECK (size_bytes > 0),
		uploaded_by integer NOT NULL REFERENCES users (id),
		uploaded_at timestamptz NOT NULL DEFAULT now()
	)`,
	`CREATE INDEX evidence_files_assessment_idx ON evidence_files (assessment_id, criterion_id)`,
	`CREATE INDEX evidence_files_sha_idx ON evidence_files (sha256)`,

	`CREATE TABLE recognitions (
		id serial PRIMARY KEY,
		unit_id integer NOT NULL REFERENCES units (id),
		campaign_id integer NOT NULL REFERENCES campaigns (id),
		assessment_id integer NOT NULL UNIQUE REFERENCES assessments (id),
		decision_number text NOT NULL CHECK (length(trim(decision_number)) > 0),
		decision_date date NOT NULL,
		approved_by integer REFERENCES users (id),
		created_at timestamptz NOT NULL DEFAULT now(),
		revoked_at timestamptz,
		revoked_by integer REFERENCES users (id),
		revoke_reason text,
		CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
	)`,
	// A unit holds at most one standing recognition per campaign.
	`CREATE UNIQUE INDEX recognitions_standing_idx ON recognitions (campaign_id, unit_id)
		WHERE revoked_at IS NULL`,
	`CREATE INDEX recognitions_unit_idx ON recognitions (unit_id, campaign_id, decision_date)`,

	`CREATE TABLE audit_log (
		id bigserial PRIMARY KEY,
		at timestamptz NOT NULL DEFAULT now(),
		actor_id integer REFERENCES users (id) ON DELETE SET NULL,
		actor_name text NOT NULL DEFAULT '',
		action text NOT NULL,
		entity_type text NOT NULL,
		entity_id text NOT NULL,
		unit_id integer REFERENCES units (id),
		before jsonb,
		after jsonb,
		reason text,
		ip text
	)`,
	`CREATE INDEX audit_log_at_idx ON audit_log (at)`,
	`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, at)`,
	`CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at)`,
	`CREATE INDEX audit_log_unit_idx ON audit_log (unit_id, at)`
];

const tables = [
	'audit_log',
	'recognitions',
	'evidence_files',
	'review_comments',
	'criterion_results',
	'assessments',
	'period_extensions',
	'periods',
	'criteria',
	'criteria_groups',
	'criteria_sets',
	'roadmap_targets',
	'campaigns',
	'sessions',
	'users',
	'units'
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of statements) await sql.raw(statement).execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of tables) await sql.raw(`DROP TABLE IF EXISTS ${table}`).execute(db);
}
