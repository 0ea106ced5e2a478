import type { PublishedResults } from '@allot/shared/contracts/results';
import { localize } from '$lib/project';
import { createApi } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, parent, locals }) => {
	const res = await createApi(fetch).get<PublishedResults>(`/cycles/${params.slug}/results`);
	const { cycle } = await parent();
	const titles = Object.fromEntries(cycle.projects.map((p) => [p.id, localize(p, locals.lang).title]));
	return { results: res.ok ? res.data : null, titles };
};
