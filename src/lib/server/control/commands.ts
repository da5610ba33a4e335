// The commands the running app offers on its control socket (./registry.ts). A module that
// offers one registers it here, so that the app loads it with the database.
import { registerCommand } from './registry';
import { createUserFromCommandLine, readNewUserRequest } from './user-create';

registerCommand('user:create', async (args, { db }) => ({
	lines: await createUserFromCommandLine(db, readNewUserRequest(args))
}));
