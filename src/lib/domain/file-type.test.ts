import { describe, expect, it } from 'vitest';
import {
	ACCEPTED_EXTENSIONS,
	DOC,
	DOCX,
	JPEG,
	MAX_EVIDENCE_BYTES,
	PDF,
	PNG,
	XLS,
	XLSX,
	cleanFileName,
	detectFileType,
	type FileType
} from './file-type';

/** Bytes of an ASCII (Latin-1) string, one byte per character. */
const ascii = (text: string) => [...Buffer.from(text, 'latin1')];
/** Bytes of a string as UTF-16LE, as compound documents name their streams. */
const utf16le = (text: string) => [...Buffer.from(text, 'utf16le')];
const bytes = (...parts: (number | number[])[]) => new Uint8Array(parts.flat());
const zeros = (count: number) => new Array<number>(count).fill(0);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A zip's local file header (enough of it for the detector) naming one entry. */
function zipEntry(name: string): number[] {
	return [...ZIP, 0x14, 0x00, ...zeros(20), name.length, 0x00, 0x00, 0x00, ...ascii(name)];
}

describe('constants', () => {
	it('caps evidence at 20 MiB', () => {
		expect(MAX_EVIDENCE_BYTES).toBe(20 * 1024 * 1024);
		expect(MAX_EVIDENCE_BYTES).toBe(20_971_520);
	});

	it('offers the extensions of the detected types', () => {
		expect(ACCEPTED_EXTENSIONS).toEqual([
			'pdf',
			'jpg',
			'jpeg',
			'png',
			'doc',
			'docx',
			'xls',
			'xlsx'
		]);
		for (const type of [PDF, JPEG, PNG, DOC, DOCX, XLS, XLSX]) {
			expect(ACCEPTED_EXTENSIONS).toContain(type.extension);
		}
	});

	it('names the usual media types', () => {
		expect(PDF).toEqual({ mediaType: 'application/pdf', extension: 'pdf' });
		expect(JPEG).toEqual({ mediaType: 'image/jpeg', extension: 'jpg' });
		expect(PNG).toEqual({ mediaType: 'image/png', extension: 'png' });
		expect(DOC).toEqual({ mediaType: 'application/msword', extension: 'doc' });
		expect(XLS).toEqual({ mediaType: 'application/vnd.ms-excel', extension: 'xls' });
		expect(DOCX.mediaType).toBe(
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
		);
		expect(XLSX.mediaType).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		);
	});
});

describe('detectFileType', () => {
	const pdf = bytes(ascii('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'));
	const jpeg = bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ascii('JFIF'), 0x00, 0x01, 0x01);
	const jpegExif = bytes(0xff, 0xd8, 0xff, 0xe1, 0x00, 0x18, ascii('Exif'), 0x00, 0x00);
	const png = bytes(PNG_SIGNATURE, 0x00, 0x00, 0x00, 0x0d, ascii('IHDR'), zeros(13));
	const docx = bytes(
		zipEntry('[Content_Types].xml'),
		zeros(32),
		zipEntry('_rels/.rels'),
		zeros(16),
		zipEntry('word/document.xml'),
		zeros(64)
	);
	const xlsx = bytes(
		zipEntry('[Content_Types].xml'),
		zeros(32),
		zipEntry('_rels/.rels'),
		zeros(16),
		zipEntry('xl/workbook.xml'),
		zeros(64)
	);
	const plainZip = bytes(zipEntry('notes.txt'), ascii('hello'), zipEntry('photos/a.jpg'));
	const zipWithoutApplication = bytes(
		zipEntry('[Content_Types].xml'),
		zeros(32),
		zipEntry('ppt/presentation.xml'),
		zeros(32)
	);
	const zipWithoutContentTypes = bytes(zipEntry('word/document.xml'), zipEntry('xl/workbook.xml'));
	const ole2 = (...streams: string[]) =>
		bytes(OLE2, zeros(504), ...streams.map((name) => [...utf16le(name), ...zeros(64)]));

	it.each<[string, Uint8Array, FileType | null]>([
		['a PDF', pdf, PDF],
		['a bare PDF header', bytes(ascii('%PDF-')), PDF],
		['a JPEG (JFIF)', jpeg, JPEG],
		['a JPEG (Exif)', jpegExif, JPEG],
		['a bare JPEG start', bytes(0xff, 0xd8, 0xff), JPEG],
		['a PNG', png, PNG],
		['a bare PNG signature', bytes(PNG_SIGNATURE), PNG],
		['a DOCX', docx, DOCX],
		[
			'a minimal DOCX-like zip',
			bytes(ZIP, ascii('[Content_Types].xml'), ascii('word/document.xml')),
			DOCX
		],
		[
			'a minimal XLSX-like zip',
			bytes(ZIP, ascii('[Content_Types].xml'), ascii('xl/workbook.xml')),
			XLSX
		],
		['an XLSX', xlsx, XLSX],
		['a DOC', ole2('Root Entry', 'WordDocument', '1Table'), DOC],
		['an XLS', ole2('Root Entry', 'Workbook'), XLS],
		// Excel 5 (1993) is not accepted: "Book" also occurs in the text of other documents.
		['an Excel 5 XLS (Book stream)', ole2('Root Entry', 'Book'), null],
		['a plain zip archive', plainZip, null],
		['a zip with content types but neither word/ nor xl/', zipWithoutApplication, null],
		['a zip naming word/ and xl/ without content types', zipWithoutContentTypes, null],
		['a bare zip header', bytes(ZIP), null],
		['a compound document with neither stream', ole2('Root Entry', 'PowerPoint Document'), null],
		['a bare compound-document header', bytes(OLE2), null],
		['a compound document naming its streams in ASCII', bytes(OLE2, ascii('WordDocument')), null],
		['a Windows executable', bytes(ascii('MZ'), 0x90, 0x00, 0x03, zeros(59), ascii('PE')), null],
		['an ELF executable', bytes(0x7f, ascii('ELF'), 0x02, 0x01, 0x01, zeros(9)), null],
		['an empty file', bytes(), null],
		['plain text', bytes(ascii('Biên bản họp ngày 12/03')), null],
		['plain UTF-8 text', new Uint8Array(Buffer.from('Biên bản họp ngày 12/03', 'utf8')), null],
		['an SVG', bytes(ascii('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')), null],
		['an HTML page', bytes(ascii('<!DOCTYPE html><html><body>%PDF-1.7</body></html>')), null],
		['a PDF header not at the start', bytes(0x20, ascii('%PDF-1.7\n')), null],
		['a truncated PDF header', bytes(ascii('%PDF')), null],
		['a truncated JPEG start', bytes(0xff, 0xd8), null],
		['a truncated PNG signature', bytes(PNG_SIGNATURE.slice(0, 7)), null],
		['a PNG signature with a wrong byte', bytes(0x89, ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x00), null],
		['a GIF', bytes(ascii('GIF89a'), zeros(8)), null],
		['a zip header preceded by a byte', bytes(0x00, [...docx.slice(0, 80)]), null]
	])('%s → %j', (_label, content, expected) => {
		expect(detectFileType(content)).toEqual(expected);
	});

	it('takes a Node Buffer as it comes from a request body', () => {
		expect(detectFileType(Buffer.from('%PDF-1.4\n'))).toEqual(PDF);
		expect(detectFileType(Buffer.from(docx))).toEqual(DOCX);
		expect(detectFileType(Buffer.from('MZ\x90\x00'))).toBeNull();
	});

	it('refuses an executable whatever it is named: only the content counts', () => {
		const executable = bytes(ascii('MZ'), zeros(62));
		expect(detectFileType(executable)).toBeNull();
		expect(cleanFileName('report.pdf', PDF)).toBe('report.pdf');
	});

	it('finds the stream name wherever it sits in a large compound document', () => {
		const content = bytes(OLE2, zeros(100_000), utf16le('Workbook'), zeros(100));
		expect(detectFileType(content)).toEqual(XLS);
	});

	it('finds a stream name at the very end of the content', () => {
		expect(detectFileType(bytes(OLE2, utf16le('WordDocument')))).toEqual(DOC);
		expect(detectFileType(bytes(zipEntry('[Content_Types].xml'), ascii('xl/')))).toEqual(XLSX);
	});

	it('does not find a stream name cut short by the end of the content', () => {
		expect(detectFileType(bytes(OLE2, utf16le('WordDocumen')))).toBeNull();
		expect(detectFileType(bytes(OLE2, utf16le('Workbook').slice(0, -2)))).toBeNull();
	});

	it('finds a stream name after near misses of its first byte', () => {
		const content = bytes(OLE2, utf16le('WWordWo'), utf16le('WordDocument'));
		expect(detectFileType(content)).toEqual(DOC);
	});

	it('prefers Word when a zip names both word/ and xl/', () => {
		const both = bytes(
			zipEntry('[Content_Types].xml'),
			zipEntry('xl/a.xml'),
			zipEntry('word/b.xml')
		);
		expect(detectFileType(both)).toEqual(DOCX);
	});
});

describe('cleanFileName', () => {
	it('keeps a Vietnamese name and gives it the detected extension', () => {
		expect(cleanFileName('Biên bản họp.png', PDF)).toBe('Biên bản họp.pdf');
		expect(cleanFileName('Quyết định khen thưởng.pdf', PDF)).toBe('Quyết định khen thưởng.pdf');
	});

	it.each<[string, FileType, string]>([
		['scan.jpeg', JPEG, 'scan.jpg'],
		['photo.JPG', JPEG, 'photo.jpg'],
		['report.pdf', DOCX, 'report.docx'],
		['table.xls', XLSX, 'table.xlsx'],
		['minutes.docx', DOC, 'minutes.doc'],
		// Only an accepted extension is replaced; anything else stays part of the name.
		['sheet.csv', XLS, 'sheet.csv.xls'],
		['virus.exe', PNG, 'virus.exe.png'],
		['archive.tar.gz', PDF, 'archive.tar.gz.pdf'],
		['Quyết định số 12.2024 của UBND', PDF, 'Quyết định số 12.2024 của UBND.pdf'],
		['Biên bản ngày 12.03.2024.pdf', PDF, 'Biên bản ngày 12.03.2024.pdf']
	])('%s as %j → %s', (name, type, expected) => {
		expect(cleanFileName(name, type)).toBe(expected);
	});

	it('cuts a long name by characters, never inside one', () => {
		const name = cleanFileName(`${'a'.repeat(199)}😀x.pdf`, PDF);
		expect(name).toBe(`${'a'.repeat(199)}😀.pdf`);
		expect(() => encodeURIComponent(name)).not.toThrow();
	});

	it('drops bidirectional overrides that could disguise an extension', () => {
		expect(cleanFileName('evil\u202Egpj.pdf', PDF)).toBe('evilgpj.pdf');
	});

	it('adds the extension to a name without one', () => {
		expect(cleanFileName('Bien ban', PDF)).toBe('Bien ban.pdf');
		expect(cleanFileName('scan', PNG)).toBe('scan.png');
	});

	it.each(['../../etc/passwd', '..\\..\\windows\\system32\\cmd.exe', '/etc/passwd', 'a/b\\c.pdf'])(
		'strips path separators from %j',
		(name) => {
			const cleaned = cleanFileName(name, PDF);
			expect(cleaned).not.toMatch(/[\\/]/);
			expect(cleaned.endsWith('.pdf')).toBe(true);
		}
	);

	it('turns separators into underscores, keeping the rest of the name', () => {
		expect(cleanFileName('2024/03/bien ban.pdf', PDF)).toBe('2024_03_bien ban.pdf');
		expect(cleanFileName('C:\\Users\\An\\scan.png', PNG)).toBe('C:_Users_An_scan.png');
	});

	it('removes control characters and double quotes', () => {
		expect(cleanFileName('bien\u0000 ban\r\n"hop"\t\u001f\u007f.pdf', PDF)).toBe('bien banhop.pdf');
		const cleaned = cleanFileName('a"b\nContent-Type: text/html\r\n.pdf', PDF);
		expect(cleaned).toBe('abContent-Type: text_html.pdf');
		// eslint-disable-next-line no-control-regex
		expect(cleaned).not.toMatch(/[\u0000-\u001f\u007f"]/);
	});

	it('trims surrounding spaces', () => {
		expect(cleanFileName('   bien ban.pdf   ', PDF)).toBe('bien ban.pdf');
	});

	it.each(['', '   ', '.pdf', '.png', '\u0000\u0001', '""', '\r\n.pdf'])(
		'falls back to evidence.pdf for the empty stem of %j',
		(name) => {
			expect(cleanFileName(name, PDF)).toBe('evidence.pdf');
		}
	);

	it('normalises to NFC', () => {
		const decomposed = 'Bi\u0065\u0323\u0302n ba\u0309n.pdf';
		const composed = 'Bi\u1ec7n bản.pdf';
		expect(decomposed).not.toBe(composed);
		expect(decomposed.normalize('NFC')).toBe(composed);
		const cleaned = cleanFileName(decomposed, PDF);
		expect(cleaned).toBe(composed);
		expect(cleaned.includes('\u1ec7')).toBe(true);
		expect(cleaned).toBe(cleaned.normalize('NFC'));
	});

	it('gives the same name for composed and decomposed input', () => {
		const composed = 'Kế hoạch năm.docx';
		expect(cleanFileName(composed.normalize('NFD'), DOCX)).toBe(cleanFileName(composed, DOCX));
	});

	it('cuts a long name to at most 200 characters plus the extension', () => {
		const cleaned = cleanFileName(`${'a'.repeat(300)}.pdf`, PDF);
		expect(cleaned).toBe(`${'a'.repeat(200)}.pdf`);
		expect(cleaned.length).toBeLessThanOrEqual(200 + '.pdf'.length);
	});

	it('cuts a long Vietnamese name after NFC normalisation', () => {
		const stem = 'Biên bản họp '.repeat(30);
		const cleaned = cleanFileName(`${stem.normalize('NFD')}.xlsx`, XLSX);
		expect(cleaned.length).toBeLessThanOrEqual(200 + '.xlsx'.length);
		expect(cleaned.endsWith('.xlsx')).toBe(true);
		expect(cleaned).toBe(cleaned.normalize('NFC'));
		expect(stem.startsWith(cleaned.slice(0, -'.xlsx'.length))).toBe(true);
	});

	it('keeps a name of exactly 200 characters whole', () => {
		const stem = 'b'.repeat(196);
		expect(cleanFileName(`${stem}.pdf`, PDF)).toBe(`${stem}.pdf`);
	});
});
