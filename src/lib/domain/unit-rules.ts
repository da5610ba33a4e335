// What a unit's fields may hold, and the Vietnamese folding that makes search ignore diacritics.
// Pure: shared by the admin forms, the CSV import and the SQL search.

import { isUnitKind } from './vocabulary';

export { isUnitKind, UNIT_KINDS, type UnitKind } from './vocabulary';

/** The usual Vietnamese type names, offered as suggestions (type_vi stays free text). */
export const UNIT_TYPES_VI = [
	'Phường',
	'Xã',
	'Thị trấn',
	'Huyện',
	'Thị xã',
	'Thành phố',
	'Tỉnh',
	'Trường học',
	'Cơ quan',
	'Doanh nghiệp'
];

export const MAX_NAME_LENGTH = 200;
export const MAX_TYPE_LENGTH = 40;

/** Registry codes: what the units table's check constraint accepts. */
export function isUnitCode(value: string): boolean {
	return /^[A-Za-z0-9._-]{1,32}$/.test(value);
}

export type UnitFieldProblem =
	| 'code_required'
	| 'code_invalid'
	| 'name_required'
	| 'name_too_long'
	| 'type_too_long'
	| 'kind_invalid';

export interface UnitFields {
	name: string;
	typeVi: string;
	kind: string;
}

/** Trims and normalises (NFC) what a person typed. */
export function cleanText(value: string): string {
	return value.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** Problems per field of a unit's name, type and kind. */
export function unitFieldProblems(fields: UnitFields): Partial<Record<string, UnitFieldProblem>> {
	const errors: Partial<Record<string, UnitFieldProblem>> = {};
	if (fields.name === '') errors.name = 'name_required';
	else if (fields.name.length > MAX_NAME_LENGTH) errors.name = 'name_too_long';
	if (fields.typeVi.length > MAX_TYPE_LENGTH) errors.typeVi = 'type_too_long';
	if (!isUnitKind(fields.kind)) errors.kind = 'kind_invalid';
	return errors;
}

export function codeProblem(code: string): UnitFieldProblem | null {
	if (code === '') return 'code_required';
	return isUnitCode(code) ? null : 'code_invalid';
}

// Every precomposed Vietnamese letter with a diacritic, lower and upper case; SQL's translate()
// folds them with the same table, so no extension (unaccent) and no locale is needed.
const VIETNAMESE_LOWER = 'àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ';

function baseLetter(letter: string): string {
	if (letter === 'đ') return 'd';
	if (letter === 'Đ') return 'D';
	return letter.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

export const FOLD_FROM = VIETNAMESE_LOWER + VIETNAMESE_LOWER.toUpperCase();
export const FOLD_TO = [...FOLD_FROM].map(baseLetter).join('');

/** Lower case without diacritics: 'Phường Hưng Bình' → 'phuong hung binh'. */
export function foldVietnamese(text: string): string {
	return [...text.normalize('NFC')]
		.map((letter) => {
			const index = FOLD_FROM.indexOf(letter);
			return index >= 0 ? FOLD_TO[index] : letter;
		})
		.join('')
		.toLowerCase();
}
