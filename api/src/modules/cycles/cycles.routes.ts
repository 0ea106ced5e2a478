import {
	CycleCreateBody,
	CycleDetail,
	CycleList,
	CycleParams,
	CycleUpdateBody,
	PhaseChangeBody
} from '@allot/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { createCycle, getCycle, listCycles, updateCycle } from './cycles.service.ts';
import { changePhase } from './phase.service.ts';

const tags = ['Cycles'];
const security = [{ bearer: [] }];

export const cycleRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
	app.get(
		'/cycles',
		{ schema: { response: { 200: CycleList }, tags, summary: 'List budget cycles' } },
		async () => listCycles(deps)
	);
	app.get(
		'/cycles/:slug',
		{
			schema: {
				params: CycleParams,
				response: { 200: CycleDetail },
				tags,
				summary: 'A cycle with its phase, pot, rules and ballot projects'
			}
		},
		async (req) => getCycle(deps, req.params.slug)
	);
	app.post(
		'/cycles',
		{
			onRequest: [app.authenticate],
			schema: {
				body: CycleCreateBody,
				response: { 201: CycleDetail },
				tags,
				security,
				summary: 'Create a cycle in draft (admin)'
			}
		},
		async (req, reply) => reply.code(201).send(await createCycle(deps, req.actor, req.body))
	);
	app.patch(
		'/cycles/:slug',
		{
			onRequest: [app.authenticate],
			schema: {
				params: CycleParams,
				body: CycleUpdateBody,
				response: { 200: CycleDetail },
				tags,
				security,
				summary: 'Edit a cycle; rules, eligibility and pot lock at the first ballot (admin)'
			}
		},
		async (req) => updateCycle(deps, req.actor, req.params.slug, req.body)
	);
	app.post(
		'/cycles/:slug/phase',
		{
			onRequest: [app.authenticate],
			schema: {
				params: CycleParams,
				body: PhaseChangeBody,
				response: { 200: CycleDetail },
				tags,
				security,
				summary: 'Move the cycle to another phase when the work it needs is done (admin)'
			}
		},
		async (req) => changePhase(deps, req.actor, req.params.slug, req.body)
	);
};
