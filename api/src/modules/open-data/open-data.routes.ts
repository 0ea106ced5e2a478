import {
	CycleParams,
	PublishedResults,
	ReceiptCheck,
	ReceiptList,
	ReceiptParams
} from '@allot/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { getPublished } from '../results/results.service.ts';
import * as openData from './open-data.service.ts';

const tags = ['Open data'];

/** Sends a text document as a download (the JSON serializer never sees it). */
function download(reply: FastifyReply, p: { type: string; file: string; text: string }) {
	return reply
		.type(p.type)
		.header('content-disposition', `attachment; filename="${p.file}"`)
		.send(p.text);
}

export const openDataRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
	const text = { 200: z.string() };
	app.get(
		'/cycles/:slug/export.pb',
		{
			onRequest: [app.identify],
			schema: {
				params: CycleParams,
				response: text,
				tags,
				summary:
					'Anonymised ballots as a pabulib file (admins after close; everyone after publication)'
			}
		},
		async (req, reply) => {
			const file = await openData.exportPabulib(deps, req.actor, req.params.slug);
			reply.header('etag', `"sha256-${file.sha256}"`);
			return download(reply, {
				type: 'text/plain; charset=utf-8',
				file: `${file.slug}.pb`,
				text: file.text
			});
		}
	);
	app.get(
		'/cycles/:slug/ballots.csv',
		{
			onRequest: [app.identify],
			schema: {
				params: CycleParams,
				response: text,
				tags,
				summary: 'Anonymised ballots as CSV, in export.pb order'
			}
		},
		async (req, reply) => {
			const file = await openData.ballotsCsv(deps, req.actor, req.params.slug);
			return download(reply, {
				type: 'text/csv; charset=utf-8',
				file: `${file.slug}-ballots.csv`,
				text: file.text
			});
		}
	);
	app.get(
		'/cycles/:slug/results.json',
		{
			schema: {
				params: CycleParams,
				response: { 200: PublishedResults },
				tags,
				summary: 'The published result as a JSON file'
			}
		},
		async (req, reply) => {
			reply.header('content-disposition', `attachment; filename="${req.params.slug}-results.json"`);
			return getPublished(deps, req.params.slug);
		}
	);
	app.get(
		'/cycles/:slug/results.csv',
		{
			schema: {
				params: CycleParams,
				response: text,
				tags,
				summary: 'The published result, one row per project'
			}
		},
		async (req, reply) => {
			const published = await getPublished(deps, req.params.slug);
			const file = `${req.params.slug}-results.csv`;
			return download(reply, {
				type: 'text/csv; charset=utf-8',
				file,
				text: openData.resultsCsv(published)
			});
		}
	);
	app.get(
		'/cycles/:slug/receipts',
		{
			schema: {
				params: CycleParams,
				response: { 200: ReceiptList },
				tags,
				summary: 'Counted receipt trackers, sorted (after the vote closes)'
			}
		},
		async (req) => openData.listReceipts(deps, req.params.slug)
	);
	app.get(
		'/cycles/:slug/receipts/:receipt',
		{
			schema: {
				params: ReceiptParams,
				response: { 200: ReceiptCheck },
				tags,
				summary: 'Was this receipt tracker counted?'
			}
		},
		async (req) => openData.checkReceipt(deps, req.params.slug, req.params.receipt)
	);
};
