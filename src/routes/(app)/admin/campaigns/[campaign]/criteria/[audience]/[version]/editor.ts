// What every part of the draft editor shares: how its forms submit, and the refused form to show
// again where it was typed.
import { applyAction } from '$app/forms';
import { invalidateAll } from '$app/navigation';
import type { SubmitFunction } from '@sveltejs/kit';
import type { LoadedGroup } from '$lib/types/criteria';

/** A refused form: what was typed, and each field's problem. */
export interface Failure {
	values?: Record<string, string>;
	errors?: Record<string, string>;
	target?: number | null;
}

export interface Editor {
	/** The draft's revision every form carries. */
	revision: number;
	groups: LoadedGroup[];
	/** The editor's own address, without its query. */
	here: string;
	submit: SubmitFunction;
	/** Submits only once the administrator confirms. */
	confirmThen: (question: string) => SubmitFunction;
	/** The refused form of that action (for that group or criterion), if that is what came back. */
	failed: (action: string, target?: number | null) => Failure | null;
}

/** Keeps what was typed on a refusal; when the draft moved on, reloads it under the form. */
export const submit: SubmitFunction =
	() =>
	async ({ result, update }) => {
		if (result.type === 'failure' && result.status === 409) {
			await invalidateAll();
			await applyAction(result);
		} else await update({ reset: false });
	};

export const confirmThen =
	(question: string): SubmitFunction =>
	(input) => {
		if (!confirm(question)) {
			input.cancel();
			return;
		}
		return submit(input);
	};

/** What the group and criterion forms take. */
export interface ItemFormProps {
	editor: Editor;
	/** Unique per form on the page: prefixes the ids. */
	prefix: string;
	/** The group or criterion edited; none when adding one. */
	id?: number;
	values: Record<string, string>;
	errors: Record<string, string>;
	submitLabel: string;
	cancelHref?: string;
}
