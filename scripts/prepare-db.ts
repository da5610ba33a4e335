// Used by `npm run dev`: migrates and seeds the demo on an empty database, then exits.
import { configFromEnv, createDatabase } from '../src/lib/server/db/connect';
import { prepareDatabase } from './lib/database';

const db = createDatabase(configFromEnv());
try {
	await prepareDatabase(db, { seed: process.env.SEED_DEMO !== 'false' });
} finally {
	await db.destroy();
}
