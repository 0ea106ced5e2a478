import { ImportQuery, ImportResult } from '@allot/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { importPabulib } from './import.service.ts';

/** Warszawa 2026 city-wide is 3 MB; 20 MB leaves room for the largest pabulib files. */
const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

export const importRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
	// The app refuses text/plain everywhere (strict content types); this route alone takes it.
	// Registered inside this plugin, the parser is encapsulated to these routes.
	app.addContentTypeParser(
		'text/plain',
		{ parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT },
		(_req, body, done) => done(null, body)
	);
	app.post(
		'/import/pabulib',
		{
			onRequest: [app.authenticate],
			bodyLimit: IMPORT_BODY_LIMIT,
			schema: {
				querystring: ImportQuery,
				body: z.string().min(1),
				response: { 201: ImportResult },
				tags: ['Open data'],
				security: [{ bearer: [] }],
				summary:
					'Create a cycle from a pabulib .pb file (Content-Type: text/plain), ready for preview'
			}
		},
		async (req, reply) =>
			reply.code(201).send(await importPabulib(deps, req.actor, req.body, req.query.slug))
	);
};
