import { AuditPage, AuditQuery, AuditVerification } from '@allot/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { readAudit, verifyAudit } from './audit.service.ts';

const meta = { tags: ['Audit'], security: [{ bearer: [] }] };

export const auditRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
	app.addHook('onRequest', app.authenticate);
	app.get(
		'/audit',
		{
			schema: {
				querystring: AuditQuery,
				response: { 200: AuditPage },
				summary: 'The hash-chained audit log, newest first (admin)',
				...meta
			}
		},
		async (req) => readAudit(deps, req.actor, req.query)
	);
	app.get(
		'/audit/verify',
		{
			schema: {
				response: { 200: AuditVerification },
				summary: 'Check every entry of the audit hash chain (admin)',
				...meta
			}
		},
		async (req) => verifyAudit(deps, req.actor)
	);
};
