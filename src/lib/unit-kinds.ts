// The kinds of unit by name, in the active language.
import { m } from '$lib/paraglide/messages';
import type { UnitKind } from '$lib/server/db/schema';

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
