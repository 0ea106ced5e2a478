import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
	{
		ignores: [
			'**/node_modules/**',
			'.data/**',
			'web/build/**',
			'web/.svelte-kit/**',
			'db/migrations/**',
			'test-results/**',
			'coverage/**'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs['flat/recommended'],
	{
		languageOptions: { globals: { ...globals.node, ...globals.browser } },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'@typescript-eslint/no-non-null-assertion': 'off',
			// We serve from the root path (no kit `paths.base`), so plain hrefs are correct.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser } }
	},
	{
		// The pure domain core must stay framework- and I/O-free: it also runs in the browser.
		files: ['shared/src/**/*.ts'],
		ignores: ['shared/src/**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: ['node:*', 'fastify*', 'drizzle-orm*', 'svelte*', '@sveltejs/*', 'pg', '@allot/db', '@allot/api'] }
			]
		}
	}
);
