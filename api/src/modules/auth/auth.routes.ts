import { LoginBody, LoginResponse, Me, PasswordChangeBody } from '@allot/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { changePassword, login, me } from './auth.service.ts';

export const authRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
	// Per address: enough for a person mistyping, far too few for guessing (lockouts do the rest).
	const LOGIN_RATE_LIMIT = { max: deps.config.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: 60_000 };
	app.post(
		'/auth/login',
		{
			config: { rateLimit: LOGIN_RATE_LIMIT },
			schema: {
				body: LoginBody,
				response: { 200: LoginResponse },
				tags: ['Auth'],
				summary: 'Staff sign-in: a bearer token'
			}
		},
		async (req, reply) => {
			const claims = await login(deps, req.body, req.ip);
			return { token: await reply.jwtSign(claims) };
		}
	);
	app.get(
		'/auth/me',
		{
			onRequest: [app.authenticate],
			schema: {
				response: { 200: Me },
				tags: ['Auth'],
				summary: 'The signed-in staff member',
				security: [{ bearer: [] }]
			}
		},
		async (req) => me(deps, req.actor)
	);
	app.post(
		'/auth/password',
		{
			onRequest: [app.authenticate],
			config: { rateLimit: LOGIN_RATE_LIMIT },
			schema: {
				body: PasswordChangeBody,
				response: { 204: z.null() },
				tags: ['Auth'],
				summary: 'Change your own password',
				security: [{ bearer: [] }]
			}
		},
		async (req, reply) => {
			await changePassword(deps, req.actor, req.body, req.ip);
			return reply.code(204).send(null);
		}
	);
};
