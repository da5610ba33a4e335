// Which failures mean "the database cannot be reached right now" rather than a fault in the app:
// the server restarting or refusing connections, a connection ended under a query, a network that
// does not answer. Those pages answer 503 (nothing was lost, try again shortly); anything else is a
// bug and answers 500.

/** Network failures of the socket to the server (Node's error codes). */
const NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ECONNABORTED',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'EHOSTDOWN',
	'ENETUNREACH',
	'ENETDOWN',
	'ENOTFOUND',
	'EAI_AGAIN'
]);

/**
 * SQLSTATEs of a server that is going away or not there yet: 57P01 admin_shutdown (also what
 * pg_terminate_backend sends), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up,
 * shutting down, in recovery), 53300 too_many_connections. Class 08 (connection exception) is
 * matched as a whole.
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** What node-postgres, pg-pool and PGlite say when they have no connection to offer. */
const MESSAGES = [
	/connection terminated/i, // "Connection terminated unexpectedly", "… due to connection timeout"
	/timeout exceeded when trying to connect/i, // pg-pool's connectionTimeoutMillis
	/is not queryable/i, // a client whose connection already failed
	/not currently accepting connections/i, // ALTER DATABASE … ALLOW_CONNECTIONS false (55000)
	/the database system is (starting up|shutting down|in recovery mode)/i,
	/cannot use a pool after calling end/i, // the pool closed while the server shuts down
	/pglite is closed/i
];

function own(error: unknown): { code?: unknown; message?: unknown } | null {
	return typeof error === 'object' && error !== null
		? (error as { code?: unknown; message?: unknown })
		: null;
}

function matches(error: unknown): boolean {
	const fields = own(error);
	if (!fields) return false;
	const code = typeof fields.code === 'string' ? fields.code : '';
	if (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) {
		return true;
	}
	const message = typeof fields.message === 'string' ? fields.message : '';
	return MESSAGES.some((pattern) => pattern.test(message));
}

/**
 * Whether `error` (or what caused it: `cause`, an AggregateError's `errors`) says the database is
 * unavailable for the moment.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
	if (depth > 5 || !own(error)) return false;
	if (matches(error)) return true;
	const { cause, errors } = error as { cause?: unknown; errors?: unknown };
	if (cause !== undefined && isDatabaseUnavailable(cause, depth + 1)) return true;
	return Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/** A short, detail-free description for a log line: the code when there is one. */
export function faultSummary(error: unknown): { code?: string; message: string } {
	const fields = own(error);
	const code = typeof fields?.code === 'string' ? fields.code : undefined;
	const message = typeof fields?.message === 'string' ? fields.message : String(error);
	return code ? { code, message } : { message };
}
