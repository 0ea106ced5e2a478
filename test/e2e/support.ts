import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { inject } from 'vitest';

export const SLUG = 'youth-lead-the-change-2027';

/** Calls the API directly, for setup the test is not about (codes, phases). */
export async function apiCall<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
	const res = await fetch(`${inject('baseUrl')}/api${path}`, {
		method,
		headers: {
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
	return (text ? JSON.parse(text) : undefined) as T;
}

export async function adminToken(): Promise<string> {
	const { token } = await apiCall<{ token: string }>('POST', '/auth/login', {
		email: inject('adminEmail'),
		password: inject('adminPassword')
	});
	return token;
}

export async function newCodes(count: number, label = 'e2e'): Promise<string[]> {
	const { codes } = await apiCall<{ codes: string[] }>(
		'POST',
		`/cycles/${SLUG}/access-codes`,
		{ count, label },
		await adminToken()
	);
	return codes;
}

export async function phaseOf(slug = SLUG): Promise<string> {
	return (await apiCall<{ phase: string }>('GET', `/cycles/${slug}`)).phase;
}

/** Presses Tab (or Shift+Tab) until `target` has focus: how a keyboard user gets there. */
export async function tabTo(page: Page, target: Locator, { max = 250, back = false } = {}) {
	for (let i = 0; i < max; i++) {
		if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
		await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
	}
	throw new Error(`could not reach ${target} with the keyboard in ${max} presses`);
}

/** The ranking as the voter sees it in "Your ranking", top first (project ids). */
export async function rankedTitles(page: Page): Promise<string[]> {
	return page.locator('.ranked li .name').allTextContents();
}

/** Adult enough for the demo (12–25 on 2027-04-01). */
export const BIRTH_DATE = '2010-03-15';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.0–2.2 A and AA rules) on the page and returns readable violations.
 * Injected with evaluate, which the page's strict CSP does not apply to.
 */
export async function axeViolations(page: Page): Promise<string[]> {
	await page.evaluate(AXE_SOURCE);
	const result = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
		return axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }
		});
	});
	return result.violations.map(
		(v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 5).join(', ')}`
	);
}

/** Becomes a voter through the form (JavaScript on or off) and lands on the ballot page. */
export async function checkIn(page: Page, baseUrl: string, code: string, lang = 'en') {
	await page.goto(`${baseUrl}/cycles/${SLUG}/vote?lang=${lang}`);
	await page.fill('#code', code);
	await page.fill('#birthDate', BIRTH_DATE);
	await page.check('input[name=basis] >> nth=0');
	await page.click('form button[type=submit]');
	await page.waitForURL('**/vote/ballot', { timeout: 20_000 }).catch(async (err: Error) => {
		throw new Error(`check-in did not reach the ballot (at ${page.url()}): ${await page.textContent('main')}`, { cause: err });
	});
}
