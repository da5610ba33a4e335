// How the campaign pages' forms come back: a refused form keeps what was typed.
import type { SubmitFunction } from '@sveltejs/kit';

export const keepTyped: SubmitFunction =
	() =>
	({ update }) =>
		update({ reset: false });
