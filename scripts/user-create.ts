// npm run user:create -- --username NAME --role ROLE --unit CODE [--name "Display name"]
//   [--unit-name "Tỉnh Nghệ An" --unit-kind province --unit-type "Tỉnh"]
// The password comes from KIEUMAU_PASSWORD or, when unset, is asked for on the terminal.
// Made for a production install without demo data: the first province admin starts here. With
// --unit-name, a missing unit is created as the root of the tree (audited), so an empty database
// gets its province and its first admin in one command; the rest comes from the units CSV import.
// On PGlite while the app runs, the app does it (over its control socket, DATA_DIR/pglite.sock):
// the folder is never opened twice.
import { createInterface } from 'node:readline/promises';
import { ROLES, isRole } from '../src/lib/domain/authorization';
import { passwordProblem } from '../src/lib/domain/password-rules';
import { AppNotRunning, CommandFailed, runInApp } from '../src/lib/server/control/client';
import {
	createUserFromCommandLine,
	readNewUserRequest
} from '../src/lib/server/control/user-create';
import { configFromEnv } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { Refusal } from '../src/lib/server/failure';
import { openForCommand } from './lib/embedded';

function option(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? process.argv[index + 1] : undefined;
}

function fail(message: string): never {
	console.error(message);
	process.exit(2);
}

async function askPassword(): Promise<string> {
	if (process.env.KIEUMAU_PASSWORD) return process.env.KIEUMAU_PASSWORD;
	if (!process.stdin.isTTY) {
		const chunks: Buffer[] = [];
		for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
		return Buffer.concat(chunks).toString('utf8').split('\n')[0];
	}
	const terminal = createInterface({ input: process.stdin, output: process.stdout });
	const password = await terminal.question('Password: ');
	const again = await terminal.question('Password again: ');
	terminal.close();
	if (password !== again) fail('The two passwords differ.');
	return password;
}

const username = option('username')?.trim().toLowerCase();
const role = option('role');
const unitCode = option('unit');
if (!username || !role || !unitCode) {
	fail(
		'Usage: npm run user:create -- --username NAME --role ROLE --unit CODE [--name "…"]' +
			' [--unit-name "…" --unit-kind KIND --unit-type "…"]'
	);
}
if (!isRole(role)) fail(`--role must be one of: ${ROLES.join(', ')}`);
const password = await askPassword();
const problem = passwordProblem(password, { username });
if (problem)
	fail(`The password is not acceptable (${problem}): at least 10 characters, not the username.`);

const args = {
	username,
	role,
	unitCode,
	password,
	displayName: option('name'),
	unitName: option('unit-name'),
	unitKind: option('unit-kind'),
	unitType: option('unit-type')
};

/** Through the app serving DATA_DIR, when one runs on PGlite: the lines it printed, or undefined. */
async function inRunningApp(): Promise<string[] | undefined> {
	const config = configFromEnv();
	if (config.url) return undefined;
	try {
		const { lines } = (await runInApp(process.env.DATA_DIR || './data', 'user:create', args)) as {
			lines: string[];
		};
		return ['(done by the running app)', ...lines];
	} catch (error) {
		if (error instanceof AppNotRunning) return undefined;
		if (error instanceof CommandFailed) fail(error.message);
		throw error;
	}
}

const done = await inRunningApp();
if (done) {
	for (const line of done) console.log(line);
} else {
	const db = await openForCommand('user-create');
	try {
		await migrateToLatest(db);
		for (const line of await createUserFromCommandLine(db, readNewUserRequest(args))) {
			console.log(line);
		}
	} catch (refusal) {
		if (!(refusal instanceof Refusal)) throw refusal;
		console.error(refusal.message);
		process.exitCode = 2;
	} finally {
		await db.destroy();
	}
}
