import {
	Comment,
	CommentCreateBody,
	CommentList,
	CommentParams,
	IdeaParams,
	ModerationBody,
	ProposalParams
} from '@allot/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { listComments, moderateComment, postComment } from './comments.service.ts';

const tags = ['Comments'];
const security = [{ bearer: [] }];
/** Guests may comment: per address, enough for a classroom, too few to flood a discussion. */
const POST_RATE_LIMIT = { max: 60, timeWindow: 10 * 60_000 };

export const commentRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
	app.addHook('onRequest', app.identify);
	app.get(
		'/cycles/:slug/ideas/:ideaId/comments',
		{
			schema: {
				params: IdeaParams,
				response: { 200: CommentList },
				tags,
				summary: "An idea's comments, oldest first"
			}
		},
		async (req) =>
			listComments(deps, req.actor, {
				slug: req.params.slug,
				target: { type: 'idea', id: req.params.ideaId }
			})
	);
	app.post(
		'/cycles/:slug/ideas/:ideaId/comments',
		{
			config: { rateLimit: POST_RATE_LIMIT },
			schema: {
				params: IdeaParams,
				body: CommentCreateBody,
				response: { 201: Comment },
				tags,
				summary: 'Comment on an idea (anyone, during ideas and development)'
			}
		},
		async (req, reply) => {
			const target = { type: 'idea' as const, id: req.params.ideaId };
			return reply
				.code(201)
				.send(await postComment(deps, req.actor, { slug: req.params.slug, target }, req.body));
		}
	);
	app.get(
		'/cycles/:slug/proposals/:proposalId/comments',
		{
			schema: {
				params: ProposalParams,
				response: { 200: CommentList },
				tags,
				summary: "A proposal's comments, oldest first"
			}
		},
		async (req) =>
			listComments(deps, req.actor, {
				slug: req.params.slug,
				target: { type: 'proposal', id: req.params.proposalId }
			})
	);
	app.post(
		'/cycles/:slug/proposals/:proposalId/comments',
		{
			config: { rateLimit: POST_RATE_LIMIT },
			schema: {
				params: ProposalParams,
				body: CommentCreateBody,
				response: { 201: Comment },
				tags,
				summary: 'Comment on a proposal (anyone, during ideas and development)'
			}
		},
		async (req, reply) => {
			const target = { type: 'proposal' as const, id: req.params.proposalId };
			return reply
				.code(201)
				.send(await postComment(deps, req.actor, { slug: req.params.slug, target }, req.body));
		}
	);
	app.post(
		'/cycles/:slug/comments/:commentId/hide',
		{
			schema: {
				params: CommentParams,
				body: ModerationBody,
				response: { 200: Comment },
				tags,
				security,
				summary: 'Hide a comment with a public reason (moderator, admin)'
			}
		},
		async (req) => moderateComment(deps, req.actor, req.params, req.body)
	);
	app.post(
		'/cycles/:slug/comments/:commentId/restore',
		{
			schema: {
				params: CommentParams,
				response: { 200: Comment },
				tags,
				security,
				summary: 'Show a hidden comment again (moderator, admin)'
			}
		},
		async (req) => moderateComment(deps, req.actor, req.params, null)
	);
};
