import {
	CycleParams,
	ProjectCreateBody,
	ProjectParams,
	ProjectSummary,
	ProjectUpdateBody
} from '@allot/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { createProject, deleteProject, updateProject } from './projects.service.ts';

const meta = { tags: ['Projects'], security: [{ bearer: [] }] };

export const projectRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
	app.addHook('onRequest', app.authenticate);
	app.post(
		'/cycles/:slug/projects',
		{
			schema: {
				params: CycleParams,
				body: ProjectCreateBody,
				response: { 201: ProjectSummary },
				summary: 'Add a ballot project; the id is generated (P13) when absent (admin)',
				...meta
			}
		},
		async (req, reply) =>
			reply.code(201).send(await createProject(deps, req.actor, req.params.slug, req.body))
	);
	app.patch(
		'/cycles/:slug/projects/:projectId',
		{
			schema: {
				params: ProjectParams,
				body: ProjectUpdateBody,
				response: { 200: ProjectSummary },
				summary: 'Edit a ballot project until voting opens (admin)',
				...meta
			}
		},
		async (req) => updateProject(deps, req.actor, req.params, req.body)
	);
	app.delete(
		'/cycles/:slug/projects/:projectId',
		{
			schema: {
				params: ProjectParams,
				response: { 204: z.null() },
				summary: 'Remove a ballot project until voting opens (admin)',
				...meta
			}
		},
		async (req, reply) => {
			await deleteProject(deps, req.actor, req.params);
			return reply.code(204).send(null);
		}
	);
};
