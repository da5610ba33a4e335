// npm run units:reorganise -- FILE --on yyyy-mm-dd [--apply] [--scope user=UNIT[/SET/AREA]]... [--as ADMIN]
// Prints what applying the reorganisation file (a mapping or a changes file) on that date does;
// with --apply, applies it in one transaction, as the province administrator named by --as (the
// first one when not named). --scope gives a user whose unit disappears with no single successor
// a new unit, and optionally a reporting area (SET/AREA). Exits 1 when refused.
// On PGlite while the app runs, the app does it (over its control socket, DATA_DIR/pglite.sock):
// the folder is never opened twice.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppNotRunning, CommandFailed, runInApp } from '../src/lib/server/control/client';
import {
	readReorganiseRequest,
	reorganiseFromCommandLine
} from '../src/lib/server/control/units-reorganise';
import { configFromEnv } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { Refusal } from '../src/lib/server/failure';
import { openForCommand } from './lib/embedded';

const argv = process.argv.slice(2);

function fail(message: string): never {
	console.error(message);
	process.exit(2);
}

/** The values of a repeatable option, and what is left once options are taken out. */
function options() {
	const values: Record<string, string[]> = {};
	const rest: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const name = /^--([a-z]+)$/.exec(argv[i])?.[1];
		if (!name) rest.push(argv[i]);
		else if (name === 'apply') values.apply = ['true'];
		else values[name] = [...(values[name] ?? []), argv[++i] ?? ''];
	}
	return { values, rest };
}

const { values, rest } = options();
const file = rest[0];
const effectiveOn = values.on?.[0];
if (!file || !effectiveOn) {
	fail(
		'Usage: npm run units:reorganise -- FILE --on yyyy-mm-dd [--apply]' +
			' [--scope user=UNIT[/SET/AREA]]... [--as ADMIN]'
	);
}
let text: string;
try {
	text = readFileSync(file, 'utf8');
} catch (error) {
	fail(`Cannot read ${file}: ${(error as Error).message}`);
}

const args = {
	fileName: path.basename(file),
	text,
	effectiveOn,
	apply: values.apply !== undefined,
	scopes: values.scope ?? [],
	as: values.as?.[0]
};

/** Through the app serving DATA_DIR, when one runs on PGlite; undefined when none does. */
async function inRunningApp() {
	if (configFromEnv().url) return undefined;
	try {
		const answer = (await runInApp(process.env.DATA_DIR || './data', 'units:reorganise', args)) as {
			lines: string[];
			ok: boolean;
		};
		return { ...answer, lines: ['(done by the running app)', ...answer.lines] };
	} catch (error) {
		if (error instanceof AppNotRunning) return undefined;
		if (error instanceof CommandFailed) fail(error.message);
		throw error;
	}
}

async function inThisProcess() {
	const db = await openForCommand('maintenance');
	try {
		await migrateToLatest(db);
		return await reorganiseFromCommandLine(db, readReorganiseRequest(args));
	} catch (refusal) {
		if (refusal instanceof Refusal) fail(refusal.message);
		throw refusal;
	} finally {
		await db.destroy();
	}
}

const result = (await inRunningApp()) ?? (await inThisProcess());
for (const line of result.lines) console.log(line);
if (!result.ok) process.exitCode = 1;
