// The assessment form keeps its score bar at the top and its action bar at the bottom of the
// screen. Whatever gets focus must not hide beneath them (WCAG 2.4.11): the page's scroll padding
// follows their heights, which change as they wrap on a phone.

/** Pads the page's scrolling by the heights of the sticky bars; returns the undo. */
export function keepFocusClearOf(top: string, bottom: string): () => void {
	const root = document.documentElement;
	const topBar = document.querySelector<HTMLElement>(top);
	const bottomBar = document.querySelector<HTMLElement>(bottom);
	const pad = () => {
		root.style.scrollPaddingTop = `${(topBar?.offsetHeight ?? 0) + 8}px`;
		root.style.scrollPaddingBottom = `${(bottomBar?.offsetHeight ?? 0) + 8}px`;
	};
	pad();
	const observer = new ResizeObserver(pad);
	for (const bar of [topBar, bottomBar]) if (bar) observer.observe(bar);
	return () => {
		observer.disconnect();
		root.style.scrollPaddingTop = '';
		root.style.scrollPaddingBottom = '';
	};
}
