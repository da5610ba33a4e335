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
