import { listAudit } from '../../api/src/modules/audit/audit.repo.ts';
import { findCycleBySlug, lockRules } from '../../api/src/modules/cycles/cycles.repo.ts';
import { cycles } from '@allot/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import {
	adminToken,
	bearer,
	createCycle,
	cycleBody,
	expectNoChange,
	expectProblem,
	staffToken
} from '../helpers/factories.ts';

let t: TestContext;
beforeAll(async () => {
	t = await createTestApp();
});
afterAll(() => t.close());

const post = async (payload: object, token?: string) =>
	t.app.inject({
		method: 'POST',
		url: '/api/cycles',
		headers: bearer(token ?? (await adminToken(t))),
		payload
	});
const patch = async (slug: string, payload: object, token?: string) =>
	t.app.inject({
		method: 'PATCH',
		url: `/api/cycles/${slug}`,
		headers: bearer(token ?? (await adminToken(t))),
		payload
	});

describe('POST /api/cycles', () => {
	it('creates a draft cycle in the DESIGN contract shape, rules completed with defaults', async () => {
		const body = cycleBody();
		const res = await post(body);
		expect(res.statusCode).toBe(201);
		expect(res.json()).toMatchObject({
			slug: body.slug,
			phase: 'draft',
			potCents: body.potCents,
			currency: 'USD',
			ballot: { kind: 'ranked', minRanks: 1, maxRanks: 5 },
			allocation: { rule: 'greedy', score: 'pabulib-borda', tie: 'lexicographic', variant: 'skip' },
			eligibility: body.eligibility,
			categories: body.categories,
			rulesLocked: false,
			projects: []
		});
		const got = await t.app.inject({ method: 'GET', url: `/api/cycles/${body.slug}` });
		expect(got.json()).toEqual(res.json());
		const list = await t.app.inject({ method: 'GET', url: '/api/cycles' });
		expect(list.json().items.map((c: { slug: string }) => c.slug)).toContain(body.slug);
	});

	it.each([
		{ kind: 'approval', maxSelections: 3 },
		{ kind: 'single' },
		{ kind: 'knapsack', minSpendPercent: 50 },
		{ kind: 'cumulative', totalPoints: 10, maxPointsPerProject: 5 }
	])('accepts the ballot rules %o', async (ballot) => {
		const allocation =
			ballot.kind === 'cumulative' ? { rule: 'greedy', score: 'points' } : { rule: 'mes' };
		const res = await post(cycleBody({ ballot, allocation }));
		expect(res.statusCode, res.body).toBe(201);
		expect(res.json().ballot).toMatchObject(ballot);
	});

	it('answers a taken slug with 409 SLUG_TAKEN and writes nothing', async () => {
		const cycle = await createCycle(t);
		await expectNoChange(t, async () =>
			expectProblem(await post(cycleBody({ slug: cycle.slug })), 409, 'SLUG_TAKEN')
		);
	});

	it.each([
		['a bad slug', { slug: 'Not A Slug' }],
		['minRanks above maxRanks', { ballot: { kind: 'ranked', minRanks: 4, maxRanks: 2 } }],
		[
			'minSelections above maxSelections',
			{ ballot: { kind: 'approval', minSelections: 4, maxSelections: 3 } }
		],
		[
			'points per project above the total',
			{ ballot: { kind: 'cumulative', totalPoints: 5, maxPointsPerProject: 6 } }
		],
		['cumulative without totalPoints', { ballot: { kind: 'cumulative' } }],
		['an unknown ballot kind', { ballot: { kind: 'borda-count' } }],
		['a min spend above 100 %', { ballot: { kind: 'knapsack', minSpendPercent: 120 } }],
		[
			'a knapsack cap above the pot',
			{ ballot: { kind: 'knapsack', budgetCap: 2_000_000_00 }, allocation: { rule: 'mes' } }
		],
		['an unknown allocation rule', { allocation: { rule: 'dictator' } }],
		[
			'minAge above maxAge',
			{ eligibility: { minAge: 30, maxAge: 20, asOf: '2027-04-01', residency: ['live'] } }
		],
		[
			'no residency basis',
			{ eligibility: { minAge: 12, maxAge: 25, asOf: '2027-04-01', residency: [] } }
		],
		['fractional cents', { potCents: 10.5 }],
		['a lower-case currency', { currency: 'usd' }],
		['duplicate categories', { categories: ['parks', 'parks'] }],
		[
			'a timeline that ends before it starts',
			{ timeline: { voting: { startsAt: '2027-05-01T00:00:00Z', endsAt: '2027-04-01T00:00:00Z' } } }
		]
	])('refuses %s with 400 VALIDATION_FAILED and writes nothing', async (_name, overrides) => {
		await expectNoChange(t, async () =>
			expectProblem(await post(cycleBody(overrides)), 400, 'VALIDATION_FAILED')
		);
	});

	it.each([
		['Borda on approval ballots', { kind: 'approval' }, { rule: 'greedy', score: 'borda' }],
		['points on ranked ballots', { kind: 'ranked' }, { rule: 'mes', utility: 'points' }],
		['a threshold without minScore', { kind: 'ranked' }, { rule: 'greedy', variant: 'threshold' }],
		['minScore without the threshold variant', { kind: 'ranked' }, { rule: 'greedy', minScore: 3 }],
		['a completion on greedy', { kind: 'approval' }, { rule: 'greedy', completion: 'add1' }],
		['phragmen on ranked ballots', { kind: 'ranked' }, { rule: 'phragmen' }],
		['from-file outside an import', { kind: 'approval' }, { rule: 'from-file' }]
	])(
		'refuses %s with 400 RULE_PARAMS_INVALID and writes nothing',
		async (_name, ballot, allocation) => {
			await expectNoChange(t, async () =>
				expectProblem(await post(cycleBody({ ballot, allocation })), 400, 'RULE_PARAMS_INVALID')
			);
		}
	);

	it('asks for a token (401) and refuses non-admins (403), writing nothing', async () => {
		const reviewer = await staffToken(t, 'reviewer');
		await expectNoChange(t, async () => {
			const anonymous = await t.app.inject({
				method: 'POST',
				url: '/api/cycles',
				payload: cycleBody()
			});
			expectProblem(anonymous, 401, 'UNAUTHENTICATED');
			expectProblem(await post(cycleBody(), reviewer.token), 403, 'FORBIDDEN');
		});
	});

	it('records the creation in the audit log, by the admin', async () => {
		const cycle = await createCycle(t);
		const row = await findCycleBySlug(t.deps.db, cycle.slug);
		const entries = await listAudit(t.deps.db, { cycleId: row!.id, limit: 10 });
		const me = await t.app.inject({
			method: 'GET',
			url: '/api/auth/me',
			headers: bearer(await adminToken(t))
		});
		expect(entries).toEqual([
			expect.objectContaining({ action: 'cycle.create', actor: me.json().id })
		]);
	});
});

describe('GET /api/cycles/:slug', () => {
	it('answers an unknown slug with 404 NOT_FOUND and a malformed one with 400', async () => {
		expectProblem(
			await t.app.inject({ method: 'GET', url: '/api/cycles/no-such-cycle' }),
			404,
			'NOT_FOUND'
		);
		expectProblem(
			await t.app.inject({ method: 'GET', url: '/api/cycles/NOPE!' }),
			400,
			'VALIDATION_FAILED'
		);
	});
});

describe('PATCH /api/cycles/:slug', () => {
	it('edits texts, labels, timeline and rules', async () => {
		const cycle = await createCycle(t);
		const res = await patch(cycle.slug, {
			name: 'Renamed',
			categories: ['parks'],
			timeline: { voting: { startsAt: '2027-04-01T00:00:00Z', endsAt: '2027-04-30T23:59:59Z' } },
			ballot: { kind: 'approval', maxSelections: 3 },
			allocation: { rule: 'mes', utility: 'cost', completion: 'add1' },
			retention: 'Contact details are deleted when the cycle is archived.'
		});
		expect(res.statusCode, res.body).toBe(200);
		expect(res.json()).toMatchObject({
			name: 'Renamed',
			categories: ['parks'],
			ballot: { kind: 'approval', minSelections: 1, maxSelections: 3 },
			allocation: { rule: 'mes', utility: 'cost', completion: 'add1', tie: 'lexicographic' },
			timeline: { voting: { startsAt: '2027-04-01T00:00:00Z' } }
		});
	});

	it('refuses a ballot kind the stored allocation rule cannot use (400 RULE_PARAMS_INVALID)', async () => {
		const cycle = await createCycle(t);
		await expectNoChange(t, async () =>
			expectProblem(
				await patch(cycle.slug, { ballot: { kind: 'approval' } }),
				400,
				'RULE_PARAMS_INVALID'
			)
		);
	});

	it('refuses rule, eligibility and pot changes once rules are locked (409 RULES_LOCKED), but not a rename', async () => {
		const cycle = await createCycle(t);
		const row = await findCycleBySlug(t.deps.db, cycle.slug);
		await lockRules(t.deps.db, row!.id, t.clock.now);
		await lockRules(t.deps.db, row!.id, new Date(t.clock.now.getTime() + 1000));
		const locked = { ...cycleBody(), slug: undefined };
		for (const field of ['ballot', 'allocation', 'eligibility', 'potCents', 'currency'] as const) {
			await expectNoChange(t, async () =>
				expectProblem(await patch(cycle.slug, { [field]: locked[field] }), 409, 'RULES_LOCKED')
			);
		}
		const renamed = await patch(cycle.slug, { name: 'Still editable' });
		expect(renamed.json()).toMatchObject({
			name: 'Still editable',
			rulesLocked: true,
			rulesLockedAt: t.clock.now.toISOString()
		});
	});

	it('answers and edits cycles whose stored rules omit minimums or come from a pabulib file', async () => {
		const cycle = await createCycle(t);
		await t.deps.db
			.update(cycles)
			.set({
				ballotRules: { kind: 'approval', maxSelections: 3 },
				allocation: { rule: 'from-file' }
			})
			.where(eq(cycles.slug, cycle.slug));
		const got = await t.app.inject({ method: 'GET', url: `/api/cycles/${cycle.slug}` });
		expect(got.statusCode, got.body).toBe(200);
		expect(got.json().ballot).toEqual({ kind: 'approval', maxSelections: 3 });
		const renamed = await patch(cycle.slug, { name: 'Imported', ballot: { kind: 'single' } });
		expect(renamed.json()).toMatchObject({
			name: 'Imported',
			ballot: { kind: 'single' },
			allocation: { rule: 'from-file' }
		});
		expectProblem(
			await patch(cycle.slug, { allocation: { rule: 'from-file' } }),
			400,
			'RULE_PARAMS_INVALID'
		);
	});

	it('answers 404, 400, 401 and 403 without writing', async () => {
		const cycle = await createCycle(t);
		const moderator = await staffToken(t, 'moderator');
		await expectNoChange(t, async () => {
			expectProblem(await patch('no-such-cycle', { name: 'x' }), 404, 'NOT_FOUND');
			expectProblem(await patch(cycle.slug, { potCents: -1 }), 400, 'VALIDATION_FAILED');
			expectProblem(await patch(cycle.slug, { name: 'x' }, moderator.token), 403, 'FORBIDDEN');
			const anonymous = await t.app.inject({
				method: 'PATCH',
				url: `/api/cycles/${cycle.slug}`,
				payload: { name: 'x' }
			});
			expectProblem(anonymous, 401, 'UNAUTHENTICATED');
		});
	});
});
