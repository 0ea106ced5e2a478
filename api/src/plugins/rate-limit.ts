import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Deps } from '../deps.ts';
import { countAttempt } from '../modules/auth/attempts.repo.ts';

/**
 * A @fastify/rate-limit store on the attempt_counters table instead of process memory: the API
 * keeps no state between requests, so limits hold across replicas (DESIGN "Scale-out"). Time
 * comes from `deps.now`, the same clock the lockouts use.
 */
function pgStore(deps: Deps) {
	return class PgRateLimitStore implements FastifyRateLimitStore {
		constructor(
			_options: unknown,
			private readonly prefix = 'rate'
		) {}

		incr(
			key: string,
			done: (e: Error | null, r?: { current: number; ttl: number }) => void,
			timeWindow: number
		) {
			const now = deps.now();
			countAttempt(deps.db, `${this.prefix}:${key}`, now, timeWindow).then(
				({ count, windowStartedAt }) => {
					const ttl = Math.max(0, windowStartedAt.getTime() + timeWindow - now.getTime());
					done(null, { current: count, ttl });
				},
				done
			);
		}

		child(routeOptions: object) {
			// The plugin passes the route's merged options; count each route on its own.
			const route = (routeOptions as { routeInfo?: { method?: unknown; url?: string } }).routeInfo;
			return new PgRateLimitStore(undefined, `rate:${String(route?.method)}:${route?.url}`);
		}
	};
}

/** Per-route limits only (`config.rateLimit` on the route), keyed by client IP. */
export const rateLimitPlugin = fp(async (app: FastifyInstance, { deps }: { deps: Deps }) => {
	await app.register(rateLimit, { global: false, store: pgStore(deps) });
});
