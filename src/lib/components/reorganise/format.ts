// How the reorganisation's preview writes a unit.
import type { UnitLabel } from '$lib/domain/reorganisation';

/** 'Name (code)', or nothing when there is no unit. */
export const unitText = (label: UnitLabel | null) => (label ? `${label.name} (${label.code})` : '');
