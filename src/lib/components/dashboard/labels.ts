// Words for the dashboard's statuses and data levels, in the active language.
import type { Block } from '$lib/domain/audiences';
import type { DataLevel } from '$lib/domain/data-level';
import type { PaceStatus } from '$lib/domain/pace';
import { m } from '$lib/paraglide/messages';

export function paceLabel(status: PaceStatus): string {
	const labels: Record<PaceStatus, () => string> = {
		met: m.pace_met,
		on_track: m.pace_on_track,
		accelerate: m.pace_accelerate,
		limited: m.pace_limited,
		deteriorating: m.pace_deteriorating,
		no_data: m.pace_no_data
	};
	return labels[status]();
}

/** A symbol that tells the status without colour. */
export function paceSymbol(status: PaceStatus): string {
	const symbols: Record<PaceStatus, string> = {
		met: '✔',
		on_track: '▲',
		accelerate: '►',
		limited: '▼',
		deteriorating: '✖',
		no_data: '?'
	};
	return symbols[status];
}

/** A grouping's name inside a sentence: "Địa bàn huyện cũ" reads "theo địa bàn huyện cũ". */
export function inSentence(name: string): string {
	return /^\p{Lu}\p{Ll}/u.test(name) ? name[0].toLocaleLowerCase() + name.slice(1) : name;
}

export function levelLabel(level: DataLevel): string {
	return level === 'official' ? m.level_official() : m.level_provisional();
}

/**
 * The statement every figure of the dashboard carries: what the level counts as recognised and
 * which assessments its scores read (the view `kept_unit_figures_fresh`, `statusesOf`).
 */
export function levelNote(level: DataLevel): string {
	return level === 'official' ? m.level_official_note() : m.level_provisional_note();
}

/** The footnote under the figures: what each column counts at the level. */
export function levelFootnote(level: DataLevel): string {
	return level === 'official' ? m.data_level_note_official() : m.data_level_note_provisional();
}

export function blockLabel(block: Block | null): string {
	if (block === null) return m.block_all();
	return block === 'area' ? m.block_area() : m.block_institution();
}

/** Who a criteria set is written for: one name everywhere ($lib/labels). */
export { audienceLabel } from '$lib/labels';
