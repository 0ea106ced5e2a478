import { IDEA_AGE_BRACKETS, IdeaCreateBody, type IdeaCreated } from '@allot/shared/contracts/ideas';
import { fail, redirect } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

// Sent as data so the zod contracts stay on the server (the page ships no validation library).
export const load: PageServerLoad = () => ({ ageBrackets: IDEA_AGE_BRACKETS });

export const actions = {
	/** Guests welcome: every field but the title and description is optional. */
	default: async ({ request, fetch, params }) => {
		const form = Object.fromEntries(await request.formData()) as Record<string, string>;
		const values = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, String(v).trim()]).filter(([, v]) => v !== ''));
		const parsed = IdeaCreateBody.safeParse(values);
		if (!parsed.success) {
			return fail(400, { values: form, issues: parsed.error.issues.map((i) => String(i.path[0] ?? '')), code: undefined as string | undefined });
		}
		const res = await createApi(fetch).post<IdeaCreated>(`/cycles/${params.slug}/ideas`, parsed.data);
		if (!res.ok) return fail(res.problem.status, { values: form, issues: [], code: res.problem.code });
		redirect(303, `/cycles/${params.slug}/ideas/${res.data.id}?shared`);
	}
} satisfies Actions;
