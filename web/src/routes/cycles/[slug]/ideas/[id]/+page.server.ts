import type { Idea } from '@allot/shared/contracts/ideas';
import { error } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import { listComments, postComment } from '$lib/server/comments';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, url }) => {
	const [idea, comments] = await Promise.all([
		createApi(fetch).get<Idea>(`/cycles/${params.slug}/ideas/${params.id}`),
		listComments(fetch, params.slug, 'ideas', params.id)
	]);
	if (!idea.ok) error(idea.problem.status === 404 ? 404 : 502, idea.problem.title);
	return { idea: idea.data, comments, shared: url.searchParams.has('shared') };
};

export const actions = {
	comment: ({ request, fetch, params }) => postComment(request, fetch, params.slug, 'ideas', params.id)
} satisfies Actions;
