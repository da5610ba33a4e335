// Whether a page says itself that a form was not saved (the database was unavailable): the root
// layout shows a generic notice above any page, unless the page shows its own where the user's
// focus goes (the assessment page's feedback box), so the message never appears twice.
import { getContext, onDestroy, setContext } from 'svelte';

const KEY = Symbol('form-notice');

export interface FormNotice {
	/** How many components on the page show their own "not saved" notice. */
	own: number;
}

/** Called by the root layout: the state its generic notice reads. */
export function provideFormNotice(): FormNotice {
	const notice = $state<FormNotice>({ own: 0 });
	setContext(KEY, notice);
	return notice;
}

/** Called by a component that shows the notice itself, for as long as it is on the page. */
export function showsOwnFormNotice(): void {
	const notice = getContext<FormNotice | undefined>(KEY);
	if (!notice) return;
	notice.own += 1;
	onDestroy(() => (notice.own -= 1));
}
