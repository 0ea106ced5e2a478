import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../api/src/modules/audit/audit.repo.ts';
import { findCycleBySlug } from '../../api/src/modules/cycles/cycles.repo.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import {
	adminToken,
	bearer,
	createCycle,
	expectNoChange,
	expectProblem,
	freshIp,
	setPhase,
	staffToken,
	submitIdea
} from '../helpers/factories.ts';

let t: TestContext;
let slug: string;
let cycleId: string;
beforeAll(async () => {
	t = await createTestApp();
	slug = (await createCycle(t)).slug;
	await setPhase(t, slug, 'ideas');
	cycleId = (await findCycleBySlug(t.deps.db, slug))!.id;
});
afterAll(() => t.close());

const post = (cycle: string, payload: object, token?: string) =>
	t.app.inject({
		method: 'POST',
		url: `/api/cycles/${cycle}/ideas`,
		headers: token ? bearer(token) : {},
		payload,
		remoteAddress: freshIp()
	});
const get = (url: string, token?: string) =>
	t.app.inject({ method: 'GET', url: `/api${url}`, headers: token ? bearer(token) : {} });
const moderate = (ideaId: string, action: 'hide' | 'restore', token: string, payload?: object) =>
	t.app.inject({
		method: 'POST',
		url: `/api/cycles/${slug}/ideas/${ideaId}/${action}`,
		headers: bearer(token),
		payload
	});
const idea = { title: 'Water fountains in schools', description: 'Cold water for everyone' };

describe('POST /api/cycles/:slug/ideas', () => {
	it('takes an idea from a guest, keeps the contact private and suggests look-alikes', async () => {
		const first = await submitIdea(t, slug, { title: 'Skate park lights in Franklin Park' });
		const res = await post(slug, {
			title: 'More lights at the Franklin Park skate park',
			description: 'So we can skate after school in winter',
			category: 'parks',
			neighborhood: 'Dorchester',
			latitude: 42.3,
			longitude: -71.09,
			ageBracket: '15-17',
			contact: 'teen@example.org'
		});
		expect(res.statusCode).toBe(201);
		const body = res.json();
		expect(body).toMatchObject({
			category: 'parks',
			ageBracket: '15-17',
			hidden: false,
			proposalId: null
		});
		expect(body).not.toHaveProperty('contact');
		expect(body.similar).toEqual([expect.objectContaining({ id: first.id, title: first.title })]);
		expect((await get(`/cycles/${slug}/ideas/${body.id}`)).json()).not.toHaveProperty('contact');
	});

	it('shows the contact to admins and reviewers only', async () => {
		const { id } = await submitIdea(t, slug, { contact: 'reach-me@example.org' });
		const reviewer = await staffToken(t, 'reviewer');
		const moderator = await staffToken(t, 'moderator');
		expect((await get(`/cycles/${slug}/ideas/${id}`, await adminToken(t))).json().contact).toBe(
			'reach-me@example.org'
		);
		expect((await get(`/cycles/${slug}/ideas/${id}`, reviewer.token)).json().contact).toBe(
			'reach-me@example.org'
		);
		expect((await get(`/cycles/${slug}/ideas/${id}`, moderator.token)).json()).not.toHaveProperty(
			'contact'
		);
	});

	it('takes ideas from a voter of this cycle only', async () => {
		const own = t.app.jwt.sign({ sub: 'v1', kind: 'voter', cycle: cycleId, channel: 'online' });
		const other = t.app.jwt.sign({
			sub: 'v2',
			kind: 'voter',
			cycle: crypto.randomUUID(),
			channel: 'online'
		});
		expect((await post(slug, idea, own)).statusCode).toBe(201);
		await expectNoChange(t, async () =>
			expectProblem(await post(slug, idea, other), 403, 'FORBIDDEN')
		);
	});

	it.each([
		['a category the cycle does not list', { category: 'space' }],
		['a neighbourhood the cycle does not list', { neighborhood: 'Atlantis' }],
		['an age bracket not on the list', { ageBracket: '16' }],
		['a latitude without a longitude', { latitude: 42 }],
		['a title too short', { title: 'ok' }],
		['no description', { description: '' }]
	])('refuses %s with 400 VALIDATION_FAILED and writes nothing', async (_name, overrides) => {
		await expectNoChange(t, async () =>
			expectProblem(await post(slug, { ...idea, ...overrides }), 400, 'VALIDATION_FAILED')
		);
	});

	it('limits how many ideas one address may send (429 RATE_LIMITED)', async () => {
		const draft = await createCycle(t);
		const send = () =>
			t.app.inject({
				method: 'POST',
				url: `/api/cycles/${draft.slug}/ideas`,
				payload: idea,
				remoteAddress: '203.0.113.50'
			});
		for (let i = 0; i < 60; i++) expect((await send()).statusCode).toBe(409);
		expectProblem(await send(), 429, 'RATE_LIMITED');
		t.clock.advance(11 * 60_000);
		expect((await send()).statusCode).toBe(409);
	});

	it('refuses ideas outside the ideas phase (409 PHASE_CLOSED) and for unknown cycles (404)', async () => {
		const draft = await createCycle(t);
		await expectNoChange(t, async () => {
			expectProblem(await post(draft.slug, idea), 409, 'PHASE_CLOSED');
			expectProblem(await post('no-such-cycle', idea), 404, 'NOT_FOUND');
		});
	});
});

describe('GET /api/cycles/:slug/ideas', () => {
	let listSlug: string;
	beforeAll(async () => {
		listSlug = (await createCycle(t)).slug;
		await setPhase(t, listSlug, 'ideas');
		await submitIdea(t, listSlug, {
			title: 'Bike lanes on Blue Hill Ave',
			category: 'streets',
			neighborhood: 'Roxbury'
		});
		await submitIdea(t, listSlug, {
			title: 'Murals under the bridge',
			description: 'Paint 100% of the grey walls'
		});
		await submitIdea(t, listSlug, {
			title: 'Shade trees',
			category: 'parks',
			neighborhood: 'Dorchester'
		});
		await submitIdea(t, listSlug, {
			title: 'Laptops to lend',
			category: 'schools',
			neighborhood: 'Roxbury'
		});
	});

	it('pages through ideas, newest first, with the total', async () => {
		const page1 = (await get(`/cycles/${listSlug}/ideas?pageSize=3`)).json();
		expect(page1).toMatchObject({ total: 4, page: 1, pageSize: 3 });
		expect(page1.items).toHaveLength(3);
		const page2 = (await get(`/cycles/${listSlug}/ideas?pageSize=3&page=2`)).json();
		expect(page2.items).toHaveLength(1);
		const all = [...page1.items, ...page2.items].map((i: { title: string }) => i.title);
		expect(new Set(all).size).toBe(4);
	});

	it('searches titles and descriptions, case-insensitively, taking % literally', async () => {
		const titles = async (q: string) =>
			(await get(`/cycles/${listSlug}/ideas?q=${encodeURIComponent(q)}`))
				.json()
				.items.map((i: { title: string }) => i.title);
		expect(await titles('BIKE')).toEqual(['Bike lanes on Blue Hill Ave']);
		expect(await titles('grey walls')).toEqual(['Murals under the bridge']);
		expect(await titles('100%')).toEqual(['Murals under the bridge']);
		expect(await titles('%')).toEqual(['Murals under the bridge']);
		expect(await titles('nothing like this')).toEqual([]);
	});

	it('filters by category and neighbourhood', async () => {
		const titles = async (query: string) =>
			(await get(`/cycles/${listSlug}/ideas?${query}`))
				.json()
				.items.map((i: { title: string }) => i.title);
		expect(await titles('neighborhood=Roxbury&category=schools')).toEqual(['Laptops to lend']);
		expect((await titles('neighborhood=Roxbury')).sort()).toEqual([
			'Bike lanes on Blue Hill Ave',
			'Laptops to lend'
		]);
	});

	it('refuses a bad page size (400) and an unknown cycle (404)', async () => {
		expectProblem(await get(`/cycles/${listSlug}/ideas?pageSize=1000`), 400, 'VALIDATION_FAILED');
		expectProblem(await get(`/cycles/${listSlug}/ideas?page=0`), 400, 'VALIDATION_FAILED');
		expectProblem(await get('/cycles/no-such-cycle/ideas'), 404, 'NOT_FOUND');
	});
});

describe('moderation', () => {
	it('hides an idea with a public reason and restores it, both audited', async () => {
		const moderator = await staffToken(t, 'moderator');
		const { id } = await submitIdea(t, slug, {
			title: 'Buy me a pony',
			description: 'spam spam',
			category: 'parks'
		});
		const hidden = await moderate(id, 'hide', moderator.token, { reason: 'advertising' });
		expect(hidden.statusCode).toBe(200);
		expect(hidden.json()).toMatchObject({
			hidden: true,
			hiddenReason: 'advertising',
			title: 'Buy me a pony'
		});

		const publicView = (await get(`/cycles/${slug}/ideas/${id}`)).json();
		expect(publicView).toMatchObject({
			hidden: true,
			title: 'hidden by moderators: advertising',
			description: 'hidden by moderators: advertising',
			category: null
		});
		const search = (await get(`/cycles/${slug}/ideas?q=pony`)).json();
		expect(search.items).toEqual([]);
		const unfiltered = (await get(`/cycles/${slug}/ideas?pageSize=100`)).json();
		expect(unfiltered.items.find((i: { id: string }) => i.id === id).title).toBe(
			'hidden by moderators: advertising'
		);
		expect((await get(`/cycles/${slug}/ideas?q=pony`, moderator.token)).json().total).toBe(1);

		const restored = await moderate(id, 'restore', moderator.token);
		expect(restored.json()).toMatchObject({ hidden: false, hiddenReason: null });
		expect((await get(`/cycles/${slug}/ideas/${id}`)).json().title).toBe('Buy me a pony');
		const entries = await listAudit(t.deps.db, { cycleId, limit: 5 });
		expect(entries.slice(0, 2).map((e) => e.action)).toEqual(['idea.restore', 'idea.hide']);
	});

	it('refuses non-moderators, unknown ideas and missing reasons, writing nothing', async () => {
		const { id } = await submitIdea(t, slug);
		const reviewer = await staffToken(t, 'reviewer');
		const admin = await adminToken(t);
		await expectNoChange(t, async () => {
			expectProblem(
				await moderate(id, 'hide', reviewer.token, { reason: 'nope' }),
				403,
				'FORBIDDEN'
			);
			const anonymous = await t.app.inject({
				method: 'POST',
				url: `/api/cycles/${slug}/ideas/${id}/hide`,
				payload: { reason: 'x y z' }
			});
			expectProblem(anonymous, 401, 'UNAUTHENTICATED');
			expectProblem(
				await moderate(crypto.randomUUID(), 'hide', admin, { reason: 'gone' }),
				404,
				'NOT_FOUND'
			);
			expectProblem(await moderate(id, 'hide', admin, {}), 400, 'VALIDATION_FAILED');
			expectProblem(
				await moderate('not-a-uuid', 'hide', admin, { reason: 'gone' }),
				400,
				'VALIDATION_FAILED'
			);
		});
	});
});

describe('GET /api/cycles/:slug/ideas/:ideaId/similar', () => {
	it('lists visible ideas with similar titles, not hidden ones, not itself', async () => {
		const similarSlug = (await createCycle(t)).slug;
		await setPhase(t, similarSlug, 'ideas');
		const a = await submitIdea(t, similarSlug, { title: 'Free wifi in the library' });
		const b = await submitIdea(t, similarSlug, { title: 'Free WiFi at the public library' });
		const c = await submitIdea(t, similarSlug, { title: 'Library wifi for free' });
		await submitIdea(t, similarSlug, { title: 'Basketball courts' });
		await t.app.inject({
			method: 'POST',
			url: `/api/cycles/${similarSlug}/ideas/${c.id}/hide`,
			headers: bearer(await adminToken(t)),
			payload: { reason: 'duplicate' }
		});
		const res = await get(`/cycles/${similarSlug}/ideas/${a.id}/similar`);
		expect(res.statusCode).toBe(200);
		expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([b.id]);
		expectProblem(
			await get(`/cycles/${similarSlug}/ideas/${crypto.randomUUID()}/similar`),
			404,
			'NOT_FOUND'
		);
	});
});
