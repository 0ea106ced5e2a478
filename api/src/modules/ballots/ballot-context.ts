import type { Db } from '@allot/db';
import { findBallotContext } from './ballots.repo.ts';

export type BallotContext = NonNullable<Awaited<ReturnType<typeof findBallotContext>>>;

/** How long a process reuses what it read about a cycle for ballots (ms). */
export const CONTEXT_TTL_MS = 5_000;
const MAX_ENTRIES = 1_000;

interface Entry {
	context: BallotContext;
	expires: number;
}
const caches = new WeakMap<Db, Map<string, Entry>>();

/**
 * What a ballot is checked against (rules, pot, projects), read once per cycle every few seconds
 * per process instead of once per ballot: the hot path of the vote then costs one statement.
 * Only cycles in voting whose rules are locked are kept. From the first ballot on, the rules and
 * the pot are locked (RULES_LOCKED) and the projects are frozen (they change only before voting,
 * and voting cannot go back to development once a ballot exists), so what is kept cannot be
 * stale. The phase and the link key may change: the write statement re-checks both under the
 * cycle's row lock, so a kept entry never lets a ballot in after the vote closed. Not state for
 * correctness: every replica may keep its own, and a restart loses nothing.
 */
export async function ballotContext(
	db: Db,
	slug: string,
	nowMs: number
): Promise<BallotContext | undefined> {
	let cache = caches.get(db);
	if (!cache) caches.set(db, (cache = new Map()));
	const hit = cache.get(slug);
	if (hit && hit.expires > nowMs) return hit.context;
	const context = await findBallotContext(db, slug);
	if (context?.phase === 'voting' && context.rulesLockedAt) {
		if (cache.size >= MAX_ENTRIES) cache.clear();
		cache.set(slug, { context, expires: nowMs + CONTEXT_TTL_MS });
	} else {
		cache.delete(slug);
	}
	return context;
}
