import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/** What every answer carries, API and web pages alike: nosniff, no framing, HSTS, COOP/CORP. */
const common: HelmetOptions = {
	crossOriginEmbedderPolicy: false,
	// No framing at all, as frame-ancestors 'none' says (helmet's default is SAMEORIGIN).
	frameguard: { action: 'deny' }
};

/** The API's headers, with the strict CSP of DESIGN's security baseline. */
export const apiHeaders = helmet({
	...common,
	contentSecurityPolicy: {
		directives: {
			defaultSrc: ["'self'"],
			baseUri: ["'none'"],
			frameAncestors: ["'none'"],
			formAction: ["'self'"],
			objectSrc: ["'none'"],
			imgSrc: ["'self'", 'data:'],
			scriptSrc: ["'self'"],
			styleSrc: ["'self'", "'unsafe-inline'"]
		}
	}
});

/**
 * The web pages' headers: the same, except the CSP, which SvelteKit writes itself with the
 * nonces of its inline bootstrap (kit.csp in web/svelte.config.js). Referrer policy is
 * `same-origin`, not `no-referrer`: under no-referrer browsers send `Origin: null` on plain form
 * posts, and the web tier's same-origin check (hooks.server.ts) then refuses every no-JavaScript
 * vote. Nothing leaks cross-site.
 */
export const webHeaders = helmet({
	...common,
	contentSecurityPolicy: false,
	referrerPolicy: { policy: 'same-origin' }
});

/**
 * Sets the API's headers on every answer, errors and 404s included. The middleware is built
 * once: @fastify/helmet rebuilt helmet (and re-parsed the CSP) on every request, 7 % of the API's
 * CPU per ballot under `npm run bench:vote`.
 */
export const securityHeadersPlugin = fp(async (app: FastifyInstance) => {
	app.addHook('onRequest', (request, reply, done) =>
		apiHeaders(request.raw, reply.raw, (err?: unknown) => done(err as Error | undefined))
	);
});
