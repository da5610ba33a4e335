// Used by `npm run dev`: migrates and seeds the demo on an empty database, then exits.
import { configFromEnv, createDatabase } from '../src/lib/server/db/connect';
import { prepareDatabase, wantsDemo } from './lib/database';

const db = createDatabase(configFromEnv());
try {
	await prepareDatabase(db, { seed: wantsDemo(process.env) });
} finally {
	await db.destroy();
}
