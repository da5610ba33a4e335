import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Scripts and styles from our own origin only; Svelte's style: directives need inline
		// style attributes. frame-ancestors 'none' keeps the app out of other sites' frames.
		// Hashes rather than nonces: a page kept and sent again (src/lib/server/freshness) stays
		// valid, and its inline script is allowed by its content alone.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		},
		alias: {
			$migrations: 'migrations'
		},
		// The demo seed and the commands live in scripts/; type-check them with the app.
		typescript: {
			config: (config) => {
				config.include.push('../scripts/**/*.ts');
			}
		}
	}
};

export default config;
