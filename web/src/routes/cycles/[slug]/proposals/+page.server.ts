import type { ProposalList } from '@allot/shared/contracts/proposals';
import { createApi } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params }) => {
	const res = await createApi(fetch).get<ProposalList>(`/cycles/${params.slug}/proposals`);
	return { proposals: res.ok ? res.data.items : [] };
};
