import {
	CycleParams,
	Idea,
	IdeaCreateBody,
	IdeaCreated,
	IdeaListQuery,
	IdeaPage,
	IdeaParams,
	ModerationBody,
	SimilarIdeaList
} from '@allot/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { getIdea, listIdeas, moderateIdea, similarIdeas, submitIdea } from './ideas.service.ts';

const tags = ['Ideas'];
const security = [{ bearer: [] }];
/**
 * Guests may submit: a per-address limit keeps one script from flooding a cycle, and is high
 * enough for a classroom behind one school address.
 */
const SUBMIT_RATE_LIMIT = { max: 60, timeWindow: 10 * 60_000 };

export const ideaRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
	app.addHook('onRequest', app.identify);
	app.post(
		'/cycles/:slug/ideas',
		{
			config: { rateLimit: SUBMIT_RATE_LIMIT },
			schema: {
				params: CycleParams,
				body: IdeaCreateBody,
				response: { 201: IdeaCreated },
				tags,
				summary: 'Submit an idea (anyone, during the ideas phase); answers with similar ideas'
			}
		},
		async (req, reply) =>
			reply.code(201).send(await submitIdea(deps, req.actor, req.params.slug, req.body))
	);
	app.get(
		'/cycles/:slug/ideas',
		{
			schema: {
				params: CycleParams,
				querystring: IdeaListQuery,
				response: { 200: IdeaPage },
				tags,
				summary: 'Ideas, newest first: search titles and descriptions, filter, page'
			}
		},
		async (req) => listIdeas(deps, req.actor, req.params.slug, req.query)
	);
	app.get(
		'/cycles/:slug/ideas/:ideaId',
		{ schema: { params: IdeaParams, response: { 200: Idea }, tags, summary: 'One idea' } },
		async (req) => getIdea(deps, req.actor, req.params)
	);
	app.get(
		'/cycles/:slug/ideas/:ideaId/similar',
		{
			schema: {
				params: IdeaParams,
				response: { 200: SimilarIdeaList },
				tags,
				summary: 'Likely duplicates of an idea'
			}
		},
		async (req) => similarIdeas(deps, req.params)
	);
	app.post(
		'/cycles/:slug/ideas/:ideaId/hide',
		{
			schema: {
				params: IdeaParams,
				body: ModerationBody,
				response: { 200: Idea },
				tags,
				security,
				summary: 'Hide an idea with a public reason (moderator, admin)'
			}
		},
		async (req) => moderateIdea(deps, req.actor, req.params, req.body)
	);
	app.post(
		'/cycles/:slug/ideas/:ideaId/restore',
		{
			schema: {
				params: IdeaParams,
				response: { 200: Idea },
				tags,
				security,
				summary: 'Show a hidden idea again (moderator, admin)'
			}
		},
		async (req) => moderateIdea(deps, req.actor, req.params, null)
	);
};
