import {
	CompareBody,
	Comparison,
	CycleParams,
	Outcome,
	PreviewBody,
	PublishedResults
} from '@allot/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import * as results from './results.service.ts';

const tags = ['Results'];
const security = [{ bearer: [] }];

export const resultRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
	const auth = { onRequest: [app.authenticate] };
	app.post(
		'/cycles/:slug/results/preview',
		{
			...auth,
			schema: {
				params: CycleParams,
				body: PreviewBody.nullish(),
				response: { 200: Outcome },
				tags,
				security,
				summary: 'Run any rule on the closed ballots (params as the CLI flags; default the cycle’s)'
			}
		},
		async (req) => results.preview(deps, req.actor, req.params.slug, req.body ?? undefined)
	);
	app.post(
		'/cycles/:slug/results/compare',
		{
			...auth,
			schema: {
				params: CycleParams,
				body: CompareBody,
				response: { 200: Comparison },
				tags,
				security,
				summary: 'Several rules side by side'
			}
		},
		async (req) => results.compare(deps, req.actor, req.params.slug, req.body)
	);
	app.post(
		'/cycles/:slug/results/publish',
		{
			...auth,
			schema: {
				params: CycleParams,
				body: PreviewBody.nullish(),
				response: { 200: PublishedResults },
				tags,
				security,
				summary: 'Publish the outcome (with audited overrides) and open the results phase'
			}
		},
		async (req) => results.publish(deps, req.actor, req.params.slug, req.body ?? undefined)
	);
	app.get(
		'/cycles/:slug/results',
		{
			schema: {
				params: CycleParams,
				response: { 200: PublishedResults },
				tags,
				summary: 'The published result with suppressed turnout (404 NOT_PUBLISHED before)'
			}
		},
		async (req) => results.getPublished(deps, req.params.slug)
	);
};
