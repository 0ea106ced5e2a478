import { ballots, voters } from '@allot/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCycleBySlug } from '../../api/src/modules/cycles/cycles.repo.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import {
	bearer,
	createCycle,
	expectNoChange,
	expectProblem,
	staffToken,
	votingCycle
} from '../helpers/factories.ts';
import {
	adminPost,
	bornAged,
	eligible,
	generateCodes,
	getBallot,
	newVoter,
	putBallot,
	redeem
} from '../helpers/voting.ts';

let t: TestContext;
let worker: { id: string; token: string };
beforeAll(async () => {
	t = await createTestApp();
	worker = await staffToken(t, 'poll_worker');
});
afterAll(() => t.close());

const asWorker = (method: 'GET' | 'POST', url: string, payload?: object, token = worker.token) =>
	t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

async function cycleId(slug: string) {
	return (await findCycleBySlug(t.deps.db, slug))!.id;
}

/** A voting cycle with one polling site and an open kiosk session of the poll worker. */
async function booth(name = 'Dudley Library') {
	const cycle = await votingCycle(t, {}, 3);
	const site = await adminPost(t, `/api/cycles/${cycle.slug}/polling-sites`, {
		name,
		neighborhood: 'Roxbury'
	});
	expect(site.statusCode, site.body).toBe(201);
	const session = await asWorker('POST', `/api/cycles/${cycle.slug}/kiosk/sessions`, {
		siteId: site.json().id
	});
	expect(session.statusCode, session.body).toBe(201);
	const base = `/api/cycles/${cycle.slug}/kiosk/sessions/${session.json().id}`;
	return {
		slug: cycle.slug as string,
		siteId: site.json().id as string,
		sessionId: session.json().id as string,
		base
	};
}

async function checkIn(base: string, body: object = eligible()) {
	const res = await asWorker('POST', `${base}/voters`, body);
	expect(res.statusCode, res.body).toBe(201);
	return res.json().token as string;
}

describe('polling sites and kiosk sessions', () => {
	it('lets admins add sites and poll workers list them and open sessions', async () => {
		const b = await booth();
		const list = await asWorker('GET', `/api/cycles/${b.slug}/polling-sites`);
		expect(list.json().items).toEqual([
			{
				id: b.siteId,
				name: 'Dudley Library',
				neighborhood: 'Roxbury',
				createdAt: expect.any(String)
			}
		]);
		expectProblem(
			await asWorker('POST', `/api/cycles/${b.slug}/polling-sites`, { name: 'x' }),
			403,
			'FORBIDDEN'
		);
		const reviewer = await staffToken(t, 'reviewer');
		expectProblem(
			await asWorker('GET', `/api/cycles/${b.slug}/polling-sites`, undefined, reviewer.token),
			403,
			'FORBIDDEN'
		);
		expectProblem(
			await adminPost(t, `/api/cycles/${b.slug}/polling-sites`, { name: ' ' }),
			400,
			'VALIDATION_FAILED'
		);
	});

	it('opens sessions only during voting, at a site of the cycle', async () => {
		const draft = await createCycle(t);
		const site = (
			await adminPost(t, `/api/cycles/${draft.slug}/polling-sites`, { name: 'Early site' })
		).json();
		expectProblem(
			await asWorker('POST', `/api/cycles/${draft.slug}/kiosk/sessions`, { siteId: site.id }),
			409,
			'PHASE_CLOSED'
		);
		const b = await booth();
		expectProblem(
			await asWorker('POST', `/api/cycles/${b.slug}/kiosk/sessions`, { siteId: site.id }),
			404,
			'NOT_FOUND'
		);
	});

	it('closes a session on request and after 30 idle minutes', async () => {
		const b = await booth();
		const closed = await asWorker('POST', `${b.base}/close`);
		expect(closed.json().closedAt).not.toBeNull();
		expectProblem(await asWorker('POST', `${b.base}/voters`, eligible()), 409, 'SESSION_CLOSED');
		const idle = await booth();
		const token = await checkIn(idle.base);
		t.clock.advance(31 * 60_000);
		expectProblem(await asWorker('POST', `${idle.base}/voters`, eligible()), 409, 'SESSION_CLOSED');
		expectProblem(
			await putBallot(t, idle.slug, token, { ranking: ['P01'] }),
			409,
			'SESSION_CLOSED'
		);
	});

	it('keeps a session to its poll worker (and admins)', async () => {
		const b = await booth();
		const other = await staffToken(t, 'poll_worker');
		expectProblem(
			await asWorker('POST', `${b.base}/voters`, eligible(), other.token),
			403,
			'FORBIDDEN'
		);
		const admin = await adminPost(t, `${b.base}/voters`, eligible());
		expect(admin.statusCode).toBe(201);
	});
});

describe('kiosk voting', () => {
	it('checks a walk-in in with a 5-minute token whose ballot is in person and blocks nothing else', async () => {
		const b = await booth();
		const token = await checkIn(b.base);
		const claims = t.app.jwt.decode<{ channel: string; exp: number; iat: number; sub: string }>(
			token
		)!;
		expect(claims.channel).toBe('kiosk');
		expect(claims.exp - claims.iat).toBe(300);
		const ack = await putBallot(t, b.slug, token, { ranking: ['P02'] });
		expect(ack.statusCode, ack.body).toBe(200);
		expect(ack.json().channel).toBe('kiosk');
		const [voter] = await t.deps.db.select().from(voters).where(eq(voters.id, claims.sub));
		expect(voter).toMatchObject({ channel: 'kiosk', pollingSiteId: b.siteId, ageBracket: '15-17' });
		expect(voter!.votedInPersonAt).not.toBeNull();
		const [row] = await t.deps.db
			.select()
			.from(ballots)
			.where(eq(ballots.cycleId, await cycleId(b.slug)));
		expect(row).toMatchObject({ channel: 'kiosk', pollingSiteId: b.siteId });
	});

	it('uses up an unused access code at check-in, so it cannot also vote online', async () => {
		const b = await booth();
		const { codes } = await generateCodes(t, b.slug, 1);
		await checkIn(b.base, { ...eligible(), code: codes[0] });
		expectProblem(
			await redeem(t, b.slug, codes[0]!, eligible(), '192.0.2.90'),
			409,
			'CODE_INVALID'
		);
	});

	it('links a walk-in to their online voter by code: the in-person ballot replaces the online one and closes online voting', async () => {
		const b = await booth();
		const { codes } = await generateCodes(t, b.slug, 1);
		const online = await newVoter(t, b.slug, codes[0]!);
		const first = (await putBallot(t, b.slug, online, { ranking: ['P01'] })).json();
		const kiosk = await checkIn(b.base, { ...eligible(), code: codes[0]!.toLowerCase() });
		expect(t.app.jwt.decode<{ sub: string }>(kiosk)!.sub).toBe(
			t.app.jwt.decode<{ sub: string }>(online)!.sub
		);
		const inPerson = (await putBallot(t, b.slug, kiosk, { ranking: ['P03', 'P02'] })).json();
		expect(inPerson).toMatchObject({ receipt: first.receipt, revision: 2, channel: 'kiosk' });
		const rows = await t.deps.db
			.select()
			.from(ballots)
			.where(eq(ballots.cycleId, await cycleId(b.slug)));
		expect(rows.map((r) => r.content)).toEqual([{ ranking: ['P03', 'P02'] }]);
		expectProblem(
			await putBallot(t, b.slug, online, { ranking: ['P01'] }),
			409,
			'ALREADY_VOTED_IN_PERSON'
		);
		expect((await getBallot(t, b.slug, online)).json().votedInPersonAt).not.toBeNull();
		expectProblem(
			await asWorker('POST', `${b.base}/voters`, { ...eligible(), code: codes[0] }),
			409,
			'ALREADY_VOTED_IN_PERSON'
		);
	});

	it('checks eligibility with the same rules as online', async () => {
		const b = await booth();
		const res = await asWorker('POST', `${b.base}/voters`, eligible({ birthDate: bornAged(11) }));
		expectProblem(res, 403, 'NOT_ELIGIBLE');
		expect(res.json().violations[0]).toMatchObject({ code: 'TOO_YOUNG', minAge: 12, age: 11 });
		expectProblem(
			await asWorker('POST', `${b.base}/voters`, { ...eligible(), code: 'nope' }),
			400,
			'CODE_INVALID'
		);
	});
});

describe('paper ballots', () => {
	it('enters paper ballots one by one, each validated like an online ballot', async () => {
		const b = await booth();
		const res = await asWorker('POST', `${b.base}/paper-ballots`, {
			...eligible(),
			ballot: { ranking: ['P01', 'P03'] }
		});
		expect(res.statusCode, res.body).toBe(201);
		expect(res.json()).toMatchObject({
			receipt: expect.any(String),
			ballot: { ranking: ['P01', 'P03'] }
		});
		const rows = await t.deps.db
			.select()
			.from(ballots)
			.where(eq(ballots.cycleId, await cycleId(b.slug)));
		expect(rows[0]).toMatchObject({
			channel: 'paper',
			pollingSiteId: b.siteId,
			receipt: res.json().receipt
		});
		await expectNoChange(t, async () => {
			const bad = await asWorker('POST', `${b.base}/paper-ballots`, {
				...eligible(),
				ballot: { ranking: ['P01', 'P01'] }
			});
			expectProblem(bad, 422, 'BALLOT_INVALID');
			const young = await asWorker('POST', `${b.base}/paper-ballots`, {
				...eligible({ birthDate: bornAged(8) }),
				ballot: { ranking: ['P01'] }
			});
			expectProblem(young, 403, 'NOT_ELIGIBLE');
		});
	});

	it('links a paper ballot to an access code holder and blocks their online vote', async () => {
		const b = await booth();
		const { codes } = await generateCodes(t, b.slug, 1);
		const online = await newVoter(t, b.slug, codes[0]!);
		const paper = await asWorker('POST', `${b.base}/paper-ballots`, {
			...eligible(),
			code: codes[0],
			ballot: { ranking: ['P02'] }
		});
		expect(paper.statusCode, paper.body).toBe(201);
		expectProblem(
			await putBallot(t, b.slug, online, { ranking: ['P01'] }),
			409,
			'ALREADY_VOTED_IN_PERSON'
		);
		const again = await asWorker('POST', `${b.base}/paper-ballots`, {
			...eligible(),
			code: codes[0],
			ballot: { ranking: ['P03'] }
		});
		expectProblem(again, 409, 'ALREADY_VOTED_IN_PERSON');
	});
});

describe('GET /api/cycles/:slug/turnout', () => {
	it('counts ballots per channel and site and first submissions per day, for staff', async () => {
		const b = await booth('Roxbury Branch');
		const { codes } = await generateCodes(t, b.slug, 2);
		for (const code of codes) {
			const token = await newVoter(t, b.slug, code);
			await putBallot(t, b.slug, token, { ranking: ['P01'] });
			await putBallot(t, b.slug, token, { ranking: ['P02'] });
		}
		await putBallot(t, b.slug, await checkIn(b.base), { ranking: ['P01'] });
		await asWorker('POST', `${b.base}/paper-ballots`, {
			...eligible(),
			ballot: { ranking: ['P03'] }
		});
		const res = await asWorker('GET', `/api/cycles/${b.slug}/turnout`);
		expect(res.statusCode, res.body).toBe(200);
		const body = res.json();
		expect(body.total).toBe(4);
		expect(body.submissions).toBe(6);
		expect(
			Object.fromEntries(
				body.byChannel.map((c: { key: string; count: number }) => [c.key, c.count])
			)
		).toEqual({ online: 2, kiosk: 1, paper: 1 });
		expect(body.bySite).toEqual([{ key: b.siteId, name: 'Roxbury Branch', count: 2 }]);
		expect(body.byDay.reduce((s: number, d: { count: number }) => s + d.count, 0)).toBe(4);
		const voter = await newVoter(t, b.slug, (await generateCodes(t, b.slug, 1)).codes[0]!);
		expectProblem(
			await asWorker('GET', `/api/cycles/${b.slug}/turnout`, undefined, voter),
			403,
			'FORBIDDEN'
		);
	});
});
