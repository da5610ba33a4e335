// Whether and how the app sends e-mail: SMTP_URL names the server (smtp://user:password@host:587,
// smtps://… for TLS from the start), MAIL_FROM the sender, ORIGIN the address links point at.
// Without SMTP_URL nothing is queued and nothing is sent: notifications stay in the app.
import nodemailer, { type Transporter } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';

export interface MailConfig {
	url: string;
	from: string;
	/** The app's public address (no trailing slash), for the link in each message; may be empty. */
	origin: string;
}

type Env = Record<string, string | undefined>;

export const DEFAULT_FROM = 'Kiểu mẫu <kieumau@localhost>';

export function mailConfig(env: Env = process.env): MailConfig | null {
	const url = env.SMTP_URL?.trim();
	if (!url) return null;
	return {
		url,
		from: env.MAIL_FROM?.trim() || DEFAULT_FROM,
		origin: (env.ORIGIN ?? '').trim().replace(/\/+$/, '')
	};
}

/** A transport for the configured server; its waits are bounded so a dead server fails a try. */
export function createTransport(config: MailConfig): Transporter {
	return nodemailer.createTransport({
		connectionTimeout: 15_000,
		greetingTimeout: 15_000,
		socketTimeout: 30_000,
		// What the address says (host, port, TLS, user, and any ?option=value) comes last and wins.
		...parseConnectionUrl(config.url)
	});
}
