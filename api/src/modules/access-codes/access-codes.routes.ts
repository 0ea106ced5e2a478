import {
	AccessCodeBatch,
	AccessCodeBatchBody,
	AccessCodeBatchCreated,
	AccessCodeBatchList,
	AccessCodeBatchQuery,
	BatchParams,
	CycleParams,
	VoidCodeBody,
	VoidCodeResult
} from '@allot/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { generateBatch, listBatches, voidBatch, voidCode } from './access-codes.service.ts';
import { batchCsv, batchSheetHtml } from './sheet.ts';

const tags = ['Access codes'];

type Generated = Awaited<ReturnType<typeof generateBatch>>;

/** The batch as a CSV download or an HTML print sheet (the only moment the plain codes exist). */
function sendPrintable(
	reply: FastifyReply,
	batch: Generated,
	format: 'csv' | 'html',
	origin: string
) {
	const voteUrl = `${origin}/cycles/${batch.slug}/vote`;
	const sheet = { cycleName: batch.cycleName, label: batch.label, voteUrl, codes: batch.codes };
	const file = `access-codes-${batch.slug}-${batch.batchId.slice(0, 8)}.${format}`;
	const disposition = format === 'csv' ? 'attachment' : 'inline';
	return reply
		.code(201)
		.header('content-disposition', `${disposition}; filename="${file}"`)
		.header('cache-control', 'no-store')
		.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'text/html; charset=utf-8')
		.send(format === 'csv' ? batchCsv(sheet) : batchSheetHtml(sheet));
}
const security = [{ bearer: [] }];

export const accessCodeRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
	const origin = deps.config.PUBLIC_ORIGIN ?? `http://localhost:${deps.config.PORT}`;
	app.post(
		'/cycles/:slug/access-codes',
		{
			onRequest: [app.authenticate],
			schema: {
				params: CycleParams,
				querystring: AccessCodeBatchQuery,
				body: AccessCodeBatchBody,
				// csv and html are text documents; the JSON serializer only sees the json form
				response: { 201: z.union([AccessCodeBatchCreated, z.string()]) },
				tags,
				security,
				summary:
					'Generate a batch of single-use access codes (shown once; ?format=csv|html to print)'
			}
		},
		async (req, reply) => {
			const batch = await generateBatch(deps, req.actor, req.params.slug, req.body);
			const { cycleName: _name, slug: _slug, ...created } = batch;
			if (req.query.format === 'json') return reply.code(201).send(created);
			return sendPrintable(reply, batch, req.query.format, origin);
		}
	);
	app.get(
		'/cycles/:slug/access-codes/batches',
		{
			onRequest: [app.authenticate],
			schema: {
				params: CycleParams,
				response: { 200: AccessCodeBatchList },
				tags,
				security,
				summary: 'List code batches with use counts'
			}
		},
		async (req) => listBatches(deps, req.actor, req.params.slug)
	);
	app.post(
		'/cycles/:slug/access-codes/batches/:batchId/void',
		{
			onRequest: [app.authenticate],
			schema: {
				params: BatchParams,
				response: { 200: AccessCodeBatch },
				tags,
				security,
				summary: 'Void a batch: its unused codes stop working'
			}
		},
		async (req) => voidBatch(deps, req.actor, req.params.slug, req.params.batchId)
	);
	app.post(
		'/cycles/:slug/access-codes/void',
		{
			onRequest: [app.authenticate],
			schema: {
				params: CycleParams,
				body: VoidCodeBody,
				response: { 200: VoidCodeResult },
				tags,
				security,
				summary: 'Void one code, typed from its slip'
			}
		},
		async (req) => voidCode(deps, req.actor, req.params.slug, req.body.code)
	);
};
