// The backup passphrase: BACKUP_PASSPHRASE, or asked on the terminal without echo.
import { createInterface } from 'node:readline';

function ask(question: string): Promise<string> {
	return new Promise((resolve) => {
		const terminal = createInterface({
			input: process.stdin,
			output: process.stdout,
			terminal: true
		});
		// Echo nothing of what is typed.
		(terminal as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text) => {
			if (text.includes(question)) process.stdout.write(question);
		};
		terminal.question(question, (answer) => {
			terminal.close();
			process.stdout.write('\n');
			resolve(answer);
		});
	});
}

/** The passphrase to encrypt with: from the environment, else asked twice (undefined: none). */
export async function newPassphrase(wanted: boolean): Promise<string | undefined> {
	if (process.env.BACKUP_PASSPHRASE) return process.env.BACKUP_PASSPHRASE;
	if (!wanted) return undefined;
	if (!process.stdin.isTTY) {
		throw new Error('--encrypt needs BACKUP_PASSPHRASE or a terminal to ask for the passphrase.');
	}
	const passphrase = await ask('Backup passphrase: ');
	if (passphrase.length < 12) throw new Error('The passphrase needs at least 12 characters.');
	if ((await ask('Passphrase again: ')) !== passphrase)
		throw new Error('The two passphrases differ.');
	return passphrase;
}

/** The passphrase to decrypt with, asked only when the backup is encrypted. */
export async function existingPassphrase(): Promise<string | undefined> {
	if (process.env.BACKUP_PASSPHRASE) return process.env.BACKUP_PASSPHRASE;
	if (!process.stdin.isTTY) return undefined;
	return ask('Backup passphrase: ');
}
