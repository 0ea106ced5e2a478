import { ballots, cycles, ideas, results } from '@allot/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../api/src/modules/audit/audit.repo.ts';
import { findCycleBySlug } from '../../api/src/modules/cycles/cycles.repo.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import {
	addProject,
	adminToken,
	bearer,
	changePhase,
	createCycle,
	expectNoChange,
	expectProblem,
	setPhase,
	staffToken,
	votingCycle
} from '../helpers/factories.ts';

let t: TestContext;
beforeAll(async () => {
	t = await createTestApp();
});
afterAll(() => t.close());

async function cycleId(slug: string) {
	return (await findCycleBySlug(t.deps.db, slug))!.id;
}

/** Stands in for the voting module: one stored ballot. */
async function castBallot(slug: string) {
	const id = await cycleId(slug);
	const n = Math.random().toString(36).slice(2);
	await t.deps.db
		.insert(ballots)
		.values({
			cycleId: id,
			voterKey: n,
			content: { ranking: ['P01'] },
			receipt: n,
			channel: 'online'
		});
}

/** Stands in for the results module: a published outcome. */
async function publishResult(slug: string) {
	await t.deps.db
		.insert(results)
		.values({
			cycleId: await cycleId(slug),
			kind: 'published',
			params: {},
			outcome: {},
			ballotsSha256: '0'
		});
}

describe('POST /api/cycles/:slug/phase', () => {
	it('walks a cycle through every phase, auditing each change', async () => {
		const cycle = await createCycle(t);
		await addProject(t, cycle.slug);
		for (const phase of ['ideas', 'development', 'voting']) {
			expect((await setPhase(t, cycle.slug, phase)).phase).toBe(phase);
		}
		await castBallot(cycle.slug);
		await setPhase(t, cycle.slug, 'tallying');
		await publishResult(cycle.slug);
		for (const phase of ['results', 'implementation', 'archived'])
			await setPhase(t, cycle.slug, phase);
		const entries = await listAudit(t.deps.db, { cycleId: await cycleId(cycle.slug), limit: 50 });
		const moves = entries
			.filter((e) => e.action === 'cycle.phase')
			.map((e) => (e.detail as { to: string }).to);
		expect(moves.reverse()).toEqual([
			'ideas',
			'development',
			'voting',
			'tallying',
			'results',
			'implementation',
			'archived'
		]);
	});

	it('may skip the optional idea and development phases', async () => {
		const cycle = await votingCycle(t);
		expect(cycle.phase).toBe('voting');
	});

	it('refuses to open voting without projects, with the reasons (409 PHASE_TRANSITION_INVALID)', async () => {
		const cycle = await createCycle(t);
		await expectNoChange(t, async () => {
			const res = await changePhase(t, cycle.slug, 'voting');
			expectProblem(res, 409, 'PHASE_TRANSITION_INVALID');
			expect(res.json()).toMatchObject({
				from: 'draft',
				to: 'voting',
				reasons: ['voting needs at least one ballot project']
			});
		});
	});

	it('refuses to open voting when the ballot rules ask for more projects than exist', async () => {
		const cycle = await createCycle(t, {
			ballot: { kind: 'approval', minSelections: 3 },
			allocation: { rule: 'mes' }
		});
		await addProject(t, cycle.slug);
		const res = await changePhase(t, cycle.slug, 'voting');
		expectProblem(res, 409, 'PHASE_TRANSITION_INVALID');
		expect(res.json().reasons[0]).toMatch(/ask each voter for 3 projects/);
	});

	it('refuses to skip voting or tallying, and to close a vote without ballots', async () => {
		const cycle = await votingCycle(t);
		await expectNoChange(t, async () => {
			expectProblem(await changePhase(t, cycle.slug, 'results'), 409, 'PHASE_TRANSITION_INVALID');
			expectProblem(await changePhase(t, cycle.slug, 'tallying'), 409, 'PHASE_TRANSITION_INVALID');
			expectProblem(await changePhase(t, cycle.slug, 'voting'), 409, 'PHASE_TRANSITION_INVALID');
		});
	});

	it('goes back from voting to development only before the first ballot', async () => {
		const open = await votingCycle(t);
		expect((await setPhase(t, open.slug, 'development')).phase).toBe('development');
		const voted = await votingCycle(t);
		await castBallot(voted.slug);
		await expectNoChange(t, async () => {
			const res = await changePhase(t, voted.slug, 'development');
			expectProblem(res, 409, 'PHASE_TRANSITION_INVALID');
			expect(res.json().reasons).toEqual(['ballots were already cast; the vote cannot be undone']);
		});
	});

	it('reopens a closed vote only while nothing is published, and never unpublishes', async () => {
		const cycle = await votingCycle(t);
		await castBallot(cycle.slug);
		await setPhase(t, cycle.slug, 'tallying');
		await setPhase(t, cycle.slug, 'voting');
		await setPhase(t, cycle.slug, 'tallying');
		await expectNoChange(t, async () =>
			expectProblem(await changePhase(t, cycle.slug, 'results'), 409, 'PHASE_TRANSITION_INVALID')
		);
		await publishResult(cycle.slug);
		await expectNoChange(t, async () =>
			expectProblem(await changePhase(t, cycle.slug, 'voting'), 409, 'PHASE_TRANSITION_INVALID')
		);
		await setPhase(t, cycle.slug, 'results');
		expectProblem(await changePhase(t, cycle.slug, 'tallying'), 409, 'PHASE_TRANSITION_INVALID');
	});

	it('archiving destroys the link key and idea contacts, and is final', async () => {
		const cycle = await createCycle(t);
		await addProject(t, cycle.slug);
		await setPhase(t, cycle.slug, 'ideas');
		const id = await cycleId(cycle.slug);
		await t.deps.db
			.insert(ideas)
			.values({ cycleId: id, title: 'Idea', description: 'd', contact: 'kid@example.org' });
		await setPhase(t, cycle.slug, 'voting');
		await castBallot(cycle.slug);
		await setPhase(t, cycle.slug, 'tallying');
		await publishResult(cycle.slug);
		await setPhase(t, cycle.slug, 'results');
		await setPhase(t, cycle.slug, 'archived');
		const [row] = await t.deps.db.select().from(cycles).where(eq(cycles.id, id));
		expect(row!.linkKey).toBeNull();
		const [idea] = await t.deps.db.select().from(ideas).where(eq(ideas.cycleId, id));
		expect(idea!.contact).toBeNull();
		await expectNoChange(t, async () => {
			expectProblem(
				await changePhase(t, cycle.slug, 'implementation'),
				409,
				'PHASE_TRANSITION_INVALID'
			);
			const edit = await t.app.inject({
				method: 'PATCH',
				url: `/api/cycles/${cycle.slug}`,
				headers: bearer(await adminToken(t)),
				payload: { name: 'x' }
			});
			expectProblem(edit, 409, 'PHASE_CLOSED');
		});
	});

	it('answers 400 for an unknown phase, 404 for an unknown cycle, 401 and 403 for non-admins', async () => {
		const cycle = await createCycle(t);
		const reviewer = await staffToken(t, 'reviewer');
		await expectNoChange(t, async () => {
			expectProblem(await changePhase(t, cycle.slug, 'celebration'), 400, 'VALIDATION_FAILED');
			expectProblem(await changePhase(t, 'no-such-cycle', 'ideas'), 404, 'NOT_FOUND');
			const url = `/api/cycles/${cycle.slug}/phase`;
			const asReviewer = await t.app.inject({
				method: 'POST',
				url,
				headers: bearer(reviewer.token),
				payload: { phase: 'ideas' }
			});
			expectProblem(asReviewer, 403, 'FORBIDDEN');
			expectProblem(
				await t.app.inject({ method: 'POST', url, payload: { phase: 'ideas' } }),
				401,
				'UNAUTHENTICATED'
			);
		});
	});
});
