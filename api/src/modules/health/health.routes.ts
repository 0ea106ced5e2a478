import { HealthResponse } from '@allot/shared';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';

export const healthRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
	app.get(
		'/health',
		{
			schema: {
				response: { 200: HealthResponse },
				tags: ['Health'],
				summary: 'Liveness and database'
			},
			// A busy replica is still alive: load balancers must not take it out for shedding load.
			config: { shed: false }
		},
		async () => {
			await deps.db.execute(sql`select 1`);
			return { status: 'ok' as const, database: deps.dbKind };
		}
	);
};
