import Fastify, { type FastifyServerOptions } from 'fastify';
import {
	serializerCompiler,
	validatorCompiler,
	type ZodTypeProvider
} from 'fastify-type-provider-zod';
import type { Deps } from './deps.ts';
import { accessCodeRoutes } from './modules/access-codes/access-codes.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { ballotRoutes } from './modules/ballots/ballots.routes.ts';
import { commentRoutes } from './modules/comments/comments.routes.ts';
import { cycleRoutes } from './modules/cycles/cycles.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { ideaRoutes } from './modules/ideas/ideas.routes.ts';
import { kioskSessionUsable } from './modules/kiosk/kiosk-guard.ts';
import { kioskRoutes } from './modules/kiosk/kiosk.routes.ts';
import { openDataRoutes } from './modules/open-data/open-data.routes.ts';
import { importRoutes } from './modules/pabulib-import/import.routes.ts';
import { projectRoutes } from './modules/projects/projects.routes.ts';
import { resultRoutes } from './modules/results/results.routes.ts';
import { proposalRoutes } from './modules/proposals/proposals.routes.ts';
import { findStaffById } from './modules/staff/staff.repo.ts';
import { staffRoutes } from './modules/staff/staff.routes.ts';
import { voterRoutes } from './modules/voters/voters.routes.ts';
import { authPlugin } from './plugins/auth.ts';
import { corsOrigins, corsPlugin } from './plugins/cors.ts';
import { errorsPlugin, frameworkErrors } from './plugins/errors.ts';
import { overloadPlugin } from './plugins/overload.ts';
import { rateLimitPlugin } from './plugins/rate-limit.ts';
import { swaggerPlugin } from './plugins/swagger.ts';
import { securityHeadersPlugin } from './plugins/security-headers.ts';

export interface BuildOptions {
	logger?: FastifyServerOptions['logger'];
	/** passed to Fastify for one-port serving (see server.ts) */
	serverFactory?: FastifyServerOptions['serverFactory'];
}

/** Builds the API. Never listens: server.ts does, tests use app.inject(). */
export async function buildApp(deps: Deps, options: BuildOptions = {}) {
	const app = Fastify({
		logger: options.logger ?? false,
		serverFactory: options.serverFactory,
		trustProxy: deps.config.TRUST_PROXY,
		bodyLimit: 1024 * 1024,
		// Request ids in logs and 500 problem details, so a user's report can be traced.
		genReqId: () => crypto.randomUUID(),
		frameworkErrors
	}).withTypeProvider<ZodTypeProvider>();
	app.setValidatorCompiler(validatorCompiler);
	app.setSerializerCompiler(serializerCompiler);
	// Strict content types: JSON only, unless a route registers its own parser (pabulib import).
	app.removeContentTypeParser('text/plain');

	await app.register(errorsPlugin);
	// The security headers first, so that even a shed request carries them (they are cheap: the
	// middleware is built once); then shedding, before any other work.
	await app.register(securityHeadersPlugin);
	await app.register(overloadPlugin, { config: deps.config });
	await app.register(corsPlugin, { origins: corsOrigins(deps.config.CORS_ORIGINS) });
	await app.register(authPlugin, {
		config: deps.config,
		staffStatus: (id) => findStaffById(deps.db, id),
		kioskStatus: (p) => kioskSessionUsable(deps, p)
	});
	await app.register(rateLimitPlugin, { deps });
	await app.register(swaggerPlugin);
	await app.register(
		async (api) => {
			await api.register(healthRoutes, { deps });
			await api.register(cycleRoutes, { deps });
			await api.register(projectRoutes, { deps });
			await api.register(authRoutes, { deps });
			await api.register(staffRoutes, { deps });
			await api.register(ideaRoutes, { deps });
			await api.register(proposalRoutes, { deps });
			await api.register(commentRoutes, { deps });
			await api.register(auditRoutes, { deps });
			// voting (issue 5)
			await api.register(accessCodeRoutes, { deps });
			await api.register(voterRoutes, { deps });
			await api.register(ballotRoutes, { deps });
			await api.register(kioskRoutes, { deps });
			await api.register(resultRoutes, { deps });
			await api.register(openDataRoutes, { deps });
			await api.register(importRoutes, { deps });
		},
		{ prefix: '/api' }
	);
	return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
