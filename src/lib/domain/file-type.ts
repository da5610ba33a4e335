// Evidence file types, recognised from the content's first bytes and structure, never from the
// name: an executable renamed `.pdf` is still an executable. Pure.

export interface FileType {
	mediaType: string;
	/** The usual extension, without the dot. */
	extension: string;
}

export const PDF: FileType = { mediaType: 'application/pdf', extension: 'pdf' };
export const JPEG: FileType = { mediaType: 'image/jpeg', extension: 'jpg' };
export const PNG: FileType = { mediaType: 'image/png', extension: 'png' };
export const DOCX: FileType = {
	mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	extension: 'docx'
};
export const XLSX: FileType = {
	mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	extension: 'xlsx'
};
export const DOC: FileType = { mediaType: 'application/msword', extension: 'doc' };
export const XLS: FileType = { mediaType: 'application/vnd.ms-excel', extension: 'xls' };

/** What the file input offers; the server decides from the content regardless. */
export const ACCEPTED_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png', 'doc', 'docx', 'xls', 'xlsx'];

/** 20 MiB: a scanned multi-page decision fits, a video does not. */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
	return prefix.length <= bytes.length && prefix.every((byte, i) => bytes[i] === byte);
}

function ascii(text: string): number[] {
	return [...text].map((char) => char.charCodeAt(0));
}

function utf16le(text: string): number[] {
	return [...text].flatMap((char) => [char.charCodeAt(0), 0]);
}

function contains(bytes: Uint8Array, needle: readonly number[]): boolean {
	const first = needle[0];
	const last = bytes.length - needle.length;
	for (let i = bytes.indexOf(first); i !== -1 && i <= last; i = bytes.indexOf(first, i + 1)) {
		let match = true;
		for (let j = 1; j < needle.length; j++) {
			if (bytes[i + j] !== needle[j]) {
				match = false;
				break;
			}
		}
		if (match) return true;
	}
	return false;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The evidence type of a file's content, or null when it is none of the accepted types. */
export function detectFileType(bytes: Uint8Array): FileType | null {
	if (startsWith(bytes, ascii('%PDF-'))) return PDF;
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG;
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
	if (startsWith(bytes, ZIP)) {
		// Office Open XML is a zip whose entries name the application's main part.
		if (!contains(bytes, ascii('[Content_Types].xml'))) return null;
		if (contains(bytes, ascii('word/'))) return DOCX;
		if (contains(bytes, ascii('xl/'))) return XLSX;
		return null;
	}
	if (startsWith(bytes, OLE2)) {
		// Legacy Office files are compound documents; the stream names tell Word from Excel.
		if (contains(bytes, utf16le('WordDocument'))) return DOC;
		if (contains(bytes, utf16le('Workbook'))) return XLS;
		return null;
	}
	return null;
}

/**
 * A file name safe to store and to offer back in Content-Disposition, ending in the extension of
 * the detected type. Only an accepted extension is replaced: "Quyết định số 12.2024" keeps its
 * dot. Control and bidirectional-override characters (which can disguise an extension) go.
 */
export function cleanFileName(name: string, type: FileType): string {
	const cleaned = name
		.normalize('NFC')
		.replace(/[\\/]/g, '_')
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u001f\u007f"\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
		.trim();
	const extension = /\.([a-z0-9]+)$/i.exec(cleaned)?.[1]?.toLowerCase();
	const stem =
		extension && ACCEPTED_EXTENSIONS.includes(extension)
			? cleaned.slice(0, -extension.length - 1)
			: cleaned;
	// Cut by code points, not UTF-16 units, so no character is split in half.
	const short = Array.from(stem.trim()).slice(0, 200).join('').trim();
	return `${short || 'evidence'}.${type.extension}`;
}
