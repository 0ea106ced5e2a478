import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../deps.ts';
import { deleteExpiredAttempts } from './attempts.repo.ts';

/** How often the server purges expired attempt counters. */
export const CLEANUP_EVERY_MS = 5 * 60_000;

/**
 * Purges expired attempt counters (deleteExpiredAttempts) once at start and then every
 * `everyMs`, so a counter's IP or e-mail address is gone at most `everyMs` after it stopped
 * mattering. A timer rather than deleting on the request path: sign-in and code redemption stay
 * one statement each (and are busiest exactly during a brute-force run, when the table grows),
 * and the rows go even when no more requests come. Every replica runs it; the delete is
 * idempotent and cheap on a table that holds about an hour of attempts, so no coordination.
 * The timer is unref'd (never keeps the process alive); a failure is logged and the next run
 * tries again. Returns stop(), which clears the timer and waits for a run in progress, so the
 * database can be closed after it.
 */
export function startAttemptCleanup(
	deps: Pick<Deps, 'db' | 'now'>,
	log: Pick<FastifyBaseLogger, 'info' | 'error'>,
	everyMs = CLEANUP_EVERY_MS
): () => Promise<void> {
	let running: Promise<void> | undefined;
	const run = () => {
		if (running) return; // a slow run is not stacked on itself
		running = deleteExpiredAttempts(deps.db, deps.now())
			.then(
				(purged) => {
					if (purged > 0) log.info({ purged }, 'expired attempt counters purged');
				},
				(err: unknown) => log.error({ err }, 'attempt counter cleanup failed')
			)
			.finally(() => {
				running = undefined;
			});
	};
	run();
	const timer = setInterval(run, everyMs).unref();
	return async () => {
		clearInterval(timer);
		await running;
	};
}
