import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Three sizes of test (immich's split): pure unit tests beside the code, integration tests
// through app.inject on a real Postgres engine, and browser tests against a started server.
export default defineConfig({
	test: {
		// Vitest's default is one worker fewer than the cores: on the 2-core box that is one, and
		// every file ran in turn. Test files are independent (a database each), so use them all.
		maxWorkers: Math.max(2, availableParallelism()),
		projects: [
			{
				test: {
					name: 'unit',
					include: [
						'shared/src/**/*.test.ts',
						'api/src/**/*.test.ts',
						'scripts/**/*.test.ts',
						// pure web helpers (no Svelte, no $lib aliases)
						'web/src/lib/**/*.test.ts'
					]
				}
			},
			{
				test: {
					name: 'conformance',
					include: ['test/conformance/**/*.test.ts'],
					testTimeout: 120_000
				}
			},
			{
				test: {
					name: 'integration',
					include: ['test/api/**/*.test.ts', 'test/db/**/*.test.ts'],
					globalSetup: ['test/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 60_000
				}
			},
			{
				test: {
					name: 'e2e',
					include: ['test/e2e/**/*.test.ts'],
					globalSetup: ['test/e2e/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 90_000,
					fileParallelism: false
				}
			}
		]
	}
});
