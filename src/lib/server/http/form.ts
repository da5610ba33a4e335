// Reading a form, the one way every action does: every field as untrimmed text, so a refused form
// can be shown again exactly as it was typed, and the FormData for files. Parsing what the text
// means (vi-VN numbers, dates) is the domain's.
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

/**
 * A CSV sent as a chosen file or, failing that, pasted in (where a preview keeps it for the
 * confirm step); `tooLarge` when either passes `maxBytes`.
 */
export async function readCsvUpload(
	data: FormData,
	maxBytes: number
): Promise<{ csv: string; tooLarge: boolean }> {
	const file = data.get('file');
	if (file instanceof File && file.size > 0) {
		if (file.size > maxBytes) return { csv: '', tooLarge: true };
		return { csv: await file.text(), tooLarge: false };
	}
	const text = String(data.get('csv') ?? '');
	return text.length > maxBytes ? { csv: '', tooLarge: true } : { csv: text, tooLarge: false };
}
