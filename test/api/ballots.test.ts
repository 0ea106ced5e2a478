import { ballots } from '@allot/db';
import { eq } from 'drizzle-orm';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../api/src/modules/audit/audit.repo.ts';
import { findCycleBySlug } from '../../api/src/modules/cycles/cycles.repo.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import {
	adminToken,
	bearer,
	expectNoChange,
	expectProblem,
	setPhase,
	staffToken,
	votingCycle
} from '../helpers/factories.ts';
import { generateCodes, getBallot, newVoter, putBallot } from '../helpers/voting.ts';

let t: TestContext;
beforeAll(async () => {
	t = await createTestApp();
});
afterAll(() => t.close());

async function cycleRow(slug: string) {
	return (await findCycleBySlug(t.deps.db, slug))!;
}

async function ballotsOf(slug: string) {
	return t.deps.db
		.select()
		.from(ballots)
		.where(eq(ballots.cycleId, (await cycleRow(slug)).id));
}

/** A voting cycle (ranked, up to 5, projects P01..P04) and `n` voter tokens. */
async function cycleWithVoters(n: number, overrides: Record<string, unknown> = {}) {
	const cycle = await votingCycle(t, overrides, 4);
	const { codes } = await generateCodes(t, cycle.slug, n);
	const tokens: string[] = [];
	for (const code of codes) tokens.push(await newVoter(t, cycle.slug, code));
	return { slug: cycle.slug as string, tokens };
}

describe('PUT /api/cycles/:slug/ballot', () => {
	it('stores a ranked ballot under HMAC(link key, voter id) and answers a receipt', async () => {
		const { slug, tokens } = await cycleWithVoters(1);
		const res = await putBallot(t, slug, tokens[0]!, { ranking: ['P03', 'P01'] });
		expect(res.statusCode, res.body).toBe(200);
		const ack = res.json();
		expect(ack).toMatchObject({
			ballot: { ranking: ['P03', 'P01'] },
			revision: 1,
			channel: 'online'
		});
		expect(ack.receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
		const [row] = await ballotsOf(slug);
		const voterId = t.app.jwt.decode<{ sub: string }>(tokens[0]!)!.sub;
		const cycle = await cycleRow(slug);
		expect(row!.voterKey).toBe(createHmac('sha256', cycle.linkKey!).update(voterId).digest('hex'));
		expect(JSON.stringify(row)).not.toContain(voterId);
		expect(row).toMatchObject({
			receipt: ack.receipt,
			ageBracket: '15-17',
			neighborhood: 'Roxbury'
		});
	});

	it('revises the ballot: one row, revision + 1, the same receipt', async () => {
		const { slug, tokens } = await cycleWithVoters(1);
		const first = (await putBallot(t, slug, tokens[0]!, { ranking: ['P01'] })).json();
		t.clock.advance(60_000);
		const second = (await putBallot(t, slug, tokens[0]!, { ranking: ['P02', 'P04'] })).json();
		expect(second).toMatchObject({ revision: 2, receipt: first.receipt, castAt: first.castAt });
		expect(second.updatedAt).not.toBe(first.updatedAt);
		const rows = await ballotsOf(slug);
		expect(rows).toHaveLength(1);
		expect(rows[0]!.content).toEqual({ ranking: ['P02', 'P04'] });
		expect(rows[0]).toMatchObject({ revision: 2, channel: 'online' });
		const mine = (await getBallot(t, slug, tokens[0]!)).json();
		expect(mine).toMatchObject({
			receipt: first.receipt,
			ballot: { ranking: ['P02', 'P04'] },
			revision: 2,
			votedInPersonAt: null
		});
	});

	it('answers 422 BALLOT_INVALID with the engine’s violations and stores nothing', async () => {
		const { slug, tokens } = await cycleWithVoters(1, { ballot: { kind: 'ranked', maxRanks: 2 } });
		await expectNoChange(t, async () => {
			const res = await putBallot(t, slug, tokens[0]!, { ranking: ['P01', 'P09', 'P01'] });
			expectProblem(res, 422, 'BALLOT_INVALID');
			expect(res.json().violations).toEqual([
				{ code: 'UNKNOWN_PROJECT', projectId: 'P09' },
				{ code: 'DUPLICATE_PROJECT', projectId: 'P01' },
				{ code: 'TOO_MANY_RANKS', max: 2, count: 3 }
			]);
			const shape = await putBallot(t, slug, tokens[0]!, { approvals: ['P01'] });
			expect(shape.json().violations).toEqual([
				{ code: 'WRONG_BALLOT_SHAPE', expected: 'ranking' }
			]);
			expectProblem(
				await putBallot(t, slug, tokens[0]!, { ranking: 'P01' }),
				400,
				'VALIDATION_FAILED'
			);
		});
	});

	it('takes approval, knapsack and cumulative ballots in their own shapes', async () => {
		const votes = { rule: 'greedy', score: 'votes' };
		const approval = await cycleWithVoters(1, {
			ballot: { kind: 'approval', maxSelections: 2 },
			allocation: votes
		});
		expect(
			(await putBallot(t, approval.slug, approval.tokens[0]!, { approvals: ['P01', 'P02'] }))
				.statusCode
		).toBe(200);
		const knapsack = await cycleWithVoters(1, {
			ballot: { kind: 'knapsack' },
			potCents: 500_000_00,
			allocation: votes
		});
		const over = await putBallot(t, knapsack.slug, knapsack.tokens[0]!, {
			approvals: ['P03', 'P04']
		});
		expect(over.json().violations[0]).toMatchObject({
			code: 'OVER_BUDGET',
			capCents: 500_000_00,
			spentCents: 700_000_00
		});
		const cumulative = await cycleWithVoters(1, {
			ballot: { kind: 'cumulative', totalPoints: 10 },
			allocation: { rule: 'greedy', score: 'points' }
		});
		const ok = await putBallot(t, cumulative.slug, cumulative.tokens[0]!, {
			points: { P01: 7, P03: 3 }
		});
		expect(ok.json().ballot).toEqual({ points: { P01: 7, P03: 3 } });
	});

	it('locks the cycle’s rules with the first ballot, once, in the audit log too', async () => {
		const { slug, tokens } = await cycleWithVoters(2);
		expect((await cycleRow(slug)).rulesLockedAt).toBeNull();
		await putBallot(t, slug, tokens[0]!, { ranking: ['P01'] });
		const locked = (await cycleRow(slug)).rulesLockedAt;
		expect(locked).not.toBeNull();
		t.clock.advance(1_000);
		await putBallot(t, slug, tokens[1]!, { ranking: ['P02'] });
		expect((await cycleRow(slug)).rulesLockedAt).toEqual(locked);
		const audit = await listAudit(t.deps.db, { cycleId: (await cycleRow(slug)).id, limit: 50 });
		expect(audit.filter((e) => e.action === 'cycle.rulesLocked')).toHaveLength(1);
		const change = await t.app.inject({
			method: 'PATCH',
			url: `/api/cycles/${slug}`,
			headers: bearer(await adminToken(t)),
			payload: { ballot: { kind: 'ranked', maxRanks: 2 } }
		});
		expectProblem(change, 409, 'RULES_LOCKED');
	});

	it('refuses staff tokens, voters of another cycle, and no token', async () => {
		const a = await cycleWithVoters(1);
		const b = await cycleWithVoters(1);
		const worker = await staffToken(t, 'poll_worker');
		expectProblem(await putBallot(t, a.slug, worker.token, { ranking: ['P01'] }), 403, 'FORBIDDEN');
		expectProblem(await putBallot(t, a.slug, b.tokens[0]!, { ranking: ['P01'] }), 403, 'FORBIDDEN');
		expectProblem(await getBallot(t, a.slug, b.tokens[0]!), 403, 'FORBIDDEN');
		expectProblem(
			await t.app.inject({
				method: 'PUT',
				url: `/api/cycles/${a.slug}/ballot`,
				payload: { ranking: ['P01'] }
			}),
			401,
			'UNAUTHENTICATED'
		);
	});

	it('answers 409 PHASE_CLOSED once the vote is closed, and GET keeps showing the ballot', async () => {
		const { slug, tokens } = await cycleWithVoters(1);
		await putBallot(t, slug, tokens[0]!, { ranking: ['P01'] });
		await setPhase(t, slug, 'tallying');
		await expectNoChange(t, async () => {
			expectProblem(
				await putBallot(t, slug, tokens[0]!, { ranking: ['P02'] }),
				409,
				'PHASE_CLOSED'
			);
		});
		expect((await getBallot(t, slug, tokens[0]!)).json().ballot).toEqual({ ranking: ['P01'] });
	});

	it('answers GET with nulls before the first submission', async () => {
		const { slug, tokens } = await cycleWithVoters(1);
		expect((await getBallot(t, slug, tokens[0]!)).json()).toEqual({
			receipt: null,
			ballot: null,
			revision: 0,
			channel: null,
			updatedAt: null,
			votedInPersonAt: null
		});
	});
});

describe('concurrent submissions', () => {
	it('50 voters × 5 revisions, several at once: one ballot per voter, equal to the last acknowledged', async () => {
		const { slug, tokens } = await cycleWithVoters(50);
		const rankings = [['P01'], ['P02', 'P01'], ['P03'], ['P04', 'P03', 'P02'], ['P02', 'P04']];
		// each voter fires all five revisions at once; voters run ten at a time
		const acks = new Map<string, { revision: number; ballot: unknown }[]>();
		for (let i = 0; i < tokens.length; i += 10) {
			await Promise.all(
				tokens.slice(i, i + 10).map(async (token) => {
					const answers = await Promise.all(
						rankings.map((ranking) => putBallot(t, slug, token, { ranking }))
					);
					for (const a of answers) expect(a.statusCode, a.body).toBe(200);
					acks.set(
						token,
						answers.map((a) => a.json())
					);
				})
			);
		}
		const rows = await ballotsOf(slug);
		expect(rows).toHaveLength(50);
		for (const token of tokens) {
			const mine = acks.get(token)!;
			expect(mine.map((a) => a.revision).sort()).toEqual([1, 2, 3, 4, 5]);
			const last = mine.reduce((a, b) => (b.revision > a.revision ? b : a));
			const stored = (await getBallot(t, slug, token)).json();
			expect(stored).toMatchObject({ revision: 5, ballot: last.ballot });
		}
		const revisions = rows.reduce((sum, row) => sum + row.revision, 0);
		expect(revisions).toBe(250);
	});
});
