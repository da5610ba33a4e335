// Files chosen on the assessment form but not uploaded: a save must not leave one behind unsaid.
import type { SubmitFunction } from '@sveltejs/kit';
import { MAX_EVIDENCE_BYTES } from '$lib/domain/file-type';
import { criterionAnchor } from '$lib/paths';

/** A chosen file's identity across reads of its field. */
export const fileKey = (file: File) => `${file.name}\u0000${file.size}\u0000${file.lastModified}`;

/**
 * The criteria whose file field holds a file chosen but neither sent nor refused (`refused` maps a
 * criterion to the key of the file its last upload was refused for, the reason beside its field).
 */
export function chosenNotUploaded<T extends { code: string }>(
	rows: readonly T[],
	refused: Readonly<Record<string, string>>
): T[] {
	return rows.filter((row) => {
		const field = document.getElementById(`${criterionAnchor(row.code)}-file`);
		const file = field instanceof HTMLInputElement ? field.files?.[0] : undefined;
		return file !== undefined && refused[row.code] !== fileKey(file);
	});
}

/**
 * Before a save: marks each criterion with a file left behind (clearing earlier marks) and focuses
 * the first one. True when the save must wait.
 */
export function holdForChosenFiles<T extends { code: string }>(
	rows: readonly T[],
	refused: Readonly<Record<string, string>>,
	errors: Record<string, string>
): boolean {
	for (const [code, error] of Object.entries(errors))
		if (error === 'file_not_uploaded') delete errors[code];
	const pending = chosenNotUploaded(rows, refused);
	for (const row of pending) errors[row.code] = 'file_not_uploaded';
	if (pending.length > 0)
		document.getElementById(`${criterionAnchor(pending[0].code)}-file`)?.focus();
	return pending.length > 0;
}

/**
 * The upload of one criterion's chosen file: refused before sending when empty or too large, and
 * remembered in `refused` when refused, by the browser or the server.
 */
export function uploadEvidence(
	code: string,
	errors: Record<string, string>,
	refused: Record<string, string>
): SubmitFunction {
	return ({ formData, cancel }) => {
		const file = formData.get('file');
		delete errors[code];
		if (!(file instanceof File) || file.size === 0) {
			errors[code] = 'file_missing';
			return cancel();
		}
		if (file.size > MAX_EVIDENCE_BYTES) {
			errors[code] = 'file_too_large';
			refused[code] = fileKey(file);
			return cancel();
		}
		return async ({ result, update }) => {
			if (result.type === 'failure') refused[code] = fileKey(file);
			await update({ reset: result.type === 'success', invalidateAll: true });
		};
	};
}
