// The app's JSON log lines (src/lib/server/log.ts), read back from its output.
export interface LogLine {
	level: string;
	time: string;
	msg: string;
	[field: string]: unknown;
}

export function logLines(output: string[]): LogLine[] {
	const lines: LogLine[] = [];
	for (const text of output) {
		if (!text.startsWith('{')) continue;
		try {
			lines.push(JSON.parse(text));
		} catch {
			// A line cut by the pipe: the tests look for whole ones.
		}
	}
	return lines;
}

/** ISO 8601 with milliseconds and an offset, as an operator reads it. */
export const LOCAL_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/;

/** Polls `probe` until it holds or `ms` pass; resolves with how long it took. */
export async function within(ms: number, probe: () => Promise<boolean>): Promise<number> {
	const started = Date.now();
	let last: unknown;
	for (;;) {
		const held = await probe().catch((error: unknown) => {
			last = error;
			return false;
		});
		if (held) return Date.now() - started;
		if (Date.now() - started > ms) {
			throw new Error(`Still not so after ${ms} ms${last ? `: ${String(last)}` : ''}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}
