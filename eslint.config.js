import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'src/lib/paraglide/',
			'data/',
			'test-results/',
			'playwright-report/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			// Links go through Paraglide's localizeHref (the /en prefix), which this rule cannot see.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	// Boundaries (README, "Layout"): the domain and shared types stay pure; nothing the browser
	// loads reaches into the server; migrations are frozen in time and import no application code.
	{
		files: ['src/lib/domain/**', 'src/lib/types/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/server', '$lib/server/**', '**/server/**', '**/server'],
							message: 'The domain is pure: no server modules.'
						},
						{ group: ['**/routes/**', '$app/**'], message: 'The domain knows no routes.' },
						{
							group: ['kysely', 'kysely/**', 'pg', '@electric-sql/**', 'kysely-pglite-dialect'],
							message: 'The domain does no I/O: no database.'
						}
					]
				}
			]
		}
	},
	{
		files: [
			'src/**/*.svelte',
			'src/**/*.svelte.ts',
			'src/lib/**/*.ts',
			'src/routes/**/*.ts',
			'src/hooks.ts'
		],
		ignores: [
			'src/lib/server/**',
			'src/**/+page.server.ts',
			'src/**/+layout.server.ts',
			'src/**/+server.ts',
			'src/**/*.server.ts',
			'src/lib/domain/**',
			'src/lib/types/**'
		],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/server', '$lib/server/**', '**/lib/server/**'],
							message:
								'Browser code never imports the server: take types from $lib/domain or $lib/types, data from $types.'
						}
					]
				}
			]
		}
	},
	// Routes call services: no repository, no query builder (README, "Layout").
	{
		files: ['src/routes/**/+*.server.ts', 'src/routes/**/+server.ts', 'src/routes/**/*.server.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/server/**/repository', '$lib/server/**/*-repository'],
							message: 'Routes call services; SQL stays in the repositories behind them.'
						},
						{ group: ['kysely', 'kysely/**'], message: 'Routes build no queries.' }
					]
				}
			]
		}
	},
	// Every role decision is a function of src/lib/domain/authorization.ts (or workflow.ts's table).
	{
		files: ['src/routes/**', 'src/lib/components/**', 'src/lib/server/**', 'src/lib/*.ts'],
		ignores: ['**/*.test.ts', 'src/lib/labels.ts'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector: 'Literal[value=/^(ward_officer|district_reviewer|province_admin|leader)$/]',
					message: 'Ask src/lib/domain/authorization.ts instead of naming a role.'
				}
			]
		}
	},
	{
		files: ['migrations/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/**', '**/src/**', '../src', '../src/**'],
							message: 'Migrations are frozen in time: no application code.'
						}
					]
				}
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	}
);
