// Dates as people type them in a form: day first, the way Vietnamese documents write them
// (01/03/2023 is the first of March), whatever the browser's language. ISO is accepted too,
// so addresses, old bookmarks and scripts that send 2023-03-01 keep working.
import { isIsoDate } from './periods';

/** d/m/yyyy with one separator used twice: slash, hyphen or dot, spaces allowed around it. */
const DAY_FIRST = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

const pad = (part: string) => part.padStart(2, '0');

/** A typed date as 'yyyy-mm-dd', or null when it is not a real calendar day (31/02/2025). */
export function parseDateInput(text: string): string | null {
	const typed = text.trim();
	const dayFirst = DAY_FIRST.exec(typed);
	const iso = dayFirst ? null : ISO.exec(typed);
	const candidate = dayFirst
		? `${dayFirst[4]}-${pad(dayFirst[3])}-${pad(dayFirst[1])}`
		: iso
			? `${iso[1]}-${pad(iso[2])}-${pad(iso[3])}`
			: null;
	return candidate && isIsoDate(candidate) ? candidate : null;
}

/**
 * What a server keeps of a typed date: ISO when it reads as a day, otherwise the text as typed
 * (trimmed), so the form's own check refuses it with its message and echoes it back unchanged.
 */
export function dateFromInput(text: string): string {
	return parseDateInput(text) ?? text.trim();
}

/** What a date field shows for a value: dd/mm/yyyy for a day, anything else as it was typed. */
export function dateInputText(value: string | null | undefined): string {
	if (!value) return '';
	if (!isIsoDate(value)) return value;
	const [year, month, day] = value.split('-');
	return `${day}/${month}/${year}`;
}
