// The commands the running app offers on its control socket (./registry.ts). A module that
// offers one registers it here, so that the app loads it with the database.
import { writeBackup } from '../backup/write';
import { getEvidenceStore } from '../evidence/store';
import { registerCommand } from './registry';
import { createUserFromCommandLine, readNewUserRequest } from './user-create';
import { readReorganiseRequest, reorganiseFromCommandLine } from './units-reorganise';

registerCommand('user:create', async (args, { db }) => ({
	lines: await createUserFromCommandLine(db, readNewUserRequest(args))
}));

registerCommand('units:reorganise', (args, { db }) =>
	reorganiseFromCommandLine(db, readReorganiseRequest(args))
);

// A backup while the app serves: the script writes the streamed bytes to its file.
registerCommand('backup', async (args, { db, stream }) => {
	const passphrase = typeof args.passphrase === 'string' ? args.passphrase : undefined;
	await writeBackup(db, getEvidenceStore(), stream(), { passphrase });
});
