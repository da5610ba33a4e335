// npm run user:create -- --username NAME --role ROLE --unit CODE [--name "Display name"]
//   [--unit-name "Tỉnh Nghệ An" --unit-kind province --unit-type "Tỉnh"]
// The password comes from KIEUMAU_PASSWORD or, when unset, is asked for on the terminal.
// Made for a production install without demo data: the first province admin starts here. With
// --unit-name, a missing unit is created as the root of the tree (audited), so an empty database
// gets its province and its first admin in one command; the rest comes from the units CSV import.
import { createInterface } from 'node:readline/promises';
import { ROLES, isRole } from '../src/lib/domain/authorization';
import { passwordProblem } from '../src/lib/domain/password-rules';
import { configFromEnv, createDatabase } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { Refusal } from '../src/lib/server/failure';
import { findUnitByCode } from '../src/lib/server/units/repository';
import { createRootUnit } from '../src/lib/server/units/service';
import { createUser } from '../src/lib/server/users/service';

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
const unitName = option('unit-name');
if (!isRole(role)) fail(`--role must be one of: ${ROLES.join(', ')}`);
const password = await askPassword();
const problem = passwordProblem(password, { username });
if (problem)
	fail(`The password is not acceptable (${problem}): at least 10 characters, not the username.`);

const db = createDatabase(configFromEnv());
try {
	await migrateToLatest(db);
	if (unitName !== undefined && !(await findUnitByCode(db, unitCode))) {
		try {
			await createRootUnit(db, null, {
				code: unitCode,
				name: unitName.normalize('NFC').trim(),
				kind: option('unit-kind') ?? 'province',
				typeVi: (option('unit-type') ?? '').normalize('NFC').trim()
			});
		} catch (refusal) {
			if (!(refusal instanceof Refusal)) throw refusal;
			const problems = Object.entries(refusal.body.errors ?? {}).map(
				([field, problem]) => `${field}: ${problem}`
			);
			fail(`The unit ${unitCode} cannot be created (${problems.join(', ')}).`);
		}
		console.log(`Created the root unit ${unitCode} (${unitName}).`);
	}
	try {
		await createUser(db, null, {
			username,
			role,
			unitCode,
			displayName: option('name') ?? username,
			password
		});
	} catch (refusal) {
		if (!(refusal instanceof Refusal)) throw refusal;
		fail(refusal.message);
	}
	console.log(`Created ${role} ${username} for unit ${unitCode}.`);
} finally {
	await db.destroy();
}
