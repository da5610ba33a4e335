// A real SMTP server in the test's process (smtp-server): no authentication, no TLS, on a free
// port of 127.0.0.1; it accepts every message and keeps it, decoded enough to read its subject
// and text as the app wrote them.
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
	/** When the server accepted it (Date.now()). */
	at: number;
	from: string;
	to: string[];
	subject: string;
	/** The text part, decoded, with \n line ends. */
	text: string;
}

export interface TestSmtp {
	/** What SMTP_URL says to reach it. */
	url: string;
	received: ReceivedMail[];
	close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
	const received: ReceivedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const { subject, text } = readMessage(Buffer.concat(chunks).toString('latin1'));
				const mailFrom = session.envelope.mailFrom;
				received.push({
					at: Date.now(),
					from: mailFrom ? mailFrom.address : '',
					to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
					subject,
					text
				});
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.server.address() as { port: number };
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** The subject and the text of a single-part message (raw bytes as latin1, one char a byte). */
export function readMessage(raw: string): { subject: string; text: string } {
	const split = raw.indexOf('\r\n\r\n');
	const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
	const body = raw.slice(split + 4);
	const header = (name: string) =>
		new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1].trim() ?? '';
	const encoding = header('Content-Transfer-Encoding').toLowerCase();
	const bytes =
		encoding === 'base64'
			? Buffer.from(body.replace(/\s+/g, ''), 'base64')
			: encoding === 'quoted-printable'
				? quotedPrintable(body.replace(/=\r\n/g, ''))
				: Buffer.from(body, 'latin1');
	return {
		subject: decodeWords(header('Subject')),
		text: bytes.toString('utf8').replace(/\r\n/g, '\n').trimEnd()
	};
}

function quotedPrintable(text: string): Buffer {
	const bytes: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const hex = text.slice(i + 1, i + 3);
		if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
			bytes.push(parseInt(hex, 16));
			i += 2;
		} else {
			bytes.push(text.charCodeAt(i));
		}
	}
	return Buffer.from(bytes);
}

/** RFC 2047 encoded words (UTF-8, B or Q); the space between two of them is not text. */
function decodeWords(header: string): string {
	const word = /=\?utf-8\?([bq])\?([^?]*)\?=/gi;
	const joined = header.replace(/(\?=)[ \t]+(?==\?)/g, '$1');
	let out = '';
	let pending: Buffer[] = [];
	let last = 0;
	const flush = () => {
		out += Buffer.concat(pending).toString('utf8');
		pending = [];
	};
	for (const match of joined.matchAll(word)) {
		if (match.index > last) {
			flush();
			out += Buffer.from(joined.slice(last, match.index), 'latin1').toString('utf8');
		}
		const [, kind, data] = match;
		pending.push(
			kind.toLowerCase() === 'b'
				? Buffer.from(data, 'base64')
				: quotedPrintable(data.replace(/_/g, ' '))
		);
		last = match.index + match[0].length;
	}
	flush();
	return out + Buffer.from(joined.slice(last), 'latin1').toString('utf8');
}
