import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('home page', () => {
	it('shows the seeded demo cycle with its pot and projects', async () => {
		const { context, page } = await newPage(browser);
		await page.goto(inject('baseUrl'));
		await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
			'Youth Lead the Change 2027'
		);
		await expect(page.textContent('body')).resolves.toContain('$1,000,000');
		await screenshot(page, 'home-en-1280');
		await context.close();
	});

	it('answers the API health check on the same port', async () => {
		const res = await fetch(`${inject('baseUrl')}/api/health`);
		expect(await res.json()).toEqual({ status: 'ok', database: 'pglite' });
	});
});
