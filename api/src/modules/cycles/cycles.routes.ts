import { CycleDetail, CycleList, CycleParams } from '@allot/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { getCycle, listCycles } from './cycles.service.ts';

export const cycleRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
	app.get(
		'/cycles',
		{ schema: { response: { 200: CycleList }, tags: ['Cycles'], summary: 'List budget cycles' } },
		async () => listCycles(deps)
	);
	app.get(
		'/cycles/:slug',
		{
			schema: {
				params: CycleParams,
				response: { 200: CycleDetail },
				tags: ['Cycles'],
				summary: 'A cycle with its phase, pot, rules and ballot projects'
			}
		},
		async (req) => getCycle(deps, req.params.slug)
	);
};
