// How a dashboard reads the blocks of the movement (audiences.ts): which block it counts, the kinds
// that makes it count, and the lists it keeps per audience. Pure.
import { blocksOf, kindsOfBlock, type Audience, type Block } from './audiences';

export interface BlockView {
	/** null: the units of every block together. */
	current: Block | null;
	/** The campaign's blocks: a filter is worth showing with two. */
	choices: Block[];
	/** The unit kinds the view counts. */
	kinds: string[];
}

/**
 * The block a dashboard counts: the one asked for when the campaign has units of both blocks;
 * with one block only, its figures are the campaign's and no block is named.
 */
export function blockView(
	appliesTo: readonly string[],
	asked: Block | null | undefined
): BlockView {
	const choices = blocksOf(appliesTo);
	const current = choices.length > 1 && asked && choices.includes(asked) ? asked : null;
	return { current, choices, kinds: kindsOfBlock(appliesTo, current) };
}

/**
 * The kinds whose presence among a root's children makes its dashboard a list of units: the
 * territory's when the campaign counts it, so a school right under the province does not turn the
 * province's dashboard into a list of units, in any block's view.
 */
export function structureKinds(appliesTo: readonly string[]): string[] {
	const territorial = kindsOfBlock(appliesTo, 'area');
	return territorial.length > 0 ? territorial : [...appliesTo];
}

/** The first `length` items of each audience's run, in the order given. */
export function firstOfEachAudience<T extends { audience: Audience }>(
	items: readonly T[],
	length: number
): T[] {
	const taken = new Map<Audience, number>();
	return items.filter((item) => {
		const count = taken.get(item.audience) ?? 0;
		taken.set(item.audience, count + 1);
		return count < length;
	});
}
