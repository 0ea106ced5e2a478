import {
	CycleParams,
	ProjectSummary,
	Proposal,
	ProposalAssignBody,
	ProposalCreateBody,
	ProposalList,
	ProposalListQuery,
	ProposalParams,
	ProposalPromoteBody,
	ProposalReviewBody,
	ProposalUpdateBody
} from '@allot/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import {
	assignReviewer,
	createProposal,
	getProposal,
	listProposals,
	updateProposal
} from './proposals.service.ts';
import { promoteProposal, reviewProposal } from './review.service.ts';

const tags = ['Proposals'];
const security = [{ bearer: [] }];

export const proposalRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
	app.get(
		'/cycles/:slug/proposals',
		{
			onRequest: [app.identify],
			schema: {
				params: CycleParams,
				querystring: ProposalListQuery,
				response: { 200: ProposalList },
				tags,
				summary: 'Proposals; ?feasibility=infeasible lists why each did not reach the ballot'
			}
		},
		async (req) => listProposals(deps, req.actor, req.params.slug, req.query)
	);
	app.get(
		'/cycles/:slug/proposals/:proposalId',
		{
			onRequest: [app.identify],
			schema: { params: ProposalParams, response: { 200: Proposal }, tags, summary: 'One proposal' }
		},
		async (req) => getProposal(deps, req.actor, req.params)
	);
	app.post(
		'/cycles/:slug/proposals',
		{
			onRequest: [app.authenticate],
			schema: {
				params: CycleParams,
				body: ProposalCreateBody,
				response: { 201: Proposal },
				tags,
				security,
				summary: 'Merge one or more ideas into a proposal (admin, reviewer)'
			}
		},
		async (req, reply) =>
			reply.code(201).send(await createProposal(deps, req.actor, req.params.slug, req.body))
	);
	app.patch(
		'/cycles/:slug/proposals/:proposalId',
		{
			onRequest: [app.authenticate],
			schema: {
				params: ProposalParams,
				body: ProposalUpdateBody,
				response: { 200: Proposal },
				tags,
				security,
				summary: "Edit a proposal's texts and labels (admin, reviewer)"
			}
		},
		async (req) => updateProposal(deps, req.actor, req.params, req.body)
	);
	app.post(
		'/cycles/:slug/proposals/:proposalId/assign',
		{
			onRequest: [app.authenticate],
			schema: {
				params: ProposalParams,
				body: ProposalAssignBody,
				response: { 200: Proposal },
				tags,
				security,
				summary: 'Assign a reviewer, or clear the assignment with null (admin)'
			}
		},
		async (req) => assignReviewer(deps, req.actor, req.params, req.body)
	);
	app.post(
		'/cycles/:slug/proposals/:proposalId/review',
		{
			onRequest: [app.authenticate],
			schema: {
				params: ProposalParams,
				body: ProposalReviewBody,
				response: { 200: Proposal },
				tags,
				security,
				summary: 'Record feasibility, cost estimate and notes (admin, the assigned reviewer)'
			}
		},
		async (req) => reviewProposal(deps, req.actor, req.params, req.body)
	);
	app.post(
		'/cycles/:slug/proposals/:proposalId/promote',
		{
			onRequest: [app.authenticate],
			schema: {
				params: ProposalParams,
				// every field is optional, so a request without a body is fine too
				body: ProposalPromoteBody.nullable(),
				response: { 201: ProjectSummary },
				tags,
				security,
				summary: 'Put a feasible proposal on the ballot at its cost estimate (admin)'
			}
		},
		async (req, reply) =>
			reply.code(201).send(await promoteProposal(deps, req.actor, req.params, req.body ?? {}))
	);
};
