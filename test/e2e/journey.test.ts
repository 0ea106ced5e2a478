import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { launchBrowser, newPage, screenshot } from './browser.ts';
import { axeViolations, BIRTH_DATE, checkIn, newCodes, phaseOf, rankedTitles, SLUG, tabTo } from './support.ts';

/**
 * One file for the whole cycle, in order (the vote must be open for the first parts and closed
 * for the last): youth voting by keyboard, without JavaScript and in Arabic; axe and screenshots
 * of the voting pages; the admin closes the vote, compares two rules and publishes; the public
 * dashboard.
 */
let browser: Browser;
let codes: string[];
beforeAll(async () => {
	browser = await launchBrowser();
	codes = await newCodes(12, 'journey.test');
});
afterAll(() => browser?.close());

const voteUrl = () => `${inject('baseUrl')}/cycles/${SLUG}/vote`;

/** Check-in by keyboard only: code, birth date, residency, continue. */
async function checkInByKeyboard(page: Page, code: string) {
	await tabTo(page, page.locator('#code'));
	await page.keyboard.type(code);
	await page.keyboard.press('Tab');
	await page.keyboard.type('03152010'); // the date field in the browser's en-US order
	await tabTo(page, page.locator('input[name=basis]').first());
	await page.keyboard.press('Space');
	await tabTo(page, page.getByRole('button', { name: 'Continue' }));
	await page.keyboard.press('Enter');
	await page.waitForURL('**/vote/ballot');
}

async function rankByKeyboard(page: Page, projectId: string, rank: number) {
	const select = page.locator(`select[name="rank:${projectId}"]`);
	await tabTo(page, select);
	for (let i = 0; i < rank; i++) await page.keyboard.press('ArrowDown');
	await expect.poll(() => select.inputValue()).toBe(String(rank));
}

describe('youth voting, keyboard only', () => {
	it('casts a ranked ballot, changes it, and sees the receipt', async () => {
		const { context, page } = await newPage(browser, { width: 360 });
		await page.goto(voteUrl());
		await screenshot(page, 'vote-start-en-360');
		await checkInByKeyboard(page, codes[0]!);

		await rankByKeyboard(page, 'P03', 1);
		await rankByKeyboard(page, 'P07', 2);
		await rankByKeyboard(page, 'P05', 3);
		await expect.poll(() => page.getByTestId('live-summary').first().textContent()).toContain('3 of up to 5');
		// "Move down" on the first entry, by keyboard: P03 drops to rank 2.
		await tabTo(page, page.locator('#down-P03'), { back: true });
		await page.keyboard.press('Enter');
		expect(await rankedTitles(page)).toEqual([
			'Solar charging benches',
			'Water bottle filling stations in 10 high schools',
			'Youth murals on 8 underpasses'
		]);
		await expect.poll(() => page.locator('#down-P03').evaluate((el) => el === document.activeElement)).toBe(true);
		await screenshot(page, 'ballot-en-360');

		await tabTo(page, page.getByRole('button', { name: 'Review my ballot' }).last());
		await page.keyboard.press('Enter');
		await page.getByRole('heading', { name: 'Check your ballot' }).waitFor();
		await tabTo(page, page.getByRole('button', { name: 'Submit my vote' }));
		await page.keyboard.press('Enter');
		await page.waitForURL('**/vote/receipt');
		const receipt = (await page.getByTestId('receipt').textContent())!.trim();
		expect(receipt.length).toBeGreaterThan(8);
		await screenshot(page, 'receipt-en-360');

		// Change my vote: the same tracker, the new order.
		await tabTo(page, page.getByRole('link', { name: 'Change my vote' }));
		await page.keyboard.press('Enter');
		await page.waitForURL('**/vote/ballot');
		expect(await rankedTitles(page)).toHaveLength(3);
		await rankByKeyboard(page, 'P12', 1);
		await tabTo(page, page.getByRole('button', { name: 'Review my ballot' }).last());
		await page.keyboard.press('Enter');
		await tabTo(page, page.getByRole('button', { name: 'Submit my vote' }));
		await page.keyboard.press('Enter');
		await page.waitForURL('**/vote/receipt');
		expect((await page.getByTestId('receipt').textContent())!.trim()).toBe(receipt);
		const listed = await page.getByTestId('my-ballot').locator('li span[lang]').allTextContents();
		expect(listed[0]).toBe('Laptops to lend at teen centres');
		expect(listed).toHaveLength(4);
		await context.close();
	});
});

describe('youth voting without JavaScript', () => {
	it('casts and changes a ranked ballot with plain forms', async () => {
		const { context, page } = await newPage(browser, { width: 360, javaScriptEnabled: false });
		await page.goto(voteUrl());
		await page.fill('#code', codes[1]!);
		await page.fill('#birthDate', BIRTH_DATE);
		await page.check('input[name=basis][value=school]');
		await page.click('button:has-text("Continue")');
		await page.waitForURL('**/vote/ballot');
		expect(await page.locator('.ranked button').count()).toBe(0); // no script, no move buttons

		// Two projects on one rank: the server says so and shows them one after the other.
		await page.selectOption('select[name="rank:P01"]', '1');
		await page.selectOption('select[name="rank:P02"]', '1');
		await page.click('button:has-text("Review my ballot") >> nth=-1');
		await expect.poll(() => page.locator('#ballot-problems').textContent()).toContain('Two projects have rank 1');
		expect(await page.locator('select[name="rank:P01"]').inputValue()).toBe('1');
		expect(await page.locator('select[name="rank:P02"]').inputValue()).toBe('2');

		// A category chip filters without losing the ranks (it posts to the edit action).
		await page.click('button.chip:has-text("Parks")');
		expect(await page.locator('select[name="rank:P01"]').inputValue()).toBe('1');
		expect(await page.locator('select[name="rank:P02"]').isVisible()).toBe(false);
		await page.click('button.chip:has-text("All")');
		expect(await page.locator('select[name="rank:P02"]').inputValue()).toBe('2');
		await page.click('button:has-text("Review my ballot") >> nth=-1');
		await page.getByRole('heading', { name: 'Check your ballot' }).waitFor();
		await page.click('button:has-text("Submit my vote")');
		await page.waitForURL('**/vote/receipt');
		const receipt = (await page.getByTestId('receipt').textContent())!.trim();

		await page.click('a:has-text("Change my vote")');
		await page.selectOption('select[name="rank:P02"]', '1');
		await page.selectOption('select[name="rank:P01"]', '2');
		await page.click('button:has-text("Review my ballot") >> nth=-1');
		await page.click('button:has-text("Submit my vote")');
		await page.waitForURL('**/vote/receipt');
		expect((await page.getByTestId('receipt').textContent())!.trim()).toBe(receipt);
		const listed = await page.getByTestId('my-ballot').locator('li span[lang]').allTextContents();
		expect(listed).toEqual(['Free Wi-Fi at six community centres', 'Lights for the Franklin Park skate spot']);
		await context.close();
	});

	it('refuses a wrong access code with a clear message', async () => {
		const { context, page } = await newPage(browser, { javaScriptEnabled: false });
		await page.goto(voteUrl());
		await page.fill('#code', 'NOPE-NOPE-NOPE-NOPE');
		await page.fill('#birthDate', BIRTH_DATE);
		await page.check('input[name=basis][value=live]');
		await page.click('button:has-text("Continue")');
		expect(await page.getByRole('alert').textContent()).toContain('does not work');
		await context.close();
	});
});

describe('Arabic, right to left', () => {
	it('sets dir="rtl" and the vote still works', async () => {
		const { context, page } = await newPage(browser, { width: 360 });
		await page.goto(`${voteUrl()}?lang=ar`);
		expect(await page.getAttribute('html', 'dir')).toBe('rtl');
		expect(await page.getAttribute('html', 'lang')).toBe('ar');
		await screenshot(page, 'vote-start-ar-360');
		await page.fill('#code', codes[2]!);
		await page.fill('#birthDate', BIRTH_DATE);
		await page.check('input[name=basis][value=live]');
		await page.click('form button[type=submit]');
		await page.waitForURL('**/vote/ballot');
		expect(await page.getAttribute('html', 'dir')).toBe('rtl'); // the choice is kept by cookie
		await page.selectOption('select[name="rank:P04"]', '1');
		await page.selectOption('select[name="rank:P10"]', '2');
		expect(await rankedTitles(page)).toEqual(['تجديد ملاعب كرة السلة في رونان بارك', 'مسارات دراجات محمية في شارع بلو هيل']);
		await screenshot(page, 'ballot-ar-360');
		await page.click('button:has-text("مراجعة ورقتي") >> nth=-1');
		await page.click('button:has-text("أرسل صوتي")');
		await page.waitForURL('**/vote/receipt');
		expect(await page.getByTestId('receipt').textContent()).toBeTruthy();
		await screenshot(page, 'receipt-ar-360');
		await context.close();
	});
});

/** Drags the first entry of "Your ranking" by its handle onto the third, with a mouse or a finger. */
async function dragFirstOntoThird(page: Page, pointer: 'mouse' | 'touch') {
	const handle = await page.locator('.ranked li').nth(0).locator('.handle').boundingBox();
	const target = await page.locator('.ranked li').nth(2).boundingBox();
	const from = { x: handle!.x + handle!.width / 2, y: handle!.y + handle!.height / 2 };
	const to = { x: from.x, y: target!.y + target!.height / 2 };
	const steps = Array.from({ length: 8 }, (_, i) => ({ x: from.x, y: from.y + ((to.y - from.y) * (i + 1)) / 8 }));
	if (pointer === 'mouse') {
		await page.mouse.move(from.x, from.y);
		await page.mouse.down();
		for (const p of steps) await page.mouse.move(p.x, p.y);
		await page.mouse.up();
		return;
	}
	// Real touch events (what a phone sends), through the DevTools protocol.
	const cdp = await page.context().newCDPSession(page);
	const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', p?: { x: number; y: number }) =>
		cdp.send('Input.dispatchTouchEvent', { type, touchPoints: p ? [{ ...p, id: 1 }] : [] });
	await touch('touchStart', from);
	for (const p of steps) await touch('touchMove', p);
	await touch('touchEnd');
}

describe('ranking by dragging', () => {
	for (const pointer of ['mouse', 'touch'] as const) {
		it(`moves an entry with the ${pointer}, without scrolling the page away`, async () => {
			const [code] = await newCodes(1, `journey.test drag ${pointer}`);
			const touch = pointer === 'touch';
			const context = await browser.newContext({
				viewport: { width: touch ? 360 : 1280, height: 800 },
				hasTouch: touch,
				isMobile: touch
			});
			const page = await context.newPage();
			await checkIn(page, inject('baseUrl'), code!);
			await page.selectOption('select[name="rank:P03"]', '1');
			await page.selectOption('select[name="rank:P07"]', '2');
			await page.selectOption('select[name="rank:P05"]', '3');
			await expect.poll(() => rankedTitles(page)).toHaveLength(3);
			await page.locator('.ranked li').nth(2).scrollIntoViewIfNeeded();
			const scrolled = await page.evaluate(() => scrollY);
			await dragFirstOntoThird(page, pointer);
			await expect.poll(() => rankedTitles(page)).toEqual([
				'Solar charging benches',
				'Youth murals on 8 underpasses',
				'Water bottle filling stations in 10 high schools'
			]);
			expect(await page.evaluate(() => scrollY)).toBe(scrolled);
			// The selects follow the new order: the form still sends what the voter sees.
			expect(await page.locator('select[name="rank:P03"]').inputValue()).toBe('3');
			await context.close();
		});
	}
});

const WIDTHS = [360, 1280] as const;
const LANGS = ['en', 'ar'] as const;

/** Every main page in English and Arabic, phone and desktop: no axe violations, a screenshot each. */
async function auditPage(page: Page, name: string, lang: string, width: number) {
	expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
	expect(await axeViolations(page), `${name} (${lang}, ${width})`).toEqual([]);
	await screenshot(page, `${name}-${lang}-${width}`);
}

describe('accessibility of the voting pages', () => {
	it('home, projects, ballot and receipt pass axe in English and Arabic at 360 and 1280 px', async () => {
		let next = 6;
		for (const lang of LANGS) {
			for (const width of WIDTHS) {
				const { context, page } = await newPage(browser, { width });
				await page.goto(`${inject('baseUrl')}/?lang=${lang}`);
				await auditPage(page, 'home', lang, width);
				await page.goto(`${inject('baseUrl')}/cycles/${SLUG}/projects`);
				await auditPage(page, 'projects', lang, width);
				await checkIn(page, inject('baseUrl'), codes[next++]!, lang);
				await page.selectOption('select[name="rank:P06"]', '1');
				await page.selectOption('select[name="rank:P08"]', '2');
				await auditPage(page, 'ballot', lang, width);
				await page.click('form[action="?/review"] button[type=submit] >> nth=-1');
				await page.locator('form[action="?/submit"]').waitFor();
				await auditPage(page, 'review', lang, width);
				await page.click('form[action="?/submit"] button[type=submit] >> nth=0');
				await page.waitForURL('**/vote/receipt');
				await auditPage(page, 'receipt', lang, width);
				await context.close();
			}
		}
	});
});

async function staffLogin(page: Page) {
	await page.goto(`${inject('baseUrl')}/staff/login`);
	await page.fill('#email', inject('adminEmail'));
	await page.fill('#password', inject('adminPassword'));
	await page.click('form button[type=submit]');
	await page.waitForURL(`${inject('baseUrl')}/staff`, { timeout: 15_000 }).catch(async (err: Error) => {
		throw new Error(`sign-in did not reach /staff (at ${page.url()}): ${await page.textContent('main')}`, { cause: err });
	});
}

describe('polling site: kiosk and paper ballots', () => {
	const cookieNames = async (context: BrowserContext) => (await context.cookies()).map((c) => c.name);

	it('a poll worker opens a kiosk: the device loses the staff sign-in, walk-ins check in and vote, closing leads to sign-in', async () => {
		const { context, page } = await newPage(browser, { width: 1280 });
		await staffLogin(page);
		const base = `${inject('baseUrl')}/staff/cycles/${SLUG}`;
		await page.goto(`${base}/kiosk`);
		await page.fill('#site-name', 'Dudley Branch Library');
		await page.click('form[action="?/site"] button');
		await page.locator('form[action="?/open"] button').first().click();
		await page.waitForURL(/\/kiosk\/[0-9a-f-]+$/);
		const kioskUrl = page.url();
		expect(await page.textContent('main')).toContain('Kiosk at Dudley Branch Library');
		expect(await axeViolations(page)).toEqual([]);
		await screenshot(page, 'staff-kiosk-en-1280');

		// The device swapped credentials: the kiosk's token, no staff session.
		expect(await cookieNames(context)).toContain('allot_kiosk');
		expect(await cookieNames(context)).not.toContain('allot_session');
		// A walk-in left alone at the screen cannot reach the staff console…
		for (const path of ['/staff', `/staff/cycles/${SLUG}/paper`, `/staff/cycles/${SLUG}/kiosk`]) {
			await page.goto(`${inject('baseUrl')}${path}`);
			await page.waitForURL('**/staff/login**');
		}
		expect(await page.textContent('main')).toContain('This device is a voting kiosk');
		// …and the kiosk's own credential is refused by the API outside its session.
		const kioskCookie = (await context.cookies()).find((c) => c.name === 'allot_kiosk')!;
		const kioskToken = decodeURIComponent(kioskCookie.value).split('/')[2]!;
		for (const path of ['/auth/me', `/cycles/${SLUG}/turnout`, `/cycles/${SLUG}/polling-sites`]) {
			const res = await fetch(`${inject('baseUrl')}/api${path}`, { headers: { authorization: `Bearer ${kioskToken}` } });
			expect(res.status, path).toBe(403);
		}
		await page.click('a:has-text("Back to the kiosk")');
		await page.waitForURL(kioskUrl);

		// The poll worker checks a walk-in in on the kiosk; the walk-in votes.
		await page.fill('#birthDate', BIRTH_DATE);
		await page.check('input[name=basis] >> nth=0');
		await page.check('input[name=attest]');
		await page.click('form[action="?/checkin"] button');
		await page.waitForURL('**/vote/ballot');
		expect(await page.locator('main.kiosk').count()).toBe(1); // large targets, no site menu
		const height = await page.locator('main.kiosk button[type=submit]').last().evaluate((b) => b.getBoundingClientRect().height);
		expect(height).toBeGreaterThanOrEqual(50);
		await page.selectOption('select[name="rank:P11"]', '1');
		await page.click('form[action="?/review"] button[type=submit] >> nth=-1');
		await page.click('form[action="?/submit"] button[type=submit] >> nth=0');
		await page.waitForURL('**/vote/receipt');
		await page.click('form[action="?/done"] button');
		await page.waitForURL(/\/kiosk\/[0-9a-f-]+\?voted$/);
		expect(await page.getByRole('status').first().textContent()).toContain('Ready for the next voter');

		// Closing the kiosk signs the device out of everything and leads to the staff sign-in.
		await page.click('#close-kiosk button');
		await page.waitForURL('**/staff/login?kiosk=closed**');
		expect(await page.getByRole('status').first().textContent()).toContain('The kiosk is closed');
		expect(await cookieNames(context)).not.toContain('allot_kiosk');
		expect(await cookieNames(context)).not.toContain('allot_voter');
		expect((await fetch(`${inject('baseUrl')}/api/auth/me`, { headers: { authorization: `Bearer ${kioskToken}` } })).status).toBe(401);
		await page.goto(kioskUrl);
		await page.waitForURL('**/staff/login**');

		// The poll worker signs in again and is back at the kiosk page; a second kiosk on this
		// device ends when someone signs staff in on it.
		await page.fill('#email', inject('adminEmail'));
		await page.fill('#password', inject('adminPassword'));
		await page.click('form button[type=submit]');
		await page.waitForURL(`${base}/kiosk`);
		await page.locator('form[action="?/open"] button').first().click();
		await page.waitForURL(/\/kiosk\/[0-9a-f-]+$/);
		await staffLogin(page);
		expect(await cookieNames(context)).not.toContain('allot_kiosk');
		await context.close();
	});

	it('paper ballots are typed in on a staff device, in a session for their polling site', async () => {
		const { context, page } = await newPage(browser, { width: 1280 });
		await staffLogin(page);
		await page.goto(`${inject('baseUrl')}/staff/cycles/${SLUG}/paper`);
		await page.click('form[action="?/start"] button:has-text("Dudley Branch Library")');
		await page.getByText('Entering paper ballots from Dudley Branch Library').waitFor();
		await page.fill('#birthDate', BIRTH_DATE);
		await page.selectOption('select[name="rank:P02"]', '1');
		await page.selectOption('select[name="rank:P12"]', '2');
		await page.click('form[action="?/save"] button');
		await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Receipt tracker');
		await page.click('form[action="?/finish"] button');
		await page.locator('form[action="?/start"]').first().waitFor();
		await context.close();
	});
});

describe('staff: close the vote, compare two rules, publish', () => {
	it('an admin opens voting, prints codes, closes, previews two rules and publishes', async () => {
		const { context, page } = await newPage(browser);
		const base = inject('baseUrl');
		await page.goto(`${base}/staff`);
		await page.waitForURL('**/staff/login**');
		await staffLogin(page);
		expect(await page.textContent('main')).toContain('Youth Lead the Change 2027');
		for (const lang of LANGS) {
			for (const width of WIDTHS) {
				await page.setViewportSize({ width, height: 900 });
				await page.goto(`${base}/staff?lang=${lang}`);
				await auditPage(page, 'staff-dashboard', lang, width);
			}
		}
		await page.setViewportSize({ width: 1280, height: 900 });
		await page.goto(`${base}/staff/cycles/${SLUG}?lang=en`);

		if ((await phaseOf()) !== 'voting') {
			await page.selectOption('#phase', 'voting');
			await page.click('form[action="?/phase"] button');
			await expect.poll(() => phaseOf()).toBe('voting');
		}
		await page.goto(`${base}/staff/cycles/${SLUG}/codes`);
		await page.fill('#label', 'Madison Park HS, room 204');
		await page.fill('#count', '3');
		await page.click('form[action="?/generate"] button');
		await page.getByTestId('codes').waitFor();
		const printed = await page.getByTestId('codes').locator('.code').allTextContents();
		expect(printed).toHaveLength(3);
		await screenshot(page, 'staff-codes-sheet-en-1280');

		// One printed code is used to vote, so the sheet is known to work.
		const voter = await newPage(browser, { width: 360 });
		await checkIn(voter.page, base, printed[0]!);
		await voter.page.selectOption('select[name="rank:P09"]', '1');
		await voter.page.click('form[action="?/review"] button[type=submit] >> nth=-1');
		await voter.page.click('form[action="?/submit"] button[type=submit] >> nth=0');
		await voter.page.waitForURL('**/vote/receipt');
		await voter.context.close();

		await page.goto(`${base}/staff/cycles/${SLUG}`);
		await page.selectOption('#phase', 'tallying');
		await page.click('form[action="?/phase"] button');
		await expect.poll(() => phaseOf()).toBe('tallying');

		await page.goto(`${base}/staff/cycles/${SLUG}/results`);
		expect(await page.locator('input[name=params]:checked').count()).toBe(2);
		await page.click('form[action="?/compare"] button');
		const table = page.getByTestId('comparison');
		await table.waitFor();
		expect(await table.locator('thead th').count()).toBe(4); // project, cost, two rules
		await screenshot(page, 'staff-results-en-1280');
		await page.click('form[action="?/publish"] button >> nth=0');
		await page.waitForURL(`**/cycles/${SLUG}/results`);
		await expect.poll(() => phaseOf()).toBe('results');
		await context.close();
	});
});

describe('public results dashboard', () => {
	it('shows the funded projects with reasons, the chart beside its table, and the open data', async () => {
		for (const lang of LANGS) {
			for (const width of WIDTHS) {
				const { context, page } = await newPage(browser, { width });
				await page.goto(`${inject('baseUrl')}/cycles/${SLUG}/results?lang=${lang}`);
				const funded = page.getByTestId('funded').locator('li');
				expect(await funded.count()).toBeGreaterThan(0);
				expect(await page.getByTestId('scores-table').locator('tbody tr').count()).toBe(12);
				const canvas = page.locator('canvas').first();
				await expect.poll(async () => (await canvas.boundingBox())?.height ?? 0).toBeGreaterThan(100);
				expect(await page.locator('a[href$="/export.pb"]').count()).toBe(1);
				expect(await page.locator('a[href$="/results.csv"]').count()).toBe(1);
				expect(await page.getByTestId('how-rule').textContent()).toBeTruthy();
				await auditPage(page, 'results', lang, width);
				await context.close();
			}
		}
	});
});
