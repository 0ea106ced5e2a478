import { ModerationBody, type IdeaPage } from '@allot/shared/contracts/ideas';
import { fail } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import { listComments } from '$lib/server/comments';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, params, url }) => {
	const page = url.searchParams.get('page') ?? '1';
	const res = await createApi(fetch, locals.token).get<IdeaPage>(`/cycles/${params.slug}/ideas?pageSize=50&page=${page}`);
	const ideas = res.ok ? res.data : { items: [], total: 0, page: 1, pageSize: 50 };
	const comments = await Promise.all(ideas.items.map((i) => listComments(fetch, params.slug, 'ideas', i.id)));
	return { ideas, comments: Object.fromEntries(ideas.items.map((i, n) => [i.id, comments[n] ?? []])) };
};

export const actions = {
	hide: async ({ request, fetch, locals, params }) => {
		const form = await request.formData();
		const parsed = ModerationBody.safeParse({ reason: form.get('reason') });
		if (!parsed.success) return fail(400, { action: 'moderate', code: 'VALIDATION_FAILED' });
		const res = await createApi(fetch, locals.token).post(`/cycles/${params.slug}/ideas/${form.get('id')}/hide`, parsed.data);
		return res.ok ? { action: 'moderate', ok: true } : fail(res.problem.status, { action: 'moderate', code: res.problem.code });
	},
	restore: async ({ request, fetch, locals, params }) => {
		const id = (await request.formData()).get('id');
		const res = await createApi(fetch, locals.token).post(`/cycles/${params.slug}/ideas/${id}/restore`);
		return res.ok ? { action: 'moderate', ok: true } : fail(res.problem.status, { action: 'moderate', code: res.problem.code });
	},
	hideComment: async ({ request, fetch, locals, params }) => {
		const form = await request.formData();
		const parsed = ModerationBody.safeParse({ reason: form.get('reason') });
		if (!parsed.success) return fail(400, { action: 'moderate', code: 'VALIDATION_FAILED' });
		const res = await createApi(fetch, locals.token).post(`/cycles/${params.slug}/comments/${form.get('id')}/hide`, parsed.data);
		return res.ok ? { action: 'moderate', ok: true } : fail(res.problem.status, { action: 'moderate', code: res.problem.code });
	},
	restoreComment: async ({ request, fetch, locals, params }) => {
		const id = (await request.formData()).get('id');
		const res = await createApi(fetch, locals.token).post(`/cycles/${params.slug}/comments/${id}/restore`);
		return res.ok ? { action: 'moderate', ok: true } : fail(res.problem.status, { action: 'moderate', code: res.problem.code });
	}
} satisfies Actions;
