import {
	CycleParams,
	KioskCheckInBody,
	KioskParams,
	KioskSession,
	KioskSessionBody,
	LiveTurnout,
	OpenedKioskSession,
	PaperBallotAck,
	PaperBallotBody,
	PollingSite,
	PollingSiteBody,
	PollingSiteList,
	VoterToken
} from '@allot/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { signVoterToken } from '../voters/voter-token.ts';
import { signKioskToken } from './kiosk-token.ts';
import * as kiosk from './kiosk.service.ts';

const tags = ['Polling sites and kiosks'];
const security = [{ bearer: [] }];

export const kioskRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
	const auth = { onRequest: [app.authenticate] };
	app.post(
		'/cycles/:slug/polling-sites',
		{
			...auth,
			schema: {
				params: CycleParams,
				body: PollingSiteBody,
				response: { 201: PollingSite },
				tags,
				security,
				summary: 'Add a polling site (admin)'
			}
		},
		async (req, reply) =>
			reply.code(201).send(await kiosk.createSite(deps, req.actor, req.params.slug, req.body))
	);
	app.get(
		'/cycles/:slug/polling-sites',
		{
			...auth,
			schema: {
				params: CycleParams,
				response: { 200: PollingSiteList },
				tags,
				security,
				summary: 'List polling sites'
			}
		},
		async (req) => kiosk.listSites(deps, req.actor, req.params.slug)
	);
	app.post(
		'/cycles/:slug/kiosk/sessions',
		{
			...auth,
			schema: {
				params: CycleParams,
				body: KioskSessionBody,
				response: { 201: OpenedKioskSession },
				tags,
				security,
				summary: 'Open a kiosk session at a polling site (poll worker), with its kiosk token'
			}
		},
		async (req, reply) => {
			const { cycleId, ...session } = await kiosk.openSession(
				deps,
				req.actor,
				req.params.slug,
				req.body.siteId
			);
			const notAfter = (req.user as { exp?: number }).exp;
			const kioskToken = signKioskToken(app, {
				sessionId: session.id,
				cycleId,
				siteId: session.siteId,
				notAfter
			});
			return reply.code(201).send({ ...session, kioskToken });
		}
	);
	app.get(
		'/cycles/:slug/kiosk/sessions/:sessionId',
		{
			...auth,
			schema: {
				params: KioskParams,
				response: { 200: KioskSession },
				tags,
				security,
				summary: 'The kiosk session, while it is open (its poll worker or its kiosk token)'
			}
		},
		async (req) => kiosk.viewSession(deps, req.actor, req.params.slug, req.params.sessionId)
	);
	app.post(
		'/cycles/:slug/kiosk/sessions/:sessionId/close',
		{
			...auth,
			schema: {
				params: KioskParams,
				response: { 200: KioskSession },
				tags,
				security,
				summary: 'Close a kiosk session (its poll worker or its kiosk token)'
			}
		},
		async (req) => kiosk.closeSession(deps, req.actor, req.params.slug, req.params.sessionId)
	);
	app.post(
		'/cycles/:slug/kiosk/sessions/:sessionId/voters',
		{
			...auth,
			schema: {
				params: KioskParams,
				body: KioskCheckInBody,
				response: { 201: VoterToken },
				tags,
				security,
				summary: 'Check a walk-in in: a 5-minute kiosk voter token (poll worker or kiosk token)'
			}
		},
		async (req, reply) => {
			const voter = await kiosk.kioskCheckIn(
				deps,
				req.actor,
				req.params.slug,
				req.params.sessionId,
				req.body
			);
			return reply.code(201).send(signVoterToken(app, { ...voter, channel: 'kiosk' }));
		}
	);
	app.post(
		'/cycles/:slug/kiosk/sessions/:sessionId/paper-ballots',
		{
			...auth,
			schema: {
				params: KioskParams,
				body: PaperBallotBody,
				response: { 201: PaperBallotAck },
				tags,
				security,
				summary: 'Enter one paper ballot with its voter’s stated facts'
			}
		},
		async (req, reply) =>
			reply
				.code(201)
				.send(
					await kiosk.enterPaperBallot(
						deps,
						req.actor,
						req.params.slug,
						req.params.sessionId,
						req.body
					)
				)
	);
	app.get(
		'/cycles/:slug/turnout',
		{
			...auth,
			schema: {
				params: CycleParams,
				response: { 200: LiveTurnout },
				tags,
				security,
				summary: 'Live turnout per channel, site and day (staff)'
			}
		},
		async (req) => kiosk.liveTurnout(deps, req.actor, req.params.slug)
	);
};
