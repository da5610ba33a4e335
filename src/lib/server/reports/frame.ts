// The header and footer every official document of the app shares: the body issuing it (the
// police of the unit at the top of what it reports on), the number to fill, place and date.
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import {
	dateLine,
	dateLineEn,
	issuingBody,
	numberLine,
	placeName
} from '../../domain/official-document';
import { vnDate } from '../../domain/periods';
import type { OfficialFrame, Signer } from '../../types/official-document';

/** `kind` is the document's abbreviation in its number: 'BC' for a report. */
export function officialFrame(unitName: string, kind: string, now = new Date()): OfficialFrame {
	const place = placeName(unitName);
	const today = vnDate(now);
	return {
		body: issuingBody(unitName),
		number: numberLine(kind, unitName, m.official_number_label()),
		nation: m.official_nation(),
		motto: m.official_motto(),
		dateLine: getLocale() === 'en' ? dateLineEn(place, today) : dateLine(place, today)
	};
}

/** The recipients to fill in Word: "as above", a blank line, the archive. */
export function recipients() {
	return {
		heading: m.official_recipients(),
		lines: [
			m.official_recipient_above(),
			m.official_recipient_more(),
			m.official_recipient_archive()
		]
	};
}

/** A signature block with the title and name left to fill. */
export function signer(title = m.official_signer_title()): Signer {
	return { title, hint: m.official_signer_hint(), name: m.official_signer_name() };
}
