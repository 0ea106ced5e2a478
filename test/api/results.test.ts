import { createHash } from 'node:crypto';
import { results } from '@allot/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../api/src/modules/audit/audit.repo.ts';
import { findCycleBySlug } from '../../api/src/modules/cycles/cycles.repo.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import {
	bearer,
	expectNoChange,
	expectProblem,
	setPhase,
	staffToken,
	votingCycle
} from '../helpers/factories.ts';
import { adminGet, adminPost, generateCodes, newVoter, putBallot } from '../helpers/voting.ts';

let t: TestContext;
beforeAll(async () => {
	t = await createTestApp();
});
afterAll(() => t.close());

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A ranked cycle (pot $750k; P01..P04 cost $100k..$400k) with these rankings cast, closed.
 * Pabulib-Borda scores: P04 22, P03 20, P01 10, P02 2; greedy funds P04 and P03, $50k left.
 */
async function closedCycle(
	rankings: string[][] = defaultRankings,
	overrides: Record<string, unknown> = {}
) {
	const cycle = await votingCycle(t, { potCents: 750_000_00, ...overrides }, 4);
	const { codes } = await generateCodes(t, cycle.slug, rankings.length);
	for (const [i, ranking] of rankings.entries()) {
		await putBallot(t, cycle.slug, await newVoter(t, cycle.slug, codes[i]!), { ranking });
	}
	await setPhase(t, cycle.slug, 'tallying');
	return cycle.slug as string;
}
const defaultRankings = [
	...Array.from({ length: 6 }, () => ['P04', 'P03', 'P01']),
	...Array.from({ length: 4 }, () => ['P03', 'P04']),
	...Array.from({ length: 2 }, () => ['P01', 'P02'])
];

describe('POST /api/cycles/:slug/results/preview', () => {
	it('runs the cycle’s rule by default: funded in selection order, money in cents, a manifest', async () => {
		const slug = await closedCycle();
		const res = await adminPost(t, `/api/cycles/${slug}/results/preview`);
		expect(res.statusCode, res.body).toBe(200);
		const outcome = res.json();
		expect(outcome.rule).toBe('greedy');
		expect(outcome.funded.map((f: { id: string }) => f.id)).toEqual(['P04', 'P03']);
		expect(outcome.funded[0]).toMatchObject({
			id: 'P04',
			costCents: 400_000_00,
			score: '22',
			reason: '1st by points (22 points); cost 400,000 fit in 750,000 left',
			because: {
				code: 'greedy.fit',
				params: {
					position: 1,
					scoreKind: 'pabulib-borda',
					score: '22',
					perCost: false,
					costCents: 400_000_00,
					leftCents: 750_000_00
				}
			}
		});
		expect(outcome.unfunded.map((u: { id: string }) => u.id).sort()).toEqual(['P01', 'P02']);
		expect(outcome).toMatchObject({
			spentCents: 700_000_00,
			leftCents: 50_000_00,
			ballotCount: 12,
			overrides: []
		});
		expect(outcome.manifest).toMatchObject({
			engineVersion: expect.any(String),
			params: { rule: 'greedy', score: 'pabulib-borda', tie: 'lexicographic', variant: 'skip' }
		});
		const file = await adminGet(t, `/api/cycles/${slug}/export.pb`);
		expect(outcome.manifest.ballotsSha256).toBe(sha256(file.body));
	});

	it('runs any other rule named as the CLI flags, or lays given fields over the cycle’s', async () => {
		const slug = await closedCycle();
		const mes = await adminPost(t, `/api/cycles/${slug}/results/preview`, {
			rule: 'mes',
			utility: 'cost',
			completion: 'add1'
		});
		expect(mes.statusCode, mes.body).toBe(200);
		expect(mes.json().manifest.params).toMatchObject({
			rule: 'mes',
			utility: 'cost',
			completion: 'add1',
			tie: 'lexicographic'
		});
		const votes = await adminPost(t, `/api/cycles/${slug}/results/preview`, { score: 'votes' });
		expect(votes.json().manifest.params).toMatchObject({ rule: 'greedy', score: 'votes' });
	});

	it('answers 422 RULE_PARAMS_INVALID for params the ballots cannot take, 400 for unknown values', async () => {
		const slug = await closedCycle();
		const url = `/api/cycles/${slug}/results/preview`;
		expectProblem(await adminPost(t, url, { rule: 'phragmen' }), 422, 'RULE_PARAMS_INVALID');
		expectProblem(
			await adminPost(t, url, { rule: 'greedy', variant: 'threshold' }),
			422,
			'RULE_PARAMS_INVALID'
		);
		expectProblem(await adminPost(t, url, { rule: 'from-file' }), 422, 'RULE_PARAMS_INVALID');
		expectProblem(await adminPost(t, url, { rule: 'lottery' }), 400, 'VALIDATION_FAILED');
	});

	it('applies audited overrides: exclude before the rule, partial funding after it', async () => {
		const slug = await closedCycle();
		const url = `/api/cycles/${slug}/results/preview`;
		const exclude = {
			kind: 'exclude',
			projectId: 'P03',
			reason: 'the site was sold after the vote'
		};
		const excluded = (await adminPost(t, url, { overrides: [exclude] })).json();
		expect(excluded.funded.map((f: { id: string }) => f.id)).toEqual(['P04', 'P01', 'P02']);
		expect(excluded.unfunded).toEqual([
			{
				id: 'P03',
				costCents: 300_000_00,
				score: '20',
				reason: 'excluded by staff: the site was sold after the vote',
				because: { code: 'staff.excluded', params: { note: 'the site was sold after the vote' } }
			}
		]);
		expect(excluded.overrides).toEqual([exclude]);
		const partial = {
			kind: 'partial',
			projectId: 'P01',
			amountCents: 50_000_00,
			reason: 'phase one only'
		};
		const res = await adminPost(t, url, { overrides: [partial] });
		expect(res.statusCode, res.body).toBe(200);
		const o = res.json();
		expect(o.funded.map((f: { id: string; costCents: number }) => [f.id, f.costCents])).toEqual([
			['P04', 400_000_00],
			['P03', 300_000_00],
			['P01', 50_000_00]
		]);
		expect(o.funded[2].reason).toBe(
			'partially funded by staff (50,000 of 100,000): phase one only'
		);
		expect(o.funded[2].because).toEqual({
			code: 'staff.partial',
			params: { amountCents: 50_000_00, costCents: 100_000_00, note: 'phase one only' }
		});
		expect(o).toMatchObject({ spentCents: 750_000_00, leftCents: 0 });
		const bad = async (overrides: object[]) =>
			expectProblem(await adminPost(t, url, { overrides }), 422, 'OVERRIDE_INVALID');
		await bad([{ kind: 'exclude', projectId: 'P99', reason: 'no such project' }]);
		await bad([{ kind: 'partial', projectId: 'P04', amountCents: 1, reason: 'already funded' }]);
		await bad([
			{ kind: 'partial', projectId: 'P02', amountCents: 200_000_00, reason: 'not partial' }
		]);
		await bad([
			{ kind: 'partial', projectId: 'P02', amountCents: 60_000_00, reason: 'more than is left' }
		]);
		await bad([exclude, { ...exclude, reason: 'twice' }]);
		expectProblem(
			await adminPost(t, url, { overrides: [{ ...exclude, reason: '' }] }),
			400,
			'VALIDATION_FAILED'
		);
	});

	it('is for admins, and only once the vote is closed', async () => {
		const open = await votingCycle(t);
		expectProblem(
			await adminPost(t, `/api/cycles/${open.slug}/results/preview`),
			409,
			'PHASE_CLOSED'
		);
		const slug = await closedCycle();
		const reviewer = await staffToken(t, 'reviewer');
		const res = await t.app.inject({
			method: 'POST',
			url: `/api/cycles/${slug}/results/preview`,
			headers: bearer(reviewer.token)
		});
		expectProblem(res, 403, 'FORBIDDEN');
		expectProblem(
			await t.app.inject({ method: 'POST', url: `/api/cycles/${slug}/results/preview` }),
			401,
			'UNAUTHENTICATED'
		);
	});
});

describe('POST /api/cycles/:slug/results/compare', () => {
	it('puts several rules side by side on the same ballots', async () => {
		const slug = await closedCycle();
		const res = await adminPost(t, `/api/cycles/${slug}/results/compare`, {
			rules: [
				{ rule: 'greedy', score: 'pabulib-borda' },
				{ rule: 'greedy-cost', score: 'votes' },
				{ rule: 'ear' }
			]
		});
		expect(res.statusCode, res.body).toBe(200);
		const body = res.json();
		expect(body.items).toHaveLength(3);
		expect(
			new Set(
				body.items.map((o: { manifest: { ballotsSha256: string } }) => o.manifest.ballotsSha256)
			).size
		).toBe(1);
		expect(body.projects.map((p: { id: string }) => p.id)).toEqual(['P01', 'P02', 'P03', 'P04']);
		const p04 = body.projects.find((p: { id: string }) => p.id === 'P04');
		expect(p04.funded[0]).toBe(true);
		expectProblem(
			await adminPost(t, `/api/cycles/${slug}/results/compare`, { rules: [] }),
			400,
			'VALIDATION_FAILED'
		);
	});
});

describe('publishing', () => {
	it('publishes, opens the results phase, audits it, and serves the result to everyone', async () => {
		const slug = await closedCycle();
		expectProblem(
			await t.app.inject({ method: 'GET', url: `/api/cycles/${slug}/results` }),
			404,
			'NOT_PUBLISHED'
		);
		const res = await adminPost(t, `/api/cycles/${slug}/results/publish`);
		expect(res.statusCode, res.body).toBe(200);
		const published = res.json();
		expect(published).toMatchObject({
			slug,
			currency: 'USD',
			potCents: 750_000_00,
			publishedAt: expect.any(String)
		});
		expect(
			published.projects.map((p: { id: string; funded: boolean; fundedCents: number }) => [
				p.id,
				p.funded,
				p.fundedCents
			])
		).toEqual([
			['P01', false, 0],
			['P02', false, 0],
			['P03', true, 300_000_00],
			['P04', true, 400_000_00]
		]);
		const cycle = (await findCycleBySlug(t.deps.db, slug))!;
		expect(cycle.phase).toBe('results');
		const audit = await listAudit(t.deps.db, { cycleId: cycle.id, limit: 50 });
		const entry = audit.find((e) => e.action === 'results.published')!;
		expect(entry.detail).toMatchObject({
			ballotsSha256: published.manifest.ballotsSha256,
			funded: ['P04', 'P03']
		});
		const frozen = audit.find((e) => e.action === 'ballots.frozen');
		expect(frozen?.detail).toMatchObject({
			ballotsSha256: published.manifest.ballotsSha256,
			ballotCount: 12
		});
		const pub = await t.app.inject({ method: 'GET', url: `/api/cycles/${slug}/results` });
		expect(pub.statusCode).toBe(200);
		expect(pub.json()).toEqual(published);
		expectProblem(await adminPost(t, `/api/cycles/${slug}/results/publish`), 409, 'PHASE_CLOSED');
	});

	it('serves a result published before reasons came as data: no `because`, the English reason', async () => {
		const slug = await closedCycle();
		const published = (await adminPost(t, `/api/cycles/${slug}/results/publish`)).json();
		const cycle = (await findCycleBySlug(t.deps.db, slug))!;
		const strip = (ps: { because?: unknown }[]) => ps.map(({ because: _, ...p }) => p);
		const old = {
			...published,
			funded: strip(published.funded),
			unfunded: strip(published.unfunded)
		};
		await t.deps.db
			.update(results)
			.set({ outcome: old })
			.where(and(eq(results.cycleId, cycle.id), eq(results.kind, 'published')));
		const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${slug}/results` });
		expect(res.statusCode, res.body).toBe(200);
		expect(res.json()).toEqual(old);
		expect(res.json().funded[0]).not.toHaveProperty('because');
	});

	it('publishes with another rule and overrides, recording the reasons', async () => {
		const slug = await closedCycle();
		const overrides = [
			{ kind: 'exclude', projectId: 'P04', reason: 'found infeasible after the vote' }
		];
		const res = await adminPost(t, `/api/cycles/${slug}/results/publish`, {
			rule: 'greedy',
			score: 'votes',
			overrides
		});
		expect(res.statusCode, res.body).toBe(200);
		expect(res.json().overrides).toEqual(overrides);
		expect(res.json().funded.map((f: { id: string }) => f.id)).not.toContain('P04');
		const audit = await listAudit(t.deps.db, {
			cycleId: (await findCycleBySlug(t.deps.db, slug))!.id,
			limit: 50
		});
		expect(audit.find((e) => e.action === 'results.published')!.detail).toMatchObject({
			overrides
		});
	});

	it('publishes turnout with every cell under 10 people suppressed', async () => {
		const slug = await closedCycle();
		const turnout = (await adminPost(t, `/api/cycles/${slug}/results/publish`)).json().turnout;
		expect(turnout).toMatchObject({ total: 12, threshold: 10 });
		expect(turnout.byChannel).toEqual([{ key: 'online', count: 12, suppressed: false }]);
		expect(turnout.byAgeBracket).toEqual([{ key: '15-17', count: 12, suppressed: false }]);
		expect(turnout.bySite).toEqual([]);
		const small = await closedCycle(defaultRankings.slice(0, 9));
		const hidden = (await adminPost(t, `/api/cycles/${small}/results/publish`)).json().turnout;
		expect(hidden.byChannel).toEqual([{ key: 'online', count: null, suppressed: true }]);
		expect(JSON.stringify(hidden)).not.toMatch(/"count":9/);
	});

	it('refuses to publish outside tallying and keeps GET to published results', async () => {
		const open = await votingCycle(t);
		await expectNoChange(t, async () => {
			expectProblem(
				await adminPost(t, `/api/cycles/${open.slug}/results/publish`),
				409,
				'PHASE_CLOSED'
			);
		});
		expectProblem(
			await t.app.inject({ method: 'GET', url: '/api/cycles/nope/results' }),
			404,
			'NOT_FOUND'
		);
	});
});
