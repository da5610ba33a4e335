import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Audience, Block } from '../../domain/audiences';
import type { Role } from '../../domain/authorization';
import type { PeriodKind } from '../../domain/periods';
import type { Comparator, CriterionType, Rating } from '../../domain/scoring';
import type { AssessmentStatus, PeriodStatus, UnitKind } from '../../domain/vocabulary';

import type { CreatedAt, DateOnly, DefaultedTimestamp, Json, Timestamp } from './columns';
import type {
	EvidenceChunkTable,
	EvidenceContentTable,
	EvidenceFileTable
} from './schema-evidence';
import type { MailOutboxTable, NotificationTable } from './schema-notifications';

export interface UnitTable {
	id: Generated<number>;
	code: string;
	name: string;
	type_vi: Generated<string>;
	kind: UnitKind;
	parent_id: number | null;
	level: number;
	/** Materialised path of registry codes, '/40/412/16672/': a subtree is `path LIKE '/40/412/%'`. */
	path: string;
	status: Generated<'active' | 'retired'>;
	retired_on: DateOnly | null;
	/** The day the unit came into being, when later than the campaigns' start (e.g. by a merge). */
	established_on: ColumnType<DateOnly | null, DateOnly | null | undefined, DateOnly | null>;
	merged_into_id: number | null;
	created_at: CreatedAt;
	updated_at: DefaultedTimestamp;
}

/**
 * One state of a unit with the days it was in force, [valid_from, valid_to): '-infinity' and
 * 'infinity' stand for "since always" and "still". A period counts the versions in force on its last
 * day; the path is made of the codes in force on those days.
 */
export interface UnitVersionTable {
	unit_id: number;
	valid_from: ColumnType<DateOnly, DateOnly | undefined, DateOnly>;
	valid_to: ColumnType<DateOnly, DateOnly | undefined, DateOnly>;
	code: string;
	name: string;
	type_vi: string;
	kind: UnitKind;
	parent_id: number | null;
	level: number;
	path: string;
}

/** A unit that went, fully or in part, into another on a date (a merger or a split). */
export interface UnitLinkTable {
	predecessor_id: number;
	successor_id: number;
	effective_on: DateOnly;
	part: Generated<'full' | 'partial'>;
	reorganisation_id: number | null;
}

/** One reorganisation applied from a file (or a merge from the unit page), on its date. */
export interface ReorganisationTable {
	id: Generated<number>;
	effective_on: DateOnly;
	format: 'mapping' | 'changes' | 'merge';
	file_name: Generated<string>;
	sha256: string | null;
	summary: ColumnType<unknown, string | undefined, string>;
	applied_by: number | null;
	applied_at: CreatedAt;
}

/** A named grouping of units beside the tree (the former districts), valid from a date. */
export interface AreaSetTable {
	id: Generated<number>;
	code: string;
	name_vi: string;
	name_en: string;
	valid_from: ColumnType<DateOnly, DateOnly | undefined, DateOnly>;
	valid_to: ColumnType<DateOnly, DateOnly | undefined, DateOnly>;
	created_at: CreatedAt;
	updated_at: DefaultedTimestamp;
}

export interface AreaTable {
	id: Generated<number>;
	area_set_id: number;
	code: string;
	name: string;
	/** The map features (codes in the boundary file) the area is drawn with. */
	map_codes: ColumnType<string[], string[] | undefined, string[]>;
}

/** A unit belongs to at most one area of a set. */
export interface AreaMemberTable {
	area_id: number;
	area_set_id: number;
	unit_id: number;
}

export interface UserTable {
	id: Generated<number>;
	username: string;
	display_name: Generated<string>;
	password_hash: string;
	role: Role;
	unit_id: number;
	/** A reporting area the user is scoped to, within the unit's scope (reviewers and leaders). */
	area_id: ColumnType<number | null, number | null | undefined, number | null>;
	/** Where notifications are e-mailed (when SMTP is configured); optional. */
	email: ColumnType<string | null, string | null | undefined, string | null>;
	active: Generated<boolean>;
	must_change_password: Generated<boolean>;
	created_at: CreatedAt;
	updated_at: DefaultedTimestamp;
}

export interface SessionTable {
	id: string;
	secret_hash: string;
	user_id: number;
	expires_at: Timestamp;
	created_at: CreatedAt;
}

export interface CampaignTable {
	id: Generated<number>;
	code: string;
	name_vi: string;
	name_en: string;
	source_vi: Generated<string>;
	note: Generated<string>;
	applies_to: UnitKind[];
	start_date: DateOnly;
	target_date: DateOnly;
	target_share: number;
	min_score: number;
	all_mandatory: Generated<boolean>;
	district_min_share: number | null;
	created_at: CreatedAt;
	updated_at: DefaultedTimestamp;
}

export interface RoadmapTargetTable {
	id: Generated<number>;
	campaign_id: number;
	year: number;
	unit_id: number | null;
	share: number;
	/** A block's own target; null: the campaign's, for all its units together. */
	block: Block | null;
}

export interface CriteriaSetTable {
	id: Generated<number>;
	campaign_id: number;
	version: number;
	status: Generated<'draft' | 'published'>;
	note: Generated<string>;
	created_at: CreatedAt;
	published_at: Timestamp | null;
	published_by: number | null;
	/** Optimistic lock of a draft: every edit checks and bumps it. */
	revision: Generated<number>;
	/** Who the set is written for: its versions count per campaign and audience. */
	audience: Generated<Audience>;
}

export interface CriteriaGroupTable {
	id: Generated<number>;
	criteria_set_id: number;
	code: string;
	name_vi: string;
	name_en: string;
	position: number;
}

export interface CriterionTable {
	id: Generated<number>;
	criteria_set_id: number;
	group_id: number;
	code: string;
	title_vi: string;
	title_en: string;
	type: CriterionType;
	comparator: Comparator | null;
	target_number: number | null;
	target_rating: Rating | null;
	points: number;
	mandatory: Generated<boolean>;
	evidence_required: Generated<boolean>;
	guidance_vi: Generated<string>;
	guidance_en: Generated<string>;
	position: number;
}

export interface PeriodTable {
	id: Generated<number>;
	campaign_id: number;
	label: string;
	kind: PeriodKind;
	starts_on: DateOnly;
	ends_on: DateOnly;
	closes_at: Timestamp;
	status: Generated<PeriodStatus>;
	criteria_set_id: number;
	created_at: CreatedAt;
}

/** The set each audience of a period is scored against (the period's own set copied by trigger). */
export interface PeriodCriteriaSetTable {
	period_id: number;
	campaign_id: number;
	audience: Audience;
	criteria_set_id: number;
}

export interface PeriodExtensionTable {
	period_id: number;
	unit_id: number;
	until: Timestamp;
	reason: Generated<string>;
	granted_by: number;
	granted_at: DefaultedTimestamp;
}

export interface AssessmentTable {
	id: Generated<number>;
	unit_id: number;
	campaign_id: number;
	period_id: number;
	criteria_set_id: number;
	status: Generated<AssessmentStatus>;
	score: Generated<number>;
	met_count: Generated<number>;
	criteria_count: Generated<number>;
	mandatory_met: Generated<boolean>;
	eligible: Generated<boolean>;
	/** Codes of the criteria not met (unanswered included): the dashboards' weakest criteria. */
	unmet_codes: Generated<string[]>;
	/** Optimistic lock: every write checks and bumps it. */
	version: Generated<number>;
	created_at: CreatedAt;
	created_by: number | null;
	updated_at: DefaultedTimestamp;
	updated_by: number | null;
	submitted_at: Timestamp | null;
	submitted_by: number | null;
	verified_at: Timestamp | null;
	verified_by: number | null;
	approved_at: Timestamp | null;
	approved_by: number | null;
	returned_at: Timestamp | null;
	returned_by: number | null;
	return_reason: string | null;
	/** When the assessment was closed because its unit retired (status 'superseded'), and why. */
	superseded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
	superseded_reason: ColumnType<string | null, string | null | undefined, string | null>;
	/** The status it had when superseded. */
	superseded_from: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CriterionResultTable {
	assessment_id: number;
	criterion_id: number;
	value_boolean: boolean | null;
	value_number: number | null;
	value_rating: Rating | null;
	note: Generated<string>;
	met: Generated<boolean>;
	updated_at: DefaultedTimestamp;
	updated_by: number | null;
}

export interface ReviewCommentTable {
	id: Generated<number>;
	assessment_id: number;
	criterion_id: number | null;
	body: string;
	author_id: number;
	created_at: CreatedAt;
	resolved_at: Timestamp | null;
}

export interface RecognitionTable {
	id: Generated<number>;
	unit_id: number;
	campaign_id: number;
	assessment_id: number;
	decision_number: string;
	decision_date: DateOnly;
	approved_by: number | null;
	/** The decision it was granted under (every approval and the demo's history set it). */
	decision_id: ColumnType<number | null, number | null | undefined, number | null>;
	created_at: CreatedAt;
	revoked_at: Timestamp | null;
	revoked_by: number | null;
	revoke_reason: string | null;
}

/**
 * The province's decision recognising units of a campaign: one number and date, many units; the
 * scanned signed decision's content lives in the evidence store under its SHA-256.
 */
export interface RecognitionDecisionTable {
	id: Generated<number>;
	campaign_id: number;
	decision_number: string;
	decision_date: DateOnly;
	created_by: number | null;
	created_at: CreatedAt;
	scan_sha256: string | null;
	scan_file_name: string | null;
	scan_media_type: string | null;
	scan_size_bytes: ColumnType<number | null, number | null, number | null>;
	scan_uploaded_by: number | null;
	scan_uploaded_at: Timestamp | null;
}

export interface AuditLogTable {
	id: Generated<number>;
	at: CreatedAt;
	actor_id: number | null;
	actor_name: Generated<string>;
	action: string;
	entity_type: string;
	entity_id: string;
	unit_id: number | null;
	before: Json;
	after: Json;
	reason: string | null;
	ip: string | null;
}

export interface SignInThrottleTable {
	/** 'user:<username>' or 'ip:<address>'. */
	key: string;
	failures: number;
	last_failure_at: Date | string;
	locked_until: Date | string | null;
}

/** See migrations/2026_12_02_001300_data_versions.ts: 'map', 'campaign:<id>' or 'user:<id>'. */
export interface DataVersionTable {
	scope: string;
	/** Bumped by the commit of any transaction that changed what the scope covers. */
	version: number;
}

export interface Database {
	units: UnitTable;
	unit_versions: UnitVersionTable;
	unit_links: UnitLinkTable;
	reorganisations: ReorganisationTable;
	area_sets: AreaSetTable;
	areas: AreaTable;
	area_members: AreaMemberTable;
	users: UserTable;
	sessions: SessionTable;
	campaigns: CampaignTable;
	roadmap_targets: RoadmapTargetTable;
	criteria_sets: CriteriaSetTable;
	criteria_groups: CriteriaGroupTable;
	criteria: CriterionTable;
	periods: PeriodTable;
	period_criteria_sets: PeriodCriteriaSetTable;
	period_extensions: PeriodExtensionTable;
	assessments: AssessmentTable;
	criterion_results: CriterionResultTable;
	review_comments: ReviewCommentTable;
	evidence_files: EvidenceFileTable;
	evidence_content: EvidenceContentTable;
	evidence_chunks: EvidenceChunkTable;
	recognitions: RecognitionTable;
	recognition_decisions: RecognitionDecisionTable;
	audit_log: AuditLogTable;
	sign_in_throttle: SignInThrottleTable;
	notifications: NotificationTable;
	mail_outbox: MailOutboxTable;
	data_versions: DataVersionTable;
}

export type { EvidenceChunkTable, EvidenceContentTable, EvidenceFileTable };

export type Unit = Selectable<UnitTable>;
export type NewUser = Insertable<UserTable>;
export type Campaign = Selectable<CampaignTable>;
export type Criterion = Selectable<CriterionTable>;
export type Period = Selectable<PeriodTable>;
export type NewCriterionResult = Insertable<CriterionResultTable>;
