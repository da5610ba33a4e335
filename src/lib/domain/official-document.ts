// The frame of an administrative document as Decree 30/2020/NĐ-CP lays it out: the issuing body,
// its number, the place and date line. Pure text: the print pages and the Word files share it.

/** Administrative prefixes of a unit's name, longest first: 'Thành phố Vinh' is in 'Vinh'. */
const PREFIXES = ['thành phố', 'thị trấn', 'thị xã', 'huyện', 'tỉnh', 'phường', 'quận', 'xã'];

/** The kind word and the place of a unit's name: 'Tỉnh Nghệ An' → ['Tỉnh', 'Nghệ An']. */
function splitName(name: string): [string, string] {
	const trimmed = name.trim().replace(/\s+/g, ' ');
	const lower = trimmed.toLocaleLowerCase('vi');
	const prefix = PREFIXES.find((word) => lower.startsWith(`${word} `));
	return prefix
		? [trimmed.slice(0, prefix.length), trimmed.slice(prefix.length + 1)]
		: ['', trimmed];
}

/** Where a body sits, for the date line: 'Tỉnh Nghệ An' → 'Nghệ An'. */
export function placeName(unitName: string): string {
	return splitName(unitName)[1];
}

/** The issuing body: the police of the unit, in capitals ('CÔNG AN TỈNH NGHỆ AN'). */
export function issuingBody(unitName: string): string {
	return `Công an ${unitName.trim().replace(/\s+/g, ' ')}`.toLocaleUpperCase('vi');
}

/**
 * The body's abbreviation after the document kind, from 'Công an' and the kind word:
 * 'Tỉnh Nghệ An' → 'CAT', 'Thành phố Vinh' → 'CATP'.
 */
export function bodySymbol(unitName: string): string {
	const words = `Công an ${splitName(unitName)[0]}`.trim().split(' ');
	return words.map((word) => word[0].toLocaleUpperCase('vi')).join('');
}

/** The number line with the number left blank to fill: 'Số:      /BC-CAT' ('No.' in English). */
export function numberLine(kind: string, unitName: string, label = 'Số:'): string {
	return `${label}      /${kind}-${bodySymbol(unitName)}`;
}

/**
 * The date line of a document, 'Nghệ An, ngày 01 tháng 12 năm 2026': days under 10 and the months
 * January and February take a leading zero (Decree 30, Annex I, item 5).
 */
export function dateLine(place: string, date: string): string {
	const [year, month, day] = date.slice(0, 10).split('-').map(Number);
	const dd = String(day).padStart(2, '0');
	const mm = month < 3 ? String(month).padStart(2, '0') : String(month);
	return `${place}, ngày ${dd} tháng ${mm} năm ${year}`;
}

/** The same line in English, for the English pages: 'Nghệ An, 1 December 2026'. */
export function dateLineEn(place: string, date: string): string {
	const [year, month, day] = date.slice(0, 10).split('-').map(Number);
	const name = new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-GB', {
		month: 'long',
		timeZone: 'UTC'
	});
	return `${place}, ${day} ${name} ${year}`;
}
