// Files chosen on the assessment form but not uploaded: a save must not leave one behind unsaid.
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
