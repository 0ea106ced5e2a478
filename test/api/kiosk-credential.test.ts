import { kioskSessions } from '@allot/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCycleBySlug } from '../../api/src/modules/cycles/cycles.repo.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import {
	adminToken,
	bearer,
	expectNoChange,
	expectProblem,
	staffToken,
	votingCycle
} from '../helpers/factories.ts';
import { adminPost, bornAged, eligible, putBallot } from '../helpers/voting.ts';

/**
 * The kiosk credential: opening a kiosk session gives the device a token that can show, check
 * walk-ins in at, and close that one session, and nothing else; it stops working when the
 * session closes, whatever its expiry says.
 */

let t: TestContext;
beforeAll(async () => {
	t = await createTestApp();
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
const call = (method: Method, url: string, token: string, payload?: object) =>
	t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

interface Kiosk {
	slug: string;
	cycleId: string;
	siteId: string;
	sessionId: string;
	/** the session's URL */
	base: string;
	/** the kiosk credential from the open-session answer */
	kioskToken: string;
	worker: { id: string; token: string };
}

/** Opens a kiosk session as `worker` (a new poll worker by default) in `slug` (a new cycle). */
async function openKiosk(opts: { slug?: string; worker?: Kiosk['worker'] } = {}): Promise<Kiosk> {
	const slug = opts.slug ?? ((await votingCycle(t, {}, 3)).slug as string);
	const worker = opts.worker ?? (await staffToken(t, 'poll_worker'));
	const site = await adminPost(t, `/api/cycles/${slug}/polling-sites`, { name: `Site ${slug}` });
	const res = await call('POST', `/api/cycles/${slug}/kiosk/sessions`, worker.token, {
		siteId: site.json().id
	});
	expect(res.statusCode, res.body).toBe(201);
	const body = res.json();
	return {
		slug,
		cycleId: (await findCycleBySlug(t.deps.db, slug))!.id,
		siteId: site.json().id,
		sessionId: body.id,
		base: `/api/cycles/${slug}/kiosk/sessions/${body.id}`,
		kioskToken: body.kioskToken.token,
		worker
	};
}

describe('opening a kiosk', () => {
	it('answers a kiosk token for that one session, lasting no longer than the sign-in that opened it', async () => {
		const k = await openKiosk();
		const claims = t.app.jwt.decode<Record<string, unknown>>(k.kioskToken)!;
		expect(claims).toMatchObject({
			kind: 'kiosk',
			sub: k.sessionId,
			cycle: k.cycleId,
			site: k.siteId,
			iss: 'allot',
			aud: 'allot-api'
		});
		const staffExp = t.app.jwt.decode<{ exp: number }>(k.worker.token)!.exp;
		expect(claims.exp).toBeLessThanOrEqual(staffExp);
		expect(claims.exp).toBeGreaterThan(Date.now() / 1000);

		// A staff token about to expire hands over a kiosk token that expires with it.
		const short = t.app.jwt.sign(
			{ sub: k.worker.id, kind: 'staff', role: 'poll_worker' },
			{ expiresIn: 120 }
		);
		const res = await call('POST', `/api/cycles/${k.slug}/kiosk/sessions`, short, {
			siteId: k.siteId
		});
		expect(res.statusCode, res.body).toBe(201);
		const { exp } = t.app.jwt.decode<{ exp: number }>(res.json().kioskToken.token)!;
		expect(exp).toBeLessThanOrEqual(t.app.jwt.decode<{ exp: number }>(short)!.exp);
		expect(Date.parse(res.json().kioskToken.expiresAt)).toBe(exp * 1000);
	});
});

describe('what a kiosk token may do', () => {
	it('shows its session, checks a walk-in in who then votes, and closes the session', async () => {
		const k = await openKiosk();
		const shown = await call('GET', k.base, k.kioskToken);
		expect(shown.statusCode, shown.body).toBe(200);
		expect(shown.json()).toMatchObject({ id: k.sessionId, siteId: k.siteId, closedAt: null });

		const checkIn = await call('POST', `${k.base}/voters`, k.kioskToken, eligible());
		expect(checkIn.statusCode, checkIn.body).toBe(201);
		expect(checkIn.json().channel).toBe('kiosk');
		const ack = await putBallot(t, k.slug, checkIn.json().token, { ranking: ['P01'] });
		expect(ack.statusCode, ack.body).toBe(200);
		expect(ack.json().channel).toBe('kiosk');
		// The same eligibility rules as the poll worker's own check-in.
		const young = await call('POST', `${k.base}/voters`, k.kioskToken, {
			...eligible(),
			birthDate: bornAged(9)
		});
		expectProblem(young, 403, 'NOT_ELIGIBLE');

		const closed = await call('POST', `${k.base}/close`, k.kioskToken);
		expect(closed.statusCode, closed.body).toBe(200);
		expect(closed.json().closedAt).not.toBeNull();
	});

	it('is refused in another session of the same cycle and in another cycle', async () => {
		const k = await openKiosk();
		const sameCycle = await openKiosk({ slug: k.slug, worker: k.worker });
		const otherCycle = await openKiosk({ worker: k.worker });
		for (const other of [sameCycle, otherCycle]) {
			await expectNoChange(t, async () => {
				expectProblem(await call('GET', other.base, k.kioskToken), 403, 'FORBIDDEN');
				expectProblem(
					await call('POST', `${other.base}/voters`, k.kioskToken, eligible()),
					403,
					'FORBIDDEN'
				);
				expectProblem(await call('POST', `${other.base}/close`, k.kioskToken), 403, 'FORBIDDEN');
			});
		}
		// Its own session id under another cycle's address is not its session either.
		const elsewhere = `/api/cycles/${otherCycle.slug}/kiosk/sessions/${k.sessionId}`;
		expectProblem(
			await call('POST', `${elsewhere}/voters`, k.kioskToken, eligible()),
			403,
			'FORBIDDEN'
		);
		expect((await call('GET', sameCycle.base, sameCycle.kioskToken)).statusCode).toBe(200);
	});

	it('is refused on staff endpoints, paper ballots, turnout, ballots and opening kiosks', async () => {
		const k = await openKiosk();
		const c = `/api/cycles/${k.slug}`;
		const refused: [Method, string, object?][] = [
			['GET', '/api/auth/me'],
			['POST', '/api/auth/password', { currentPassword: 'x', newPassword: 'a new password 1234' }],
			['GET', '/api/staff'],
			['PATCH', `/api/staff/${k.worker.id}`, { role: 'admin' }],
			['GET', '/api/audit'],
			['POST', `${k.base}/paper-ballots`, { ...eligible(), ballot: { ranking: ['P01'] } }],
			['GET', `${c}/turnout`],
			['GET', `${c}/polling-sites`],
			['POST', `${c}/polling-sites`, { name: 'Another site' }],
			['POST', `${c}/kiosk/sessions`, { siteId: k.siteId }],
			['POST', `${c}/access-codes`, { count: 1, label: 'Kiosk' }],
			['PATCH', c, { name: 'Renamed by a kiosk' }],
			['POST', `${c}/phase`, { phase: 'tallying' }],
			['PUT', `${c}/ballot`, { ranking: ['P01'] }],
			['GET', `${c}/ballot`]
		];
		await expectNoChange(t, async () => {
			for (const [method, url, body] of refused) {
				const res = await call(method, url, k.kioskToken, body);
				expect({ url, method, status: res.statusCode, code: res.json().code }).toEqual({
					url,
					method,
					status: 403,
					code: 'FORBIDDEN'
				});
			}
		});
	});
});

describe('when a kiosk token stops working', () => {
	const refusedEverywhere = async (k: Kiosk) => {
		expectProblem(await call('GET', k.base, k.kioskToken), 401, 'TOKEN_INVALID');
		expectProblem(
			await call('POST', `${k.base}/voters`, k.kioskToken, eligible()),
			401,
			'TOKEN_INVALID'
		);
		expectProblem(await call('POST', `${k.base}/close`, k.kioskToken), 401, 'TOKEN_INVALID');
	};

	it('once its session is closed, by the kiosk or by its poll worker', async () => {
		const byKiosk = await openKiosk();
		await call('POST', `${byKiosk.base}/close`, byKiosk.kioskToken);
		await refusedEverywhere(byKiosk);
		const byWorker = await openKiosk();
		const closed = await call('POST', `${byWorker.base}/close`, byWorker.worker.token);
		expect(closed.statusCode, closed.body).toBe(200);
		await refusedEverywhere(byWorker);
	});

	it('after 30 idle minutes, and the session row is closed then', async () => {
		const k = await openKiosk();
		t.clock.advance(29 * 60_000);
		expect((await call('GET', k.base, k.kioskToken)).statusCode).toBe(200);
		t.clock.advance(31 * 60_000);
		await refusedEverywhere(k);
		const [row] = await t.deps.db
			.select()
			.from(kioskSessions)
			.where(eq(kioskSessions.id, k.sessionId));
		expect(row!.closedAt).not.toBeNull();
	});

	it('when its poll worker is disabled or may no longer run kiosks', async () => {
		const admin = await adminToken(t);
		const disabled = await openKiosk();
		const off = await call('PATCH', `/api/staff/${disabled.worker.id}`, admin, { disabled: true });
		expect(off.statusCode, off.body).toBe(200);
		await refusedEverywhere(disabled);
		const moved = await openKiosk();
		const role = await call('PATCH', `/api/staff/${moved.worker.id}`, admin, { role: 'moderator' });
		expect(role.statusCode, role.body).toBe(200);
		await refusedEverywhere(moved);
	});

	it('and the walk-in it checked in cannot vote once it is closed', async () => {
		const k = await openKiosk();
		const checkIn = await call('POST', `${k.base}/voters`, k.kioskToken, eligible());
		await call('POST', `${k.base}/close`, k.kioskToken);
		expectProblem(
			await putBallot(t, k.slug, checkIn.json().token, { ranking: ['P02'] }),
			409,
			'SESSION_CLOSED'
		);
	});
});
