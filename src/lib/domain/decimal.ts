// Numbers as people type them in forms. Pure.

/** '2,5' or '2.5' (Vietnamese and English habits); null when blank, NaN when not a number. */
export function parseDecimal(text: string): number | null {
	const trimmed = text.trim().replace(/\s/g, '');
	if (!trimmed) return null;
	const normalised = trimmed.replace(',', '.');
	return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(normalised) ? Number(normalised) : Number.NaN;
}
