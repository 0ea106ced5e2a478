import { BallotAck, BallotBody, CycleParams, MyBallot } from '@allot/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { getMyBallot, submitBallot } from './ballots.service.ts';

const tags = ['Voting'];
const security = [{ bearer: [] }];
/**
 * No access log for ballot requests (errors are still logged): a line per submission would pair a
 * client address with the time of a ballot revision, which the secret ballot must not keep, and
 * it is the hottest path of the vote.
 */
const logLevel = 'warn';

export const ballotRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
	app.put(
		'/cycles/:slug/ballot',
		{
			logLevel,
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
			logLevel,
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
