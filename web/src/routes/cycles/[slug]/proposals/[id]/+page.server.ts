import type { Proposal } from '@allot/shared/contracts/proposals';
import { error } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import { listComments, postComment } from '$lib/server/comments';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params }) => {
	const [proposal, comments] = await Promise.all([
		createApi(fetch).get<Proposal>(`/cycles/${params.slug}/proposals/${params.id}`),
		listComments(fetch, params.slug, 'proposals', params.id)
	]);
	if (!proposal.ok) error(proposal.problem.status === 404 ? 404 : 502, proposal.problem.title);
	return { proposal: proposal.data, comments };
};

export const actions = {
	comment: ({ request, fetch, params }) => postComment(request, fetch, params.slug, 'proposals', params.id)
} satisfies Actions;
