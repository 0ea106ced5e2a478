import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../api/src/modules/audit/audit.repo.ts';
import { findCycleBySlug } from '../../api/src/modules/cycles/cycles.repo.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import {
	bearer,
	changePhase,
	createCycle,
	expectProblem,
	freshIp,
	setPhase,
	staffToken,
	submitIdea
} from '../helpers/factories.ts';

let t: TestContext;
beforeAll(async () => {
	t = await createTestApp();
});
afterAll(() => t.close());

/**
 * One cycle from draft to a ballot ready for voting, the way a city runs it: residents send
 * ideas, staff merge them into proposals, reviewers decide feasibility and cost, admins put the
 * feasible ones on the ballot and open the vote.
 */
describe('a cycle from draft to a ready ballot', () => {
	it('walks every step with the roles that own it', async () => {
		const cycle = await createCycle(t, {
			ballot: { kind: 'approval', maxSelections: 2 },
			allocation: { rule: 'mes' }
		});
		const slug = cycle.slug;
		const reviewer = await staffToken(t, 'reviewer');
		const moderator = await staffToken(t, 'moderator');
		const admin = bearer((await staffToken(t, 'admin')).token);
		const as = (token: string) => bearer(token);
		const call = (
			method: 'POST' | 'GET' | 'PATCH',
			url: string,
			headers: Record<string, string> = admin,
			payload?: object
		) =>
			t.app.inject({
				method,
				url: `/api/cycles/${slug}${url}`,
				headers,
				payload,
				remoteAddress: freshIp()
			});

		// ideas phase: guests submit, one duplicate is flagged, spam is hidden, people comment
		await setPhase(t, slug, 'ideas');
		const skate = await submitIdea(t, slug, {
			title: 'Lights for the skate park',
			category: 'parks',
			contact: 'a@example.org'
		});
		const skate2 = await submitIdea(t, slug, {
			title: 'Skate park lights please',
			category: 'parks'
		});
		expect(skate2.similar.map((s: { id: string }) => s.id)).toEqual([skate.id]);
		const wifi = await submitIdea(t, slug, {
			title: 'Free wifi at the library',
			category: 'schools'
		});
		const subway = await submitIdea(t, slug, {
			title: 'A subway to Mattapan',
			category: 'streets'
		});
		const spam = await submitIdea(t, slug, {
			title: 'Cheap sneakers here',
			description: 'buy now'
		});
		expect(
			(await call('POST', `/ideas/${spam.id}/hide`, as(moderator.token), { reason: 'advertising' }))
				.statusCode
		).toBe(200);
		expect(
			(await call('POST', `/ideas/${skate.id}/comments`, {}, { body: 'Yes!', authorName: 'Jo' }))
				.statusCode
		).toBe(201);

		// proposals: merged by a reviewer, one assigned by the admin
		const merge = async (title: string, ideaIds: string[], category: string) =>
			(
				await call('POST', '/proposals', as(reviewer.token), {
					title,
					description: `${title}.`,
					ideaIds,
					category
				})
			).json();
		const lights = await merge('Light up the skate park', [skate.id, skate2.id], 'parks');
		const library = await merge('Library Wi-Fi', [wifi.id], 'schools');
		const train = await merge('Subway extension', [subway.id], 'streets');
		await call('POST', `/proposals/${lights.id}/assign`, admin, { reviewerId: reviewer.id });

		// development: reviewers decide, with costs and a public reason for the infeasible one
		await setPhase(t, slug, 'development');
		expect(
			(await call('POST', `/proposals/${lights.id}/comments`, {}, { body: 'Which hours?' }))
				.statusCode
		).toBe(201);
		const review = (id: string, body: object, token = reviewer.token) =>
			call('POST', `/proposals/${id}/review`, as(token), body);
		expect(
			(await review(lights.id, { feasibility: 'feasible', costEstimateCents: 180_000_00 }))
				.statusCode
		).toBe(200);
		expect(
			(await review(library.id, { feasibility: 'feasible', costEstimateCents: 150_000_00 }))
				.statusCode
		).toBe(200);

		// voting cannot open while a proposal waits for its decision, nor without projects
		const early = await changePhase(t, slug, 'voting');
		expectProblem(early, 409, 'PHASE_TRANSITION_INVALID');
		expect(early.json().reasons).toEqual([
			'voting needs at least one ballot project',
			'1 proposal(s) still need a feasibility decision'
		]);
		await review(train.id, {
			feasibility: 'infeasible',
			reason: 'Transit is the state’s budget, not the city’s'
		});

		// the admin puts the feasible proposals on the ballot and opens the vote
		for (const p of [lights, library])
			expect((await call('POST', `/proposals/${p.id}/promote`)).statusCode).toBe(201);
		const opened = await setPhase(t, slug, 'voting');
		expect(
			opened.projects.map((p: { id: string; costCents: number }) => [p.id, p.costCents])
		).toEqual([
			['P01', 180_000_00],
			['P02', 150_000_00]
		]);

		// the public sees the ballot and why the subway is not on it; ideas point to their proposal
		const whyNot = (await call('GET', '/proposals?feasibility=infeasible', {})).json().items;
		expect(whyNot).toEqual([
			expect.objectContaining({
				title: 'Subway extension',
				feasibilityReason: 'Transit is the state’s budget, not the city’s'
			})
		]);
		expect((await call('GET', `/ideas/${skate.id}`, {})).json()).toMatchObject({
			proposalId: lights.id
		});
		expect((await call('GET', `/ideas/${skate.id}`, {})).json()).not.toHaveProperty('contact');

		// and every staff step is in the audit log, in order
		const id = (await findCycleBySlug(t.deps.db, slug))!.id;
		const actions = (await listAudit(t.deps.db, { cycleId: id, limit: 100 }))
			.map((e) => e.action)
			.reverse();
		expect(actions).toEqual([
			'cycle.create',
			'cycle.phase',
			'idea.hide',
			'proposal.create',
			'proposal.create',
			'proposal.create',
			'proposal.assign',
			'cycle.phase',
			'proposal.review',
			'proposal.review',
			'proposal.review',
			'project.promote',
			'project.promote',
			'cycle.phase'
		]);
	});
});
