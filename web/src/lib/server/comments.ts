import { CommentCreateBody, type Comment, type CommentList } from '@allot/shared/contracts/comments';
import { fail } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';

type Target = 'ideas' | 'proposals';

export async function listComments(fetch: typeof globalThis.fetch, slug: string, target: Target, id: string) {
	const res = await createApi(fetch).get<CommentList>(`/cycles/${slug}/${target}/${id}/comments`);
	return res.ok ? res.data.items : [];
}

/** The `comment` form action shared by idea and proposal pages. */
export async function postComment(request: Request, fetch: typeof globalThis.fetch, slug: string, target: Target, id: string) {
	const form = Object.fromEntries(await request.formData()) as Record<string, string>;
	const values = { body: form.body ?? '', ...(form.authorName?.trim() ? { authorName: form.authorName } : {}) };
	const parsed = CommentCreateBody.safeParse(values);
	if (!parsed.success) return fail(400, { comment: values, code: 'VALIDATION_FAILED' });
	const res = await createApi(fetch).post<Comment>(`/cycles/${slug}/${target}/${id}/comments`, parsed.data);
	if (!res.ok) return fail(res.problem.status, { comment: values, code: res.problem.code });
	return { posted: true };
}
