import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	forbidOnly: !!process.env.CI,
	retries: process.env.CI ? 1 : 0,
	workers: 1,
	reporter: process.env.CI ? 'list' : [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		trace: 'on-first-retry',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: ['--disable-background-networking', '--disable-component-update', '--disable-sync']
		}
	},
	projects: [
		// Reads and the workflow first, on the seeded figures; administration last, because it
		// changes the campaign (new criteria versions, periods, units) those tests count on.
		{ name: 'chromium', use: { ...devices['Desktop Chrome'] }, testIgnore: 'admin/**' },
		{
			name: 'admin',
			use: { ...devices['Desktop Chrome'] },
			testMatch: 'admin/**/*.spec.ts',
			dependencies: ['chromium']
		}
	],
	webServer: {
		// Builds if needed, seeds a fresh database (PGlite, or TEST_DATABASE_URL's server), serves.
		command: 'tsx tests/e2e/server.ts',
		url: `http://localhost:${port}/`,
		// One JSON line per request would bury the test report: warnings and errors only.
		env: { PORT: String(port), LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
		timeout: 300_000,
		reuseExistingServer: false,
		stdout: 'pipe'
	}
});
