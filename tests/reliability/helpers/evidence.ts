// Evidence over HTTP, as an officer's browser sends and fetches it.
import { createHash } from 'node:crypto';
import * as devalue from 'devalue';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A small PDF (the app reads the type from the content) of about `size` bytes. */
export function pdfOf(label: string, size = 0): Uint8Array<ArrayBuffer> {
	const head = Buffer.from(`%PDF-1.4\n% ${label}\n`);
	const bytes = Buffer.alloc(Math.max(size, head.length + 6));
	head.copy(bytes);
	for (let i = head.length; i < bytes.length - 6; i++) bytes[i] = 32 + ((i * 7919) % 90);
	bytes.write('%%EOF\n', bytes.length - 6);
	return new Uint8Array(bytes);
}

/** Posts the page's upload action; resolves with the stored file name. */
export async function upload(
	url: string,
	cookie: string,
	page: string,
	criterion: string,
	fileName: string,
	bytes: Uint8Array
): Promise<string> {
	const form = new FormData();
	form.set('criterion', criterion);
	form.set('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), fileName);
	const response = await fetch(`${url}${page}?/upload`, {
		method: 'POST',
		headers: { origin: url, cookie, 'x-sveltekit-action': 'true' },
		body: form
	});
	const result = (await response.json()) as { type: string; data?: string };
	const data = result.data ? devalue.parse(result.data) : {};
	if (result.type !== 'success' || !data?.done) {
		throw new Error(`Upload of ${fileName} answered ${response.status} ${JSON.stringify(result)}`);
	}
	return data.fileName;
}

/** The ids of the files the assessment page links to. */
export async function evidenceIds(url: string, cookie: string, page: string): Promise<number[]> {
	const response = await fetch(`${url}${page}`, { headers: { cookie } });
	if (response.status !== 200) throw new Error(`${page} answered ${response.status}`);
	const html = await response.text();
	const ids = [...html.matchAll(/\/evidence\/(\d+)"/g)].map((match) => Number(match[1]));
	return [...new Set(ids)].sort((a, b) => a - b);
}

/** Downloads one file: its status and the SHA-256 of what came. */
export async function download(url: string, cookie: string, page: string, id: number) {
	const response = await fetch(`${url}${page}/evidence/${id}`, {
		headers: { cookie },
		redirect: 'manual'
	});
	const bytes = new Uint8Array(await response.arrayBuffer());
	return { status: response.status, sha256: sha256(bytes), length: bytes.length };
}
