// Colours for charts and maps that readers with colour-blindness can tell apart: the Okabe–Ito
// palette for categories, ColorBrewer's Blues for shares. Every coloured mark also carries text.
import type { PaceStatus } from './domain/pace';

export const PACE_COLOURS: Record<PaceStatus, string> = {
	met: '#009E73',
	on_track: '#0072B2',
	accelerate: '#E69F00',
	limited: '#D55E00',
	deteriorating: '#CC79A7',
	no_data: '#999999'
};

/** Workflow statuses, 'none' for units without an assessment. */
export const STATUS_COLOURS = {
	none: '#D9D9D9',
	draft: '#F0E442',
	submitted: '#56B4E9',
	verified: '#0072B2',
	approved: '#009E73'
} as const;

/** Five classes of a share in [0, 1], light to dark, with the text colour that reads on each. */
const SHARE_CLASSES = [
	{ fill: '#eff3ff', ink: '#1c1917' },
	{ fill: '#bdd7e7', ink: '#1c1917' },
	{ fill: '#6baed6', ink: '#1c1917' },
	{ fill: '#2171b5', ink: '#ffffff' },
	{ fill: '#08519c', ink: '#ffffff' }
] as const;

/** The class bounds: [0, 20 %), [20, 40 %) … [80 %, 100 %]. */
export const SHARE_STEPS = [0, 0.2, 0.4, 0.6, 0.8] as const;

export function shareClass(share: number) {
	const index = SHARE_STEPS.findLastIndex((step) => share >= step);
	return SHARE_CLASSES[Math.max(0, index)];
}

export const ROADMAP_COLOUR = '#57534e';
