import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['url', 'cookie', 'baseLocale']
		}),
		sveltekit()
	],
	test: {
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					// The server's request and sign-in lines would drown the report.
					env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
					include: ['tests/integration/**/*.test.ts'],
					testTimeout: 120_000,
					hookTimeout: 300_000,
					fileParallelism: false
				}
			},
			{
				// The built app as real processes: database faults, locks, signals, backups.
				extends: './vite.config.ts',
				test: {
					name: 'reliability',
					environment: 'node',
					include: [
						'tests/reliability/both/**/*.test.ts',
						process.env.TEST_DATABASE_URL
							? 'tests/reliability/postgres/**/*.test.ts'
							: 'tests/reliability/pglite/**/*.test.ts'
					],
					globalSetup: ['tests/reliability/global-setup.ts'],
					testTimeout: 180_000,
					hookTimeout: 300_000,
					fileParallelism: false
				}
			}
		]
	}
});
