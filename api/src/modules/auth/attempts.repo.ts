import { attemptCounters, type DbOrTx } from '@allot/db';
import { and, eq, gt, inArray, isNull, lte, max, or, sql } from 'drizzle-orm';

/**
 * Attempt counters in the database (table attempt_counters), so limits hold across restarts
 * and replicas. One row per key, e.g. `login:account:<email>`, `login:ip:<ip>`, `rate:<route>:<ip>`.
 * `failures` counts attempts in the window that started at `window_started_at`.
 */

export interface LockoutLimits {
	/** failures within the window that lock the key */
	maxFailures: number;
	windowMs: number;
	lockMs: number;
}

/**
 * The longest window any caller counts in: a real access code's refused eligibility claims
 * (voters/lockout.ts CODE_LIMITS.code, 1 hour; the others are 1 to 15 minutes). The cleanup keeps
 * every row whose window started less than this long ago, so it never forgets an attempt that
 * could still count; countAttempt refuses a longer window, so a new caller must raise this first.
 */
export const LONGEST_WINDOW_MS = 60 * 60_000;

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** The latest `locked_until` still in the future among `keys`, if any. */
export async function lockedUntil(
	db: DbOrTx,
	keys: string[],
	now: Date
): Promise<Date | undefined> {
	const [row] = await db
		.select({ until: max(attemptCounters.lockedUntil) })
		.from(attemptCounters)
		.where(and(inArray(attemptCounters.key, keys), gt(attemptCounters.lockedUntil, ts(now))));
	return row?.until ? new Date(row.until) : undefined;
}

/**
 * Counts one attempt on `key` in one atomic upsert (no read-then-write race between
 * replicas): a window older than `windowMs` restarts at 1. Returns the count and when the
 * window started. With `lock`, reaching `maxFailures` sets `locked_until`.
 */
export async function countAttempt(
	db: DbOrTx,
	key: string,
	now: Date,
	windowMs: number,
	lock?: Pick<LockoutLimits, 'maxFailures' | 'lockMs'>
): Promise<{ count: number; windowStartedAt: Date }> {
	if (windowMs > LONGEST_WINDOW_MS) {
		throw new Error(`attempt window ${windowMs} ms exceeds LONGEST_WINDOW_MS; raise it first`);
	}
	const expired = sql`${attemptCounters.windowStartedAt} <= ${ts(new Date(now.getTime() - windowMs))}`;
	const next = sql`case when ${expired} then 1 else ${attemptCounters.failures} + 1 end`;
	const lockUntil = lock
		? sql`case when ${next} >= ${lock.maxFailures} then ${ts(new Date(now.getTime() + lock.lockMs))} else ${attemptCounters.lockedUntil} end`
		: attemptCounters.lockedUntil;
	const [row] = await db
		.insert(attemptCounters)
		.values({
			key,
			failures: 1,
			windowStartedAt: now,
			lockedUntil: lock && lock.maxFailures <= 1 ? new Date(now.getTime() + lock.lockMs) : null
		})
		.onConflictDoUpdate({
			target: attemptCounters.key,
			set: {
				failures: next,
				windowStartedAt: sql`case when ${expired} then ${ts(now)} else ${attemptCounters.windowStartedAt} end`,
				lockedUntil: lockUntil
			}
		})
		.returning({
			count: attemptCounters.failures,
			windowStartedAt: attemptCounters.windowStartedAt
		});
	return { count: row!.count, windowStartedAt: new Date(row!.windowStartedAt) };
}

/** Forgets a key's failures (after a success). */
export async function clearAttempts(db: DbOrTx, key: string): Promise<void> {
	await db.delete(attemptCounters).where(eq(attemptCounters.key, key));
}

/**
 * Deletes the rows that can no longer affect a decision: their window started at least
 * LONGEST_WINDOW_MS ago (expired for every caller, the same `<=` countAttempt uses) and their
 * lock, if any, has ended. Their keys hold IP and e-mail addresses, kept no longer than needed.
 * Safe beside concurrent countAttempt calls: PostgreSQL re-checks the condition on a row updated
 * meanwhile (a restarted window survives), and a key deleted first is simply inserted afresh.
 * Returns how many rows went.
 */
export async function deleteExpiredAttempts(db: DbOrTx, now: Date): Promise<number> {
	const deleted = await db
		.delete(attemptCounters)
		.where(
			and(
				lte(attemptCounters.windowStartedAt, ts(new Date(now.getTime() - LONGEST_WINDOW_MS))),
				or(isNull(attemptCounters.lockedUntil), lte(attemptCounters.lockedUntil, ts(now)))
			)
		)
		.returning({ key: attemptCounters.key });
	return deleted.length;
}
