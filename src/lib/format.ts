// Numbers and dates as people write them in the active locale: vi-VN by default (1.234,5; 31/12/2027).
import { getLocale } from '$lib/paraglide/runtime';
import { periodName } from '$lib/domain/periods';

const tag = () => (getLocale() === 'en' ? 'en-GB' : 'vi-VN');

// Building a formatter costs far more than using one: one per language and style, kept.
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(style: 'decimal' | 'percent', fractionDigits: number): Intl.NumberFormat {
	const locale = tag();
	const key = `${locale} ${style} ${fractionDigits}`;
	let formatter = formatters.get(key);
	if (!formatter) {
		formatter = new Intl.NumberFormat(locale, {
			style,
			minimumFractionDigits: fractionDigits,
			maximumFractionDigits: fractionDigits
		});
		formatters.set(key, formatter);
	}
	return formatter;
}

export function formatNumber(value: number, fractionDigits = 0): string {
	return numberFormat('decimal', fractionDigits).format(value);
}

/** A share in [0, 1] as a percentage. */
export function formatPercent(share: number, fractionDigits = 0): string {
	return numberFormat('percent', fractionDigits).format(share);
}

/** 'yyyy-mm-dd' as dd/mm/yyyy, in both languages (the format of Vietnamese documents). */
export function formatDate(date: string): string {
	const [year, month, day] = date.slice(0, 10).split('-');
	return `${day}/${month}/${year}`;
}

/** The name in the active language, from a record with `_vi` and `_en` columns. */
export function localized<K extends string>(
	record: Record<`${K}_vi` | `${K}_en`, string>,
	key: K
): string {
	return getLocale() === 'en' ? record[`${key}_en`] : record[`${key}_vi`];
}

/** A moment as hh:mm dd/mm/yyyy in Vietnam's time zone, where the province works. */
export function formatTime(moment: string | Date): string {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Asia/Ho_Chi_Minh',
		hour: '2-digit',
		minute: '2-digit',
		day: '2-digit',
		month: '2-digit',
		year: 'numeric',
		hour12: false
	}).formatToParts(new Date(moment));
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${part('hour')}:${part('minute')} ${part('day')}/${part('month')}/${part('year')}`;
}

/** A period's name in the active language ('Quý IV/2026'); addresses keep the label '2026-Q4'. */
export function formatPeriod(label: string): string {
	return periodName(label, getLocale() === 'en' ? 'en' : 'vi');
}

/** A criterion's points: whole numbers as they are, fractions with two decimals (2,5 → 2,50). */
export function formatPoints(points: number): string {
	return formatNumber(points, Number.isInteger(points) ? 0 : 2);
}
