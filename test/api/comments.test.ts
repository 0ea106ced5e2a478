import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import {
	adminToken,
	bearer,
	createCycle,
	createProposal,
	expectNoChange,
	expectProblem,
	freshIp,
	setPhase,
	staffToken,
	submitIdea
} from '../helpers/factories.ts';

let t: TestContext;
let slug: string;
let ideaId: string;
beforeAll(async () => {
	t = await createTestApp();
	slug = (await createCycle(t)).slug;
	await setPhase(t, slug, 'ideas');
	ideaId = (await submitIdea(t, slug)).id;
});
afterAll(() => t.close());

const comment = (target: string, payload: object, cycle = slug, token?: string) =>
	t.app.inject({
		method: 'POST',
		url: `/api/cycles/${cycle}/${target}/comments`,
		headers: token ? bearer(token) : {},
		payload,
		remoteAddress: freshIp()
	});
const comments = (target: string, token?: string) =>
	t.app.inject({
		method: 'GET',
		url: `/api/cycles/${slug}/${target}/comments`,
		headers: token ? bearer(token) : {}
	});
const moderate = (id: string, action: 'hide' | 'restore', token: string, payload?: object) =>
	t.app.inject({
		method: 'POST',
		url: `/api/cycles/${slug}/comments/${id}/${action}`,
		headers: bearer(token),
		payload
	});

describe('comments on ideas and proposals', () => {
	it('takes comments from guests, with or without a name, oldest first', async () => {
		const first = await comment(`ideas/${ideaId}`, { body: 'Yes please!', authorName: 'Maya' });
		expect(first.statusCode).toBe(201);
		expect(first.json()).toMatchObject({
			targetType: 'idea',
			targetId: ideaId,
			authorName: 'Maya',
			hidden: false
		});
		t.clock.advance(1000);
		expect(
			(await comment(`ideas/${ideaId}`, { body: 'Also near the library' })).json().authorName
		).toBeNull();
		const list = (await comments(`ideas/${ideaId}`)).json().items;
		expect(list.map((c: { body: string }) => c.body)).toEqual([
			'Yes please!',
			'Also near the library'
		]);
	});

	it('takes comments on proposals during development', async () => {
		const proposal = await createProposal(t, slug, [(await submitIdea(t, slug)).id]);
		await setPhase(t, slug, 'development');
		try {
			const res = await comment(`proposals/${proposal.id}`, { body: 'Which parks?' });
			expect(res.statusCode).toBe(201);
			expect((await comments(`proposals/${proposal.id}`)).json().items).toHaveLength(1);
		} finally {
			await setPhase(t, slug, 'ideas');
		}
	});

	it("refuses unknown targets (404), empty bodies (400), closed phases (409) and other cycles' voters (403)", async () => {
		const draft = await createCycle(t);
		const voter = t.app.jwt.sign({
			sub: 'v',
			kind: 'voter',
			cycle: crypto.randomUUID(),
			channel: 'online'
		});
		await expectNoChange(t, async () => {
			expectProblem(
				await comment(`ideas/${crypto.randomUUID()}`, { body: 'hi' }),
				404,
				'NOT_FOUND'
			);
			expectProblem(
				await comment(`proposals/${crypto.randomUUID()}`, { body: 'hi' }),
				404,
				'NOT_FOUND'
			);
			expectProblem(await comment(`ideas/${ideaId}`, { body: '   ' }), 400, 'VALIDATION_FAILED');
			expectProblem(
				await comment(`ideas/${ideaId}`, { body: 'x'.repeat(2001) }),
				400,
				'VALIDATION_FAILED'
			);
			expectProblem(
				await comment(`ideas/${ideaId}`, { body: 'hi' }, draft.slug),
				409,
				'PHASE_CLOSED'
			);
			expectProblem(
				await comment(`ideas/${ideaId}`, { body: 'hi' }, slug, voter),
				403,
				'FORBIDDEN'
			);
		});
		const voting = await createCycle(t);
		await setPhase(t, voting.slug, 'ideas');
		const idea = await submitIdea(t, voting.slug);
		await t.app.inject({
			method: 'POST',
			url: `/api/cycles/${voting.slug}/projects`,
			headers: bearer(await adminToken(t)),
			payload: { title: 'P', description: 'd', costCents: 1 }
		});
		await setPhase(t, voting.slug, 'voting');
		await expectNoChange(t, async () =>
			expectProblem(
				await comment(`ideas/${idea.id}`, { body: 'late' }, voting.slug),
				409,
				'PHASE_CLOSED'
			)
		);
	});

	it('lets moderators hide a comment with a public reason and restore it', async () => {
		const moderator = await staffToken(t, 'moderator');
		const { id } = (
			await comment(`ideas/${ideaId}`, { body: 'rude words', authorName: 'troll' })
		).json();
		const hidden = await moderate(id, 'hide', moderator.token, { reason: 'insults' });
		expect(hidden.json()).toMatchObject({
			hidden: true,
			hiddenReason: 'insults',
			body: 'rude words'
		});
		const publicView = (await comments(`ideas/${ideaId}`))
			.json()
			.items.find((c: { id: string }) => c.id === id);
		expect(publicView).toMatchObject({
			body: 'hidden by moderators: insults',
			authorName: null,
			hidden: true
		});
		const modView = (await comments(`ideas/${ideaId}`, moderator.token))
			.json()
			.items.find((c: { id: string }) => c.id === id);
		expect(modView.body).toBe('rude words');
		expect((await moderate(id, 'restore', moderator.token)).json()).toMatchObject({
			hidden: false,
			body: 'rude words'
		});
	});

	it('refuses moderation by reviewers (403), guests (401), of unknown comments (404), writing nothing', async () => {
		const { id } = (await comment(`ideas/${ideaId}`, { body: 'fine' })).json();
		const reviewer = await staffToken(t, 'reviewer');
		await expectNoChange(t, async () => {
			expectProblem(
				await moderate(id, 'hide', reviewer.token, { reason: 'nope' }),
				403,
				'FORBIDDEN'
			);
			const anonymous = await t.app.inject({
				method: 'POST',
				url: `/api/cycles/${slug}/comments/${id}/restore`
			});
			expectProblem(anonymous, 401, 'UNAUTHENTICATED');
			expectProblem(
				await moderate(crypto.randomUUID(), 'hide', await adminToken(t), { reason: 'gone' }),
				404,
				'NOT_FOUND'
			);
			expectProblem(
				await moderate(id, 'hide', await adminToken(t), { reason: '' }),
				400,
				'VALIDATION_FAILED'
			);
		});
	});
});
