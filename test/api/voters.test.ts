import { buildApp } from '@allot/api';
import { attemptCounters, voters } from '@allot/db';
import { accessCodeFromBytes } from '@allot/shared/domain/access-codes';
import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCycleBySlug } from '../../api/src/modules/cycles/cycles.repo.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { createCycle, expectNoChange, expectProblem, votingCycle } from '../helpers/factories.ts';
import {
	bornAged,
	eligible,
	freshAddress,
	generateCodes,
	getBallot,
	redeem
} from '../helpers/voting.ts';

let t: TestContext;
beforeAll(async () => {
	t = await createTestApp();
});
afterAll(() => t.close());

async function votersOf(slug: string) {
	const id = (await findCycleBySlug(t.deps.db, slug))!.id;
	return t.deps.db.select().from(voters).where(eq(voters.cycleId, id));
}

const wrongCode = () => accessCodeFromBytes(randomBytes(10));

describe('POST /api/cycles/:slug/voters', () => {
	it('turns a code and eligible facts into a 2-hour voter token scoped to the cycle', async () => {
		const cycle = await votingCycle(t);
		const { codes } = await generateCodes(t, cycle.slug, 1);
		const res = await redeem(
			t,
			cycle.slug,
			codes[0]!,
			eligible({ birthDate: '2011-06-30' }),
			freshAddress()
		);
		expect(res.statusCode, res.body).toBe(201);
		const body = res.json();
		expect(body).toMatchObject({
			token: expect.any(String),
			channel: 'online',
			expiresAt: expect.any(String)
		});
		const claims = t.app.jwt.decode<{
			kind: string;
			cycle: string;
			channel: string;
			exp: number;
			iat: number;
			sub: string;
		}>(body.token)!;
		const id = (await findCycleBySlug(t.deps.db, cycle.slug))!.id;
		expect(claims).toMatchObject({ kind: 'voter', cycle: id, channel: 'online' });
		expect(claims.exp - claims.iat).toBe(2 * 60 * 60);
		expect((await getBallot(t, cycle.slug, body.token)).statusCode).toBe(200);
		const [voter] = await votersOf(cycle.slug);
		expect(voter).toMatchObject({
			id: claims.sub,
			ageBracket: '15-17',
			residencyBasis: 'live',
			neighborhood: 'Roxbury',
			channel: 'online'
		});
		expect(JSON.stringify(voter)).not.toContain('2011-06-30');
	});

	it('accepts a code typed in lower case without dashes, and keeps only known neighbourhoods', async () => {
		const cycle = await votingCycle(t);
		const { codes } = await generateCodes(t, cycle.slug, 1);
		const typed = ` ${codes[0]!.toLowerCase().replaceAll('-', '')} `;
		const facts = eligible({ residency: { basis: 'school', neighborhood: '12 Elm Street' } });
		expect((await redeem(t, cycle.slug, typed, facts, freshAddress())).statusCode).toBe(201);
		expect((await votersOf(cycle.slug))[0]).toMatchObject({
			residencyBasis: 'school',
			neighborhood: 'other'
		});
	});

	it('answers CODE_INVALID: 400 for text that is no code, 404 for an unknown or voided one, 409 for a used one', async () => {
		const cycle = await votingCycle(t);
		const { codes } = await generateCodes(t, cycle.slug, 2);
		const ip = freshAddress();
		const short = await redeem(t, cycle.slug, 'K7QD-3M9X', eligible(), ip);
		expectProblem(short, 400, 'CODE_INVALID');
		expect(short.json().problem).toBe('length');
		const typo = codes[0]!.slice(0, -1) + (codes[0]!.endsWith('0') ? '1' : '0');
		expect((await redeem(t, cycle.slug, typo, eligible(), ip)).json()).toMatchObject({
			code: 'CODE_INVALID',
			problem: 'check'
		});
		expectProblem(await redeem(t, cycle.slug, wrongCode(), eligible(), ip), 404, 'CODE_INVALID');
		const elsewhere = await generateCodes(t, (await votingCycle(t)).slug, 1);
		expectProblem(
			await redeem(t, cycle.slug, elsewhere.codes[0]!, eligible(), ip),
			404,
			'CODE_INVALID'
		);
		expect((await redeem(t, cycle.slug, codes[0]!, eligible(), ip)).statusCode).toBe(201);
		await expectNoChange(t, async () => {
			expectProblem(
				await redeem(t, cycle.slug, codes[0]!, eligible(), freshAddress()),
				409,
				'CODE_INVALID'
			);
		});
		expect(await votersOf(cycle.slug)).toHaveLength(1);
	});

	it('lets exactly one of several simultaneous redemptions of a code through', async () => {
		const cycle = await votingCycle(t);
		const { codes } = await generateCodes(t, cycle.slug, 1);
		const answers = await Promise.all(
			Array.from({ length: 6 }, () => redeem(t, cycle.slug, codes[0]!, eligible(), freshAddress()))
		);
		expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
		expect(await votersOf(cycle.slug)).toHaveLength(1);
	});

	it('answers 403 NOT_ELIGIBLE with every violation, leaving the code unused', async () => {
		const cycle = await votingCycle(t, {
			eligibility: {
				minAge: 12,
				maxAge: 25,
				asOf: '2027-04-01',
				residency: ['live'],
				neighborhoods: ['Roxbury']
			}
		});
		const { codes } = await generateCodes(t, cycle.slug, 1);
		const res = await redeem(
			t,
			cycle.slug,
			codes[0]!,
			{ birthDate: bornAged(30), residency: { basis: 'work' } },
			freshAddress()
		);
		expectProblem(res, 403, 'NOT_ELIGIBLE');
		expect(res.json().violations.map((v: { code: string }) => v.code)).toEqual([
			'TOO_OLD',
			'RESIDENCY_BASIS',
			'NEIGHBORHOOD_REQUIRED'
		]);
		expect(await votersOf(cycle.slug)).toHaveLength(0);
		expect((await redeem(t, cycle.slug, codes[0]!, eligible(), freshAddress())).statusCode).toBe(
			201
		);
	});

	it('refuses outside voting, for unknown cycles and for malformed bodies', async () => {
		const draft = await createCycle(t);
		const { codes } = await generateCodes(t, draft.slug, 1);
		expectProblem(await redeem(t, draft.slug, codes[0]!), 409, 'PHASE_CLOSED');
		expectProblem(await redeem(t, 'no-such-cycle', codes[0]!), 404, 'NOT_FOUND');
		const cycle = await votingCycle(t);
		expectProblem(
			await redeem(t, cycle.slug, codes[0]!, {
				birthDate: '15/01/2011',
				residency: { basis: 'live' }
			}),
			400,
			'VALIDATION_FAILED'
		);
		expectProblem(
			await redeem(t, cycle.slug, codes[0]!, {
				birthDate: '2011-01-15',
				residency: { basis: 'mars' }
			}),
			400,
			'VALIDATION_FAILED'
		);
		expectProblem(
			await redeem(t, cycle.slug, codes[0]!, { birthDate: '2011-01-15' }),
			400,
			'VALIDATION_FAILED'
		);
	});
});

describe('lockouts (attempt_counters in the database)', () => {
	it('locks an address out after 20 failures, even for a good code, until the lock expires', async () => {
		const cycle = await votingCycle(t);
		const { codes } = await generateCodes(t, cycle.slug, 1);
		const ip = '192.0.2.77';
		for (let i = 0; i < 20; i++)
			expectProblem(await redeem(t, cycle.slug, wrongCode(), eligible(), ip), 404, 'CODE_INVALID');
		const locked = await redeem(t, cycle.slug, codes[0]!, eligible(), ip);
		expectProblem(locked, 429, 'LOCKED_OUT');
		expect(locked.json().retryAfterSeconds).toBeGreaterThan(0);
		expect(locked.headers['retry-after']).toBe(String(locked.json().retryAfterSeconds));
		// the lock lives in the database: a second replica (another app on the same database) sees it
		const replica = await buildApp(t.deps);
		await replica.ready();
		const fromReplica = await replica.inject({
			method: 'POST',
			url: `/api/cycles/${cycle.slug}/voters`,
			payload: { code: codes[0], ...eligible() },
			remoteAddress: ip
		});
		expectProblem(fromReplica, 429, 'LOCKED_OUT');
		await replica.close();
		t.clock.advance(16 * 60_000);
		expect((await redeem(t, cycle.slug, codes[0]!, eligible(), ip)).statusCode).toBe(201);
	});

	it('locks a real code after 5 refused eligibility claims, whatever the address', async () => {
		const cycle = await votingCycle(t);
		const { codes } = await generateCodes(t, cycle.slug, 1);
		for (let age = 40; age < 45; age++) {
			expectProblem(
				await redeem(
					t,
					cycle.slug,
					codes[0]!,
					eligible({ birthDate: bornAged(age) }),
					freshAddress()
				),
				403,
				'NOT_ELIGIBLE'
			);
		}
		expectProblem(
			await redeem(t, cycle.slug, codes[0]!, eligible(), freshAddress()),
			429,
			'LOCKED_OUT'
		);
		expect(await votersOf(cycle.slug)).toHaveLength(0);
	});

	it('brute force: 1,000 wrong codes from rotating addresses make no voter and end in lockout', async () => {
		const cycle = await votingCycle(t);
		const { codes } = await generateCodes(t, cycle.slug, 200);
		const statuses: number[] = [];
		for (let i = 0; i < 1_000; i++) {
			// 40 addresses in two /24 networks, taking turns
			const ip = `${i % 2 ? '203.0.113' : '198.51.100'}.${(i >> 1) % 20}`;
			statuses.push((await redeem(t, cycle.slug, wrongCode(), eligible(), ip)).statusCode);
		}
		expect(await votersOf(cycle.slug)).toHaveLength(0);
		expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(200);
		expect(statuses.slice(-100).every((s) => s === 429)).toBe(true);
		expect(statuses.filter((s) => s !== 404 && s !== 429)).toEqual([]);
		// every address of both networks is refused now, even with a good code
		expectProblem(
			await redeem(t, cycle.slug, codes[0]!, eligible(), '203.0.113.250'),
			429,
			'LOCKED_OUT'
		);
		const locks = await t.deps.db
			.select()
			.from(attemptCounters)
			.where(eq(attemptCounters.key, 'code:net:203.0.113.0/24'));
		expect(locks[0]?.lockedUntil).not.toBeNull();
		// the lockout is targeted: another network still gets in
		expect((await redeem(t, cycle.slug, codes[0]!, eligible(), '192.0.2.200')).statusCode).toBe(
			201
		);
	});

	it('counts IPv6 clients per /64', async () => {
		const cycle = await votingCycle(t);
		for (let i = 0; i < 100; i++)
			await redeem(
				t,
				cycle.slug,
				wrongCode(),
				eligible(),
				`2001:db8:1:2::${(i % 50).toString(16)}`
			);
		expectProblem(
			await redeem(t, cycle.slug, wrongCode(), eligible(), '2001:db8:1:2:ffff::1'),
			429,
			'LOCKED_OUT'
		);
		expectProblem(
			await redeem(t, cycle.slug, wrongCode(), eligible(), '2001:db8:1:3::1'),
			404,
			'CODE_INVALID'
		);
	});
});
