// Who a criteria set is written for, and the blocks the movement reports by. The Ministry's standard
// for "An toàn về an ninh, trật tự" (Circular 124/2021/TT-BCA) judges communes, wards and townships,
// agencies, enterprises and schools by different criteria: a campaign holds one criteria set per
// audience, and each unit is scored against the set of its kind's audience. Pure.
import type { UnitKind } from './vocabulary';

/** 'area': the territorial units (xã, phường, thị trấn, and any other kind a campaign counts). */
export const AUDIENCES = ['area', 'agency', 'enterprise', 'school'] as const;
export type Audience = (typeof AUDIENCES)[number];

export function isAudience(value: unknown): value is Audience {
	return typeof value === 'string' && (AUDIENCES as readonly string[]).includes(value);
}

/** The audience whose criteria set scores a unit of this kind. */
export function audienceOf(kind: UnitKind | string): Audience {
	return kind === 'agency' || kind === 'enterprise' || kind === 'school' ? kind : 'area';
}

/**
 * The blocks of the movement: "khối xã, phường, thị trấn" and "khối cơ quan, doanh nghiệp, nhà
 * trường". Figures can be read per block, each with its own denominator, or together.
 */
export const BLOCKS = ['area', 'institution'] as const;
export type Block = (typeof BLOCKS)[number];

export function isBlock(value: unknown): value is Block {
	return typeof value === 'string' && (BLOCKS as readonly string[]).includes(value);
}

export function blockOf(kind: UnitKind | string): Block {
	return audienceOf(kind) === 'area' ? 'area' : 'institution';
}

/** The kinds of a campaign that a block counts (all of them when no block is chosen). */
export function kindsOfBlock(appliesTo: readonly string[], block: Block | null): string[] {
	return block === null ? [...appliesTo] : appliesTo.filter((kind) => blockOf(kind) === block);
}

/** The audiences a campaign needs a criteria set for, in the order of AUDIENCES. */
export function audiencesOf(appliesTo: readonly string[]): Audience[] {
	const needed = new Set(appliesTo.map(audienceOf));
	return AUDIENCES.filter((audience) => needed.has(audience));
}

/** The blocks a campaign has units in, in the order of BLOCKS. */
export function blocksOf(appliesTo: readonly string[]): Block[] {
	const present = new Set(appliesTo.map(blockOf));
	return BLOCKS.filter((block) => present.has(block));
}

/** The kinds of a campaign an audience's set scores. */
export function kindsOfAudience(appliesTo: readonly string[], audience: Audience): string[] {
	return appliesTo.filter((kind) => audienceOf(kind) === audience);
}
