// The commands the running app accepts on its control socket (DATA_DIR/pglite.sock, see
// ./server.ts): named use cases an operator runs from the machine while the app holds the
// embedded database, such as creating an emergency administrator. Each module that offers one
// registers it in ./commands.ts; a script calls it with runInApp() from ./client.ts.
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface CommandContext {
	/** The app's own database connection (the one holding the folder's lock). */
	db: Kysely<Database>;
	/**
	 * Turns the answer into a byte stream (a backup file, say) and returns it: write to it and end
	 * it; the command's return value is then ignored. Without it the return value is sent as JSON.
	 */
	stream(contentType?: string): Writable;
	/** Aborted when the caller goes away (Ctrl+C on the script): stop the work. */
	signal: AbortSignal;
}

/**
 * Runs inside the app. `args` is the JSON object the script sent (check it: it comes from
 * outside). Throw a Refusal to refuse with its status and message; return a JSON-able value, or
 * stream bytes through `context.stream()`.
 */
export type Command = (args: Record<string, unknown>, context: CommandContext) => Promise<unknown>;

const commands = new Map<string, Command>();

/**
 * Offers `command` as `name` (lower-case letters, digits, `:` and `-`) on the control socket.
 * Registering a name again replaces its command (Vite's development server reloads modules).
 */
export function registerCommand(name: string, command: Command): void {
	if (!/^[a-z][a-z0-9:-]*$/.test(name)) throw new Error(`Bad command name ${name}`);
	commands.set(name, command);
}

export function findCommand(name: string): Command | undefined {
	return commands.get(name);
}
