import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const Env = z.object({
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	HOST: z.string().default('0.0.0.0'),
	/** unset: embedded PGlite under DATA_DIR; set: a PostgreSQL server */
	DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
	/**
	 * node-postgres pool size per process. More is not faster: past a few connections per core
	 * the server's processes only contend (context switches, lock and buffer contention). On the
	 * 2-core box `npm run bench:vote` spent 0.40 ms of database CPU per ballot with 10 connections,
	 * 0.47 ms with 16 and 0.66–0.91 ms with 32 (pgbench alone agrees: the ballot statement peaks
	 * at 8–16 clients).
	 */
	DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
	DATA_DIR: z.string().default('./.data'),
	/** HS256 signing secret; generated per process when unset (tokens then die with the process) */
	JWT_SECRET: z.string().min(32).optional(),
	JWT_ISSUER: z.string().default('allot'),
	JWT_AUDIENCE: z.string().default('allot-api'),
	ALLOT_ADMIN_EMAIL: z.email().optional(),
	ALLOT_ADMIN_PASSWORD: z.string().min(12).optional(),
	/**
	 * secret mixed into access-code hashes (kept out of the database, so a stolen table cannot
	 * be checked offline); changing it invalidates every unused code
	 */
	ACCESS_CODE_PEPPER: z.string().min(16).optional(),
	/** public origin, used in links and CSP; defaults to http://localhost:PORT */
	PUBLIC_ORIGIN: z.url().optional(),
	/** comma list of origins allowed by CORS; empty = closed */
	CORS_ORIGINS: z.string().default(''),
	TRUST_PROXY: z.stringbool().default(false),
	/** load shedding (api/src/plugins/overload.ts): 503 past this many requests in flight; 0 = off */
	OVERLOAD_MAX_IN_FLIGHT: z.coerce.number().int().min(0).default(256),
	/**
	 * load shedding: 503 while the event loop's mean delay is above this (ms); 0 = off. Off by
	 * default: on the embedded database every query runs on the event loop, so a long one (a
	 * tally) delays it without the process being overloaded. Worth setting (e.g. 500) on a server.
	 */
	OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(0),
	/** the Retry-After (seconds) sent with a shed request */
	OVERLOAD_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).default(2),
	/** staff sign-in attempts per client address per minute (@fastify/rate-limit) */
	LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	/** skip seeding the demo cycles on first start */
	ALLOT_NO_SEED: z.stringbool().default(false)
});

export type Config = z.infer<typeof Env> & { JWT_SECRET: string; jwtSecretGenerated: boolean };

/** Parses the environment once; modules receive the result, never read process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	// An empty variable means "not set" (as shells and compose files often pass them).
	const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
	const parsed = Env.parse(present);
	const generated = !parsed.JWT_SECRET;
	return {
		...parsed,
		JWT_SECRET: parsed.JWT_SECRET ?? randomBytes(32).toString('base64url'),
		jwtSecretGenerated: generated
	};
}
