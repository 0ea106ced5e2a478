import { BallotAck, BallotBody, CycleParams, MyBallot } from '@allot/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { getMyBallot, submitBallot } from './ballots.service.ts';

const tags = ['Voting'];
const security = [{ bearer: [] }];

export const ballotRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
	app.put(
		'/cycles/:slug/ballot',
		{
			onRequest: [app.authenticate],
			schema: {
				params: CycleParams,
				body: BallotBody,
				response: { 200: BallotAck },
				tags,
				security,
				summary:
					'Submit or revise your ballot ({ranking} | {approvals} | {points}); the last revision counts'
			}
		},
		async (req) => submitBallot(deps, req.actor, req.params.slug, req.body)
	);
	app.get(
		'/cycles/:slug/ballot',
		{
			onRequest: [app.authenticate],
			schema: {
				params: CycleParams,
				response: { 200: MyBallot },
				tags,
				security,
				summary: 'Your current ballot and receipt tracker (nulls before the first submission)'
			}
		},
		async (req) => getMyBallot(deps, req.actor, req.params.slug)
	);
};
