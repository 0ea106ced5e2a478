import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { launchBrowser, newPage, screenshot } from './browser.ts';
import { adminToken, apiCall, axeViolations } from './support.ts';

/** The admin-only staff pages: a new cycle through the form, staff accounts, and axe on both. */
let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

const base = () => inject('baseUrl');

async function staffLogin(page: Page) {
	await page.goto(`${base()}/staff/login`);
	await page.fill('#email', inject('adminEmail'));
	await page.fill('#password', inject('adminPassword'));
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await page.waitForURL(`${base()}/staff`, { timeout: 15_000 }).catch(async (err: Error) => {
		throw new Error(`sign-in did not reach /staff (at ${page.url()}): ${await page.textContent('body')}`, { cause: err });
	});
}

async function fillCycle(page: Page, slug: string) {
	await page.fill('#slug', slug);
	await page.fill('#name', 'Teen Budget 2028');
	await page.fill('#description', 'Made by the staff-admin e2e test.');
	await page.fill('#pot', '125000.50');
	await page.selectOption('#ballotKind', 'approval');
	await page.fill('#maxSelections', '4');
	await page.selectOption('#allocation', 'mes-cost-add1-greedy');
	await page.fill('#minAge', '13');
	await page.fill('#maxAge', '22');
	await page.fill('#asOf', '2028-04-01');
	await page.uncheck('#residency-work');
}

describe('new cycle (admin)', () => {
	it('creates a cycle from the dashboard link, then refuses the same slug next to the field', async () => {
		const { context, page } = await newPage(browser);
		await staffLogin(page);
		await page.getByRole('link', { name: 'New cycle' }).click();
		await page.waitForURL('**/staff/cycles/new');
		const slug = `teen-budget-${Date.now()}`;
		await fillCycle(page, slug);
		await page.getByRole('button', { name: 'Create cycle' }).click();
		await page.waitForURL(`**/staff/cycles/${slug}`);

		const cycle = await apiCall<{
			potCents: number;
			currency: string;
			ballot: unknown;
			allocation: { rule: string; utility?: string; completion?: string };
			eligibility: { minAge: number; maxAge: number; asOf: string; residency: string[] };
		}>('GET', `/cycles/${slug}`);
		expect(cycle.potCents).toBe(12_500_050);
		expect(cycle.currency).toBe('USD');
		expect(cycle.ballot).toMatchObject({ kind: 'approval', maxSelections: 4 });
		expect(cycle.allocation).toMatchObject({ rule: 'mes', utility: 'cost', completion: 'add1-greedy' });
		expect(cycle.eligibility).toMatchObject({ minAge: 13, maxAge: 22, asOf: '2028-04-01', residency: ['live', 'school'] });

		await page.goto(`${base()}/staff/cycles/new`);
		await fillCycle(page, slug);
		await page.getByRole('button', { name: 'Create cycle' }).click();
		await expect.poll(() => page.locator('#slug-error').textContent()).toContain('This slug is taken');
		expect(await page.getAttribute('#slug', 'aria-invalid')).toBe('true');
		expect(await page.inputValue('#name')).toBe('Teen Budget 2028');
		await context.close();
	});

	it('shows the shared schema problems next to their fields', async () => {
		const { context, page } = await newPage(browser);
		await staffLogin(page);
		await page.goto(`${base()}/staff/cycles/new`);
		await page.fill('#slug', 'Not A Slug');
		await page.fill('#name', 'Bad ages');
		await page.fill('#pot', '1000');
		await page.fill('#minAge', '30');
		await page.fill('#maxAge', '20');
		await page.getByRole('button', { name: 'Create cycle' }).click();
		await expect.poll(() => page.locator('#slug-error').textContent()).toContain('lowercase');
		expect(await page.getByRole('alert').textContent()).toContain('Please fill in every required field');
		expect(await page.locator('#minAge-error').textContent()).toContain('minAge is above maxAge');
		expect(await page.inputValue('#name')).toBe('Bad ages');
		await context.close();
	});
});

describe('staff accounts (admin)', () => {
	it('invites a reviewer, shows the password once, changes the role and disables', async () => {
		const { context, page } = await newPage(browser);
		await staffLogin(page);
		await page.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'Staff accounts' }).click();
		await page.waitForURL('**/staff/accounts');
		const email = `reviewer-${Date.now()}@allot.test`;
		await page.fill('#email', email);
		await page.fill('#displayName', 'Rita Reviewer');
		await page.selectOption('#role', 'reviewer');
		await page.getByRole('button', { name: 'Invite', exact: true }).click();
		await page.getByTestId('invited').waitFor();
		expect(await page.getByTestId('invited').textContent()).toContain('Shown once');
		const password = (await page.getByTestId('temporary-password').textContent())!.trim();
		expect(password.length).toBeGreaterThanOrEqual(8);
		const row = page.getByTestId(`staff-${email}`);
		await row.waitFor();

		// The new reviewer can sign in with it.
		await apiCall('POST', '/auth/login', { email, password });

		await row.locator('select[name=role]').selectOption('moderator');
		await row.getByRole('button', { name: 'Change role for Rita Reviewer' }).click();
		await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Saved');
		await row.getByRole('button', { name: 'Disable Rita Reviewer' }).click();
		await row.getByRole('button', { name: 'Enable Rita Reviewer' }).waitFor();

		const { items } = await apiCall<{ items: { email: string; role: string; disabled: boolean }[] }>('GET', '/staff', undefined, await adminToken());
		expect(items.find((s) => s.email === email)).toMatchObject({ role: 'moderator', disabled: true });
		await context.close();
	});
});

describe('the admin pages without JavaScript', () => {
	it('creates a cycle and invites, re-roles and disables a staff account with plain forms', async () => {
		const { context, page } = await newPage(browser, { javaScriptEnabled: false });
		await staffLogin(page);
		await page.goto(`${base()}/staff/cycles/new`);
		const slug = `no-script-budget-${Date.now()}`;
		await fillCycle(page, slug);
		// No script ran: the other ballot kinds' fields still show (a script hides them).
		expect(await page.isVisible('#maxRanks')).toBe(true);
		await page.getByRole('button', { name: 'Create cycle' }).click();
		await page.waitForURL(`**/staff/cycles/${slug}`);
		expect(await page.locator('h1').textContent()).toContain('Teen Budget 2028');
		const cycle = await apiCall<{ ballot: unknown; allocation: { rule: string }; eligibility: { residency: string[] } }>('GET', `/cycles/${slug}`);
		expect(cycle.ballot).toMatchObject({ kind: 'approval', maxSelections: 4 });
		expect(cycle.allocation.rule).toBe('mes');
		expect(cycle.eligibility.residency).toEqual(['live', 'school']);

		// A refusal comes back server-rendered, next to its field, with every value kept.
		await page.goto(`${base()}/staff/cycles/new`);
		await fillCycle(page, slug);
		await page.getByRole('button', { name: 'Create cycle' }).click();
		expect(await page.locator('#slug-error').textContent()).toContain('This slug is taken');
		expect(await page.inputValue('#ballotKind')).toBe('approval');
		expect(await page.inputValue('#maxSelections')).toBe('4');
		expect(await page.inputValue('#allocation')).toBe('mes-cost-add1-greedy');
		expect(await page.isChecked('#residency-work')).toBe(false);

		await page.goto(`${base()}/staff/accounts`);
		const email = `no-script-${Date.now()}@allot.test`;
		await page.fill('#email', email);
		await page.fill('#displayName', 'Nadia No-Script');
		await page.selectOption('#role', 'moderator');
		await page.getByRole('button', { name: 'Invite', exact: true }).click();
		expect(await page.getByTestId('invited').textContent()).toContain('Shown once');
		const password = (await page.getByTestId('temporary-password').textContent())!.trim();
		await apiCall('POST', '/auth/login', { email, password });
		const row = page.getByTestId(`staff-${email}`);
		expect(await row.locator('select[name=role]').inputValue()).toBe('moderator');

		await row.locator('select[name=role]').selectOption('poll_worker');
		await row.getByRole('button', { name: 'Change role for Nadia No-Script' }).click();
		await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Saved');
		await expect.poll(() => row.locator('select[name=role]').inputValue()).toBe('poll_worker');
		await row.getByRole('button', { name: 'Disable Nadia No-Script' }).click();
		await row.getByRole('button', { name: 'Enable Nadia No-Script' }).waitFor();

		const { items } = await apiCall<{ items: { email: string; role: string; disabled: boolean }[] }>('GET', '/staff', undefined, await adminToken());
		expect(items.find((s) => s.email === email)).toMatchObject({ role: 'poll_worker', disabled: true });
		await context.close();
	});
});

describe('accessibility of the admin pages', () => {
	it('new cycle and staff accounts pass axe in English and Arabic', async () => {
		for (const lang of ['en', 'ar'] as const) {
			const { context, page } = await newPage(browser);
			await staffLogin(page);
			for (const path of ['cycles/new', 'accounts']) {
				await page.goto(`${base()}/staff/${path}?lang=${lang}`);
				expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
				expect(await axeViolations(page), `${path} (${lang})`).toEqual([]);
				await screenshot(page, `staff-${path.replace('/', '-')}-${lang}-1280`);
			}
			await context.close();
		}
	});
});
