import type { Db } from '@allot/db';
import { attemptCounters } from '@allot/db';
import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startAttemptCleanup } from '../../api/src/modules/auth/attempts.cleanup.ts';
import {
	countAttempt,
	deleteExpiredAttempts,
	LONGEST_WINDOW_MS
} from '../../api/src/modules/auth/attempts.repo.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { expectProblem, staffToken, votingCycle } from '../helpers/factories.ts';
import { bornAged, eligible, freshAddress, generateCodes, redeem } from '../helpers/voting.ts';

let t: TestContext;
beforeAll(async () => {
	t = await createTestApp();
});
afterAll(() => t.close());

const MINUTE = 60_000;
const ago = (ms: number) => new Date(t.clock.now.getTime() - ms);
const keysLike = async (prefix: string) =>
	(
		await t.deps.db
			.select({ key: attemptCounters.key })
			.from(attemptCounters)
			.where(like(attemptCounters.key, `${prefix}%`))
	)
		.map((r) => r.key)
		.sort();

const login = (email: string, password: string, remoteAddress: string) =>
	t.app.inject({
		method: 'POST',
		url: '/api/auth/login',
		payload: { email, password },
		remoteAddress
	});

describe('deleteExpiredAttempts', () => {
	it('keeps rows still in a window or still locked and deletes the rest', async () => {
		const row = (key: string, windowStartedAt: Date, lockedUntil: Date | null = null) => ({
			key: `t1:${key}`,
			failures: 3,
			windowStartedAt,
			lockedUntil
		});
		await t.deps.db
			.insert(attemptCounters)
			.values([
				row('in-window', ago(LONGEST_WINDOW_MS - 1)),
				row('window-just-over', ago(LONGEST_WINDOW_MS)),
				row('day-old', ago(24 * 60 * MINUTE)),
				row('still-locked', ago(3 * 60 * MINUTE), ago(-MINUTE)),
				row('lock-ends-now', ago(3 * 60 * MINUTE), ago(0)),
				row('lock-ended', ago(3 * 60 * MINUTE), ago(MINUTE)),
				row('in-window-lock-ended', ago(10 * MINUTE), ago(MINUTE))
			]);
		expect(await deleteExpiredAttempts(t.deps.db, t.clock.now)).toBe(4);
		expect(await keysLike('t1:')).toEqual([
			't1:in-window',
			't1:in-window-lock-ended',
			't1:still-locked'
		]);
	});

	it('never forgets an attempt that could count: the 1-hour code lockout holds across it', async () => {
		const cycle = await votingCycle(t);
		const { codes } = await generateCodes(t, cycle.slug, 1);
		const refused = eligible({ birthDate: bornAged(40) });
		for (let i = 0; i < 4; i++) {
			expectProblem(
				await redeem(t, cycle.slug, codes[0]!, refused, freshAddress()),
				403,
				'NOT_ELIGIBLE'
			);
		}
		t.clock.advance(LONGEST_WINDOW_MS - MINUTE);
		await deleteExpiredAttempts(t.deps.db, t.clock.now);
		// the fifth refusal within the hour locks the code, so the first four were kept
		expectProblem(
			await redeem(t, cycle.slug, codes[0]!, refused, freshAddress()),
			403,
			'NOT_ELIGIBLE'
		);
		expectProblem(
			await redeem(t, cycle.slug, codes[0]!, eligible(), freshAddress()),
			429,
			'LOCKED_OUT'
		);
	});

	it('leaves a locked account locked, and the lockout works again once its rows are purged', async () => {
		const staff = await staffToken(t, 'moderator');
		const fail = async (ip: string) => {
			for (let i = 0; i < 5; i++) {
				expectProblem(await login(staff.email, 'wrong password!', ip), 401, 'LOGIN_FAILED');
			}
			expectProblem(await login(staff.email, staff.password, ip), 429, 'LOCKED_OUT');
		};
		await fail('192.0.2.101');
		await deleteExpiredAttempts(t.deps.db, t.clock.now);
		expectProblem(await login(staff.email, staff.password, '192.0.2.102'), 429, 'LOCKED_OUT');

		t.clock.advance(LONGEST_WINDOW_MS + MINUTE);
		expect(await deleteExpiredAttempts(t.deps.db, t.clock.now)).toBeGreaterThan(0);
		expect(await keysLike(`login:account:${staff.email}`)).toEqual([]);
		expect(await keysLike('login:ip:192.0.2.10')).toEqual([]);
		await fail('192.0.2.103');
	});

	it('is refused a window longer than it keeps rows for', async () => {
		await expect(
			countAttempt(t.deps.db, 't2:too-long', t.clock.now, LONGEST_WINDOW_MS + 1)
		).rejects.toThrow(/LONGEST_WINDOW_MS/);
	});
});

describe('startAttemptCleanup', () => {
	const log = () => ({ info: vi.fn(), error: vi.fn() });
	const expiredRow = (key: string) =>
		t.deps.db
			.insert(attemptCounters)
			.values({ key, failures: 1, windowStartedAt: ago(2 * LONGEST_WINDOW_MS) });

	it('purges at once and on every tick, and not after it is stopped', async () => {
		await expiredRow('t3:at-start');
		const logger = log();
		const stop = startAttemptCleanup(t.deps, logger, 30);
		await vi.waitFor(async () => expect(await keysLike('t3:')).toEqual([]));
		await expiredRow('t3:on-a-tick');
		await vi.waitFor(async () => expect(await keysLike('t3:')).toEqual([]));
		expect(logger.info).toHaveBeenCalledWith({ purged: 1 }, 'expired attempt counters purged');
		await stop();
		await expiredRow('t3:after-stop');
		await new Promise((resolve) => setTimeout(resolve, 150));
		expect(await keysLike('t3:')).toEqual(['t3:after-stop']);
		expect(logger.error).not.toHaveBeenCalled();
	});

	it('logs a failure instead of throwing, and tries again on the next tick', async () => {
		let calls = 0;
		const failing = {
			delete: () => {
				calls++;
				throw new Error('database unavailable');
			}
		} as unknown as Db;
		const logger = log();
		const stop = startAttemptCleanup({ db: failing, now: () => t.clock.now }, logger, 20);
		await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(2));
		await stop();
		expect(logger.error).toHaveBeenCalledTimes(calls);
		expect(logger.error.mock.calls[0]![1]).toBe('attempt counter cleanup failed');
	});
});
