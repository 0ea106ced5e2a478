import { CycleParams, RegisterVoterBody, VoterToken } from '@allot/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { signVoterToken } from './voter-token.ts';
import { registerVoter } from './voters.service.ts';

export const voterRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
	app.post(
		'/cycles/:slug/voters',
		{
			schema: {
				params: CycleParams,
				body: RegisterVoterBody,
				response: { 201: VoterToken },
				tags: ['Voting'],
				summary: 'Become a voter with an access code (single use) and your eligibility facts'
			}
		},
		async (req, reply) => {
			const voter = await registerVoter(deps, req.params.slug, req.body, req.ip);
			return reply.code(201).send(signVoterToken(app, { ...voter, channel: 'online' }));
		}
	);
};
