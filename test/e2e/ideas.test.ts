import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { launchBrowser, newPage, screenshot } from './browser.ts';
import { adminToken, apiCall, axeViolations } from './support.ts';

/** Ideas are collected in a cycle of their own (the demo cycle is already voting). */
const SLUG = 'e2e-ideas';
let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
	const token = await adminToken();
	const existing = await fetch(`${inject('baseUrl')}/api/cycles/${SLUG}`);
	if (existing.status === 404) {
		await apiCall('POST', '/cycles', {
			slug: SLUG,
			name: 'Ideas test cycle',
			potCents: 50_000_00,
			currency: 'USD',
			categories: ['parks', 'arts'],
			neighborhoods: ['Roxbury'],
			ballot: { kind: 'approval', maxSelections: 3 },
			allocation: { rule: 'greedy', score: 'votes', tie: 'lexicographic' },
			eligibility: { minAge: 12, maxAge: 25, asOf: '2027-04-01', residency: ['live', 'school'] }
		}, token);
		await apiCall('POST', `/cycles/${SLUG}/phase`, { phase: 'ideas' }, token);
	}
});
afterAll(async () => {
	await browser?.close();
	// Idea collection over: the demo cycle stays the one the home page leads to.
	await apiCall('POST', `/cycles/${SLUG}/phase`, { phase: 'development' }, await adminToken());
});

describe('ideas', () => {
	it('a guest shares an idea on a phone in under a minute, then comments on it', async () => {
		const { context, page } = await newPage(browser, { width: 360 });
		const started = Date.now();
		await page.goto(`${inject('baseUrl')}/cycles/${SLUG}/ideas/new`);
		await page.fill('#title', 'Water fountain at the Roxbury skate spot');
		await page.fill('#description', 'It gets hot in summer and the nearest tap is far away.');
		await page.selectOption('#category', 'parks');
		await page.click('form button[type=submit]');
		await page.waitForURL(/\/ideas\/[0-9a-f-]+\?shared/);
		expect(Date.now() - started).toBeLessThan(60_000);
		expect(await page.getByRole('status').first().textContent()).toContain('Thank you');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Water fountain at the Roxbury skate spot');

		await page.fill('#body', 'Yes please, and a bench in the shade.');
		await page.fill('#authorName', 'Ana');
		await page.click('form[action="?/comment"] button');
		await expect.poll(() => page.locator('.comments li').allTextContents()).toEqual([expect.stringContaining('a bench in the shade')]);
		expect(await axeViolations(page)).toEqual([]);
		await screenshot(page, 'idea-en-360');

		await page.goto(`${inject('baseUrl')}/cycles/${SLUG}/ideas?lang=ar`);
		expect(await page.textContent('main')).toContain('Water fountain at the Roxbury skate spot');
		expect(await axeViolations(page)).toEqual([]);
		await screenshot(page, 'ideas-ar-360');
		await context.close();
	});

	it('a moderator hides the comment with a public reason', async () => {
		const { context, page } = await newPage(browser, { width: 1280 });
		await page.goto(`${inject('baseUrl')}/staff/login?lang=en`);
		await page.fill('#email', inject('adminEmail'));
		await page.fill('#password', inject('adminPassword'));
		await page.click('form button[type=submit]');
		await page.waitForURL(`${inject('baseUrl')}/staff`);
		await page.goto(`${inject('baseUrl')}/staff/cycles/${SLUG}/ideas`);
		await page.click('summary');
		await page.locator('form[action="?/hideComment"] input[name=reason]').fill('Personal details removed');
		await page.click('form[action="?/hideComment"] button');
		await page.locator('form[action="?/restoreComment"]').waitFor();
		expect(await axeViolations(page)).toEqual([]);
		await screenshot(page, 'staff-moderation-en-1280');
		const ideaLink = await apiCall<{ items: { id: string }[] }>('GET', `/cycles/${SLUG}/ideas`);
		await page.goto(`${inject('baseUrl')}/cycles/${SLUG}/ideas/${ideaLink.items[0]!.id}`);
		expect(await page.locator('.comments').textContent()).toContain('Hidden by moderators: Personal details removed');
		await context.close();
	});

	it('the idea form works without JavaScript and says what is missing', async () => {
		const { context, page } = await newPage(browser, { javaScriptEnabled: false });
		await page.goto(`${inject('baseUrl')}/cycles/${SLUG}/ideas/new?lang=es`);
		// Three spaces pass the browser's own checks; the server trims them and refuses.
		await page.fill('#title', '   ');
		await page.fill('#description', 'Más bancos en el parque');
		await page.click('form button[type=submit]');
		expect(await page.getByRole('alert').textContent()).toContain('título');
		expect(await page.inputValue('#description')).toBe('Más bancos en el parque');
		await context.close();
	});
});
