// Used by `npm run dev`: migrates and seeds the demo on an empty database, then exits.
import { openForCommand } from './lib/embedded';
import { prepareDatabase, wantsDemo } from './lib/database';

const db = await openForCommand('app');
try {
	await prepareDatabase(db, { seed: wantsDemo(process.env) });
} finally {
	await db.destroy();
}
