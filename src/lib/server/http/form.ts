// Reading an administration form: every field as trimmed-free text, so a refused form can be
// shown again exactly as it was typed.
export type FormValues = Record<string, string>;

export async function readForm(request: Request): Promise<{ values: FormValues; data: FormData }> {
	const data = await request.formData();
	const values: FormValues = {};
	for (const [key, value] of data) {
		if (typeof value === 'string' && !(key in values)) values[key] = value;
	}
	return { values, data };
}

/** The fields named `<prefix>.<key>`, by key: `value.1.2` is `'1.2'` of the prefix `value`. */
export function fieldsWith(values: FormValues, prefix: string): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const [name, value] of Object.entries(values)) {
		if (name.startsWith(`${prefix}.`)) fields[name.slice(prefix.length + 1)] = value;
	}
	return fields;
}
