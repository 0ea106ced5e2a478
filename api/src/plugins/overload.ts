import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import { sendProblem } from './errors.ts';

declare module 'fastify' {
	interface FastifyContextConfig {
		/** `false`: never shed this route (health checks must answer while the API is busy) */
		shed?: boolean;
	}
}

export type OverloadConfig = Pick<
	Config,
	'OVERLOAD_MAX_IN_FLIGHT' | 'OVERLOAD_MAX_EVENT_LOOP_DELAY_MS' | 'OVERLOAD_RETRY_AFTER_SECONDS'
>;

const overloaded = (retryAfterSeconds: number, detail: string) =>
	new AppError('OVERLOADED', 503, detail, { retryAfterSeconds });

/**
 * Past capacity, refuse early and cheaply (503 OVERLOADED with Retry-After) instead of queueing
 * until every request is slow. Two signals, each off at 0:
 * - requests in flight in this process above OVERLOAD_MAX_IN_FLIGHT: they wait on the
 *   database pool, so beyond a few hundred each new one only adds to everyone's latency;
 * - the event loop's mean delay above OVERLOAD_MAX_EVENT_LOOP_DELAY_MS (@fastify/under-pressure):
 *   the process itself is out of CPU.
 * A refused request did nothing, so a client may retry it safely; an accepted one is answered
 * only after its transaction committed, so shedding never loses an acknowledged ballot.
 */
export const overloadPlugin = fp(
	async (app: FastifyInstance, { config }: { config: OverloadConfig }) => {
		const retryAfter = config.OVERLOAD_RETRY_AFTER_SECONDS;
		const exempt = (req: FastifyRequest) => req.routeOptions.config?.shed === false;
		if (config.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS > 0) {
			await app.register(underPressure, {
				maxEventLoopDelay: config.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS,
				retryAfter,
				pressureHandler: (req) =>
					exempt(req)
						? undefined
						: Promise.reject(overloaded(retryAfter, 'The server is busy: try again shortly'))
			});
		}
		const max = config.OVERLOAD_MAX_IN_FLIGHT;
		if (max <= 0) return;
		let inFlight = 0;
		const detail = 'Too many requests in progress: try again shortly';
		// The refusal is answered right here, not thrown: no error object (with its stack trace)
		// and no trip through the error handler. Past capacity, refusals are most of the work, and
		// every microsecond they take is taken from the ballots being accepted.
		app.addHook('onRequest', (req, reply, done) => {
			if (exempt(req)) return done();
			if (inFlight >= max) {
				reply.header('retry-after', String(retryAfter));
				sendProblem(reply, 503, 'OVERLOADED', { detail, retryAfterSeconds: retryAfter });
				return;
			}
			inFlight++;
			// 'close' fires once per response, whether it was sent or the client went away.
			reply.raw.once('close', () => inFlight--);
			done();
		});
	}
);
