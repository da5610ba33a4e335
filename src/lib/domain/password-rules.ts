// What a new password must be. Pure, so the form can say it before the server does.

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

export type PasswordProblem = 'too_short' | 'too_long' | 'same_as_username' | 'unchanged';

export function passwordProblem(
	password: string,
	{ username, current }: { username: string; current?: string }
): PasswordProblem | null {
	// Counted in characters of the composed form, whatever the keyboard sent (NFC or NFD).
	const length = [...password.normalize('NFC')].length;
	if (length < MIN_PASSWORD_LENGTH) return 'too_short';
	if (length > MAX_PASSWORD_LENGTH) return 'too_long';
	if (password.trim().toLowerCase() === username.trim().toLowerCase()) return 'same_as_username';
	if (current !== undefined && password === current) return 'unchanged';
	return null;
}
