import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import {
	adminToken,
	bearer,
	createCycle,
	createProposal,
	expectNoChange,
	expectProblem,
	reviewProposal,
	setPhase,
	staffToken,
	submitIdea
} from '../helpers/factories.ts';

let t: TestContext;
let slug: string;
beforeAll(async () => {
	t = await createTestApp();
	slug = (await createCycle(t)).slug;
	await setPhase(t, slug, 'ideas');
});
afterAll(() => t.close());

const send = async (method: 'POST' | 'PATCH', url: string, payload: object, token?: string) =>
	t.app.inject({
		method,
		url: `/api/cycles/${slug}${url}`,
		headers: bearer(token ?? (await adminToken(t))),
		payload
	});
const get = (url: string, token?: string) =>
	t.app.inject({
		method: 'GET',
		url: `/api/cycles/${slug}${url}`,
		headers: token ? bearer(token) : {}
	});

async function twoIdeas() {
	const a = await submitIdea(t, slug, { title: 'Lights in Franklin Park' });
	const b = await submitIdea(t, slug, { title: 'Lights in Ronan Park' });
	return [a.id, b.id] as string[];
}

describe('POST /api/cycles/:slug/proposals', () => {
	it('merges ideas into a proposal; each idea points to it', async () => {
		const reviewer = await staffToken(t, 'reviewer');
		const ideaIds = await twoIdeas();
		const res = await send(
			'POST',
			'/proposals',
			{ title: 'Light up two parks', description: 'LED lights', ideaIds, category: 'parks' },
			reviewer.token
		);
		expect(res.statusCode).toBe(201);
		expect(res.json()).toMatchObject({
			title: 'Light up two parks',
			category: 'parks',
			feasibility: 'pending',
			feasibilityReason: null,
			costEstimateCents: null,
			ideaIds: [...ideaIds].sort(),
			projectId: null,
			reviewerId: null,
			notes: ''
		});
		for (const id of ideaIds)
			expect((await get(`/ideas/${id}`)).json().proposalId).toBe(res.json().id);
	});

	it('refuses ideas already merged (409 IDEA_ALREADY_MERGED) or unknown (400), writing nothing', async () => {
		const ideaIds = await twoIdeas();
		await createProposal(t, slug, [ideaIds[0]!]);
		await expectNoChange(t, async () => {
			const merged = await send('POST', '/proposals', {
				title: 'Again',
				description: 'd',
				ideaIds
			});
			expectProblem(merged, 409, 'IDEA_ALREADY_MERGED');
			expect(merged.json().ideaIds).toEqual([ideaIds[0]]);
			const unknown = await send('POST', '/proposals', {
				title: 'Ghost',
				description: 'd',
				ideaIds: [crypto.randomUUID()]
			});
			expectProblem(unknown, 400, 'VALIDATION_FAILED');
			expectProblem(
				await send('POST', '/proposals', { title: 'None', description: 'd', ideaIds: [] }),
				400,
				'VALIDATION_FAILED'
			);
			const twice = await send('POST', '/proposals', {
				title: 'Twice',
				description: 'd',
				ideaIds: [ideaIds[1], ideaIds[1]]
			});
			expectProblem(twice, 400, 'VALIDATION_FAILED');
		});
	});

	it('refuses moderators (403), guests (401) and closed phases (409 PHASE_CLOSED), writing nothing', async () => {
		const ideaIds = await twoIdeas();
		const moderator = await staffToken(t, 'moderator');
		const draft = await createCycle(t);
		const body = { title: 'Merge', description: 'd', ideaIds };
		await expectNoChange(t, async () => {
			expectProblem(await send('POST', '/proposals', body, moderator.token), 403, 'FORBIDDEN');
			const anonymous = await t.app.inject({
				method: 'POST',
				url: `/api/cycles/${slug}/proposals`,
				payload: body
			});
			expectProblem(anonymous, 401, 'UNAUTHENTICATED');
			const closed = await t.app.inject({
				method: 'POST',
				url: `/api/cycles/${draft.slug}/proposals`,
				headers: bearer(await adminToken(t)),
				payload: body
			});
			expectProblem(closed, 409, 'PHASE_CLOSED');
		});
	});
});

describe('reviewing proposals', () => {
	it('lets the admin assign a reviewer, and only that reviewer (or an admin) decide', async () => {
		const proposal = await createProposal(t, slug, await twoIdeas());
		const alice = await staffToken(t, 'reviewer');
		const bob = await staffToken(t, 'reviewer');
		const assigned = await send('POST', `/proposals/${proposal.id}/assign`, {
			reviewerId: alice.id
		});
		expect(assigned.json().reviewerId).toBe(alice.id);
		const decision = {
			feasibility: 'feasible',
			costEstimateCents: 120_000_00,
			notes: 'Parks dept. quote'
		};
		await expectNoChange(t, async () =>
			expectProblem(
				await send('POST', `/proposals/${proposal.id}/review`, decision, bob.token),
				403,
				'FORBIDDEN'
			)
		);
		const reviewed = await send('POST', `/proposals/${proposal.id}/review`, decision, alice.token);
		expect(reviewed.json()).toMatchObject({
			feasibility: 'feasible',
			costEstimateCents: 120_000_00,
			notes: 'Parks dept. quote'
		});
	});

	it('refuses to assign a moderator or an unknown account, and lets only admins assign', async () => {
		const proposal = await createProposal(t, slug, await twoIdeas());
		const moderator = await staffToken(t, 'moderator');
		const reviewer = await staffToken(t, 'reviewer');
		await expectNoChange(t, async () => {
			expectProblem(
				await send('POST', `/proposals/${proposal.id}/assign`, { reviewerId: moderator.id }),
				400,
				'VALIDATION_FAILED'
			);
			expectProblem(
				await send('POST', `/proposals/${proposal.id}/assign`, { reviewerId: crypto.randomUUID() }),
				400,
				'VALIDATION_FAILED'
			);
			expectProblem(
				await send(
					'POST',
					`/proposals/${proposal.id}/assign`,
					{ reviewerId: reviewer.id },
					reviewer.token
				),
				403,
				'FORBIDDEN'
			);
			expectProblem(
				await send('POST', `/proposals/${crypto.randomUUID()}/assign`, { reviewerId: null }),
				404,
				'NOT_FOUND'
			);
		});
	});

	it('publishes why a proposal is infeasible, and keeps notes and reviewer internal', async () => {
		const proposal = await createProposal(t, slug, await twoIdeas(), {
			title: 'A new subway line'
		});
		await reviewProposal(t, slug, proposal.id, {
			feasibility: 'infeasible',
			reason: 'Costs far more than the pot',
			notes: 'MBTA said no'
		});
		const items = (await get('/proposals?feasibility=infeasible')).json().items;
		const publicView = items.find((p: { id: string }) => p.id === proposal.id);
		expect(publicView).toMatchObject({
			feasibility: 'infeasible',
			feasibilityReason: 'Costs far more than the pot'
		});
		expect(publicView).not.toHaveProperty('notes');
		expect(publicView).not.toHaveProperty('reviewerId');
		expect(items.every((p: { feasibility: string }) => p.feasibility === 'infeasible')).toBe(true);
		const staffView = (await get(`/proposals/${proposal.id}`, await adminToken(t))).json();
		expect(staffView.notes).toBe('MBTA said no');
	});

	it('refuses an infeasible decision without a reason and a feasible one without a cost', async () => {
		const proposal = await createProposal(t, slug, await twoIdeas());
		await expectNoChange(t, async () => {
			expectProblem(
				await send('POST', `/proposals/${proposal.id}/review`, { feasibility: 'infeasible' }),
				400,
				'VALIDATION_FAILED'
			);
			expectProblem(
				await send('POST', `/proposals/${proposal.id}/review`, { feasibility: 'feasible' }),
				400,
				'VALIDATION_FAILED'
			);
			expectProblem(
				await send('POST', `/proposals/${proposal.id}/review`, { feasibility: 'maybe' }),
				400,
				'VALIDATION_FAILED'
			);
		});
	});

	it('edits texts and labels (PATCH), refusing labels the cycle does not list', async () => {
		const proposal = await createProposal(t, slug, await twoIdeas());
		const res = await send('PATCH', `/proposals/${proposal.id}`, {
			title: 'Brighter parks',
			neighborhood: 'Roxbury'
		});
		expect(res.json()).toMatchObject({ title: 'Brighter parks', neighborhood: 'Roxbury' });
		await expectNoChange(t, async () => {
			expectProblem(
				await send('PATCH', `/proposals/${proposal.id}`, { category: 'space' }),
				400,
				'VALIDATION_FAILED'
			);
			expectProblem(
				await send('PATCH', `/proposals/${crypto.randomUUID()}`, { title: 'Nobody' }),
				404,
				'NOT_FOUND'
			);
		});
	});
});

describe('POST /api/cycles/:slug/proposals/:id/promote', () => {
	it('puts a feasible proposal on the ballot at its estimate, once', async () => {
		const proposal = await createProposal(t, slug, await twoIdeas(), { category: 'parks' });
		await reviewProposal(t, slug, proposal.id, {
			feasibility: 'feasible',
			costEstimateCents: 95_000_00
		});
		const res = await send('POST', `/proposals/${proposal.id}/promote`, {
			summary: 'Lights in two parks'
		});
		expect(res.statusCode).toBe(201);
		expect(res.json()).toMatchObject({
			title: proposal.title,
			summary: 'Lights in two parks',
			costCents: 95_000_00,
			category: 'parks',
			proposalId: proposal.id
		});
		expect((await get(`/proposals/${proposal.id}`)).json().projectId).toBe(res.json().id);
		await expectNoChange(t, async () => {
			expectProblem(
				await send('POST', `/proposals/${proposal.id}/promote`, {}),
				409,
				'ALREADY_PROMOTED'
			);
			const review = await send('POST', `/proposals/${proposal.id}/review`, {
				feasibility: 'pending'
			});
			expectProblem(review, 409, 'ALREADY_PROMOTED');
		});
	});

	it('refuses pending and infeasible proposals (409 PROPOSAL_NOT_FEASIBLE) and reviewers (403)', async () => {
		const pending = await createProposal(t, slug, await twoIdeas());
		const infeasible = await createProposal(t, slug, await twoIdeas());
		await reviewProposal(t, slug, infeasible.id, {
			feasibility: 'infeasible',
			reason: 'Not city land'
		});
		const reviewer = await staffToken(t, 'reviewer');
		await expectNoChange(t, async () => {
			expectProblem(
				await send('POST', `/proposals/${pending.id}/promote`, {}),
				409,
				'PROPOSAL_NOT_FEASIBLE'
			);
			expectProblem(
				await send('POST', `/proposals/${infeasible.id}/promote`, {}),
				409,
				'PROPOSAL_NOT_FEASIBLE'
			);
			expectProblem(
				await send('POST', `/proposals/${pending.id}/promote`, {}, reviewer.token),
				403,
				'FORBIDDEN'
			);
		});
	});

	it('refuses changes to proposals once voting opened (409 PHASE_CLOSED)', async () => {
		const other = (await createCycle(t)).slug;
		await setPhase(t, other, 'ideas');
		const idea = await submitIdea(t, other);
		const proposal = await createProposal(t, other, [idea.id]);
		await reviewProposal(t, other, proposal.id, {
			feasibility: 'feasible',
			costEstimateCents: 10_000_00
		});
		const admin = await adminToken(t);
		const call = (url: string, payload: object) =>
			t.app.inject({
				method: 'POST',
				url: `/api/cycles/${other}/proposals/${proposal.id}${url}`,
				headers: bearer(admin),
				payload
			});
		expect((await call('/promote', {})).statusCode).toBe(201);
		await setPhase(t, other, 'voting');
		await expectNoChange(t, async () => {
			expectProblem(await call('/review', { feasibility: 'pending' }), 409, 'PHASE_CLOSED');
			expectProblem(await call('/assign', { reviewerId: null }), 409, 'PHASE_CLOSED');
		});
	});
});
