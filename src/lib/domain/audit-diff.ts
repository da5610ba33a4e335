// An audit entry's before and after, field by field, for people: which fields changed, from what to
// what. Pure; nested objects become dotted field names ('unit.code'), lists and odd values read as
// JSON.

export interface AuditDiffRow {
	/** The field name; '' when before/after are not objects (a bare value). */
	field: string;
	before: string | null;
	after: string | null;
	/** The value differs (added, removed or changed). */
	changed: boolean;
}

type Flat = Map<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses JSON text (some drivers hand jsonb back as text); anything else as it is. */
function decode(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}

function flatten(value: unknown, prefix: string, into: Flat): Flat {
	if (isRecord(value)) {
		const entries = Object.entries(value);
		if (entries.length === 0 && prefix) into.set(prefix, value);
		for (const [key, inner] of entries) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
	} else if (value !== undefined) into.set(prefix, value);
	return into;
}

/** A value as text: strings as they are, everything else as JSON; null and absent as null. */
export function formatAuditValue(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') return value;
	return JSON.stringify(value);
}

/**
 * The rows of a diff, in the order fields appear in `before` then new ones in `after`. A bare value
 * (a string, a number, a list) on either side is one row with the field ''.
 */
export function diffAudit(beforeValue: unknown, afterValue: unknown): AuditDiffRow[] {
	const before = decode(beforeValue);
	const after = decode(afterValue);
	if (before === null && after === null) return [];
	if (before === undefined && after === undefined) return [];
	const objects = (isRecord(before) || before == null) && (isRecord(after) || after == null);
	if (!objects) {
		const [b, a] = [formatAuditValue(before), formatAuditValue(after)];
		return [{ field: '', before: b, after: a, changed: b !== a }];
	}
	const left = flatten(before ?? {}, '', new Map());
	const right = flatten(after ?? {}, '', new Map());
	const fields = [...left.keys(), ...[...right.keys()].filter((key) => !left.has(key))];
	return fields.map((field) => {
		const b = formatAuditValue(left.get(field));
		const a = formatAuditValue(right.get(field));
		// Only one side recorded (a creation, a plain event): nothing to compare it with.
		const oneSided = before == null || after == null;
		return { field, before: b, after: a, changed: !oneSided && b !== a };
	});
}
