// Roles, kinds of unit, audiences and period statuses by name, in the active language.
import { m } from '$lib/paraglide/messages';
import type { Audience } from '$lib/domain/audiences';
import type { Role } from '$lib/domain/authorization';
import type { UnitKind } from '$lib/domain/vocabulary';

const LABELS: Record<UnitKind, () => string> = {
	nation: () => m.unit_kind_nation(),
	province: () => m.unit_kind_province(),
	city: () => m.unit_kind_city(),
	town: () => m.unit_kind_town(),
	district: () => m.unit_kind_district(),
	ward: () => m.unit_kind_ward(),
	commune: () => m.unit_kind_commune(),
	township: () => m.unit_kind_township(),
	agency: () => m.unit_kind_agency(),
	school: () => m.unit_kind_school(),
	enterprise: () => m.unit_kind_enterprise()
};

export function unitKindLabel(kind: string): string {
	return LABELS[kind as UnitKind]?.() ?? kind;
}

const AUDIENCES: Record<Audience, () => string> = {
	area: () => m.audience_area(),
	agency: () => m.audience_agency(),
	enterprise: () => m.audience_enterprise(),
	school: () => m.audience_school()
};

/** Who a criteria set is written for: "Nhà trường". */
export function audienceLabel(audience: string): string {
	return AUDIENCES[audience as Audience]?.() ?? audience;
}

const ROLES: Record<Role, () => string> = {
	ward_officer: () => m.role_ward_officer(),
	district_reviewer: () => m.role_district_reviewer(),
	province_admin: () => m.role_province_admin(),
	leader: () => m.role_leader()
};

export function roleLabel(role: string): string {
	return ROLES[role as Role]?.() ?? role;
}

const PERIOD_STATUSES: Record<string, () => string> = {
	planned: () => m.period_status_planned(),
	open: () => m.period_status_open(),
	closed: () => m.period_status_closed()
};

export function periodStatusLabel(status: string): string {
	return PERIOD_STATUSES[status]?.() ?? status;
}
