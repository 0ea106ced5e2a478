import { fail, redirect } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import { voterCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ cookies, params, url }) => {
	if (voterCookie.get(cookies) && !url.searchParams.has('expired')) redirect(303, `/cycles/${params.slug}/vote/ballot`);
	return { expired: url.searchParams.has('expired') };
};

export const actions = {
	/** Redeems an access code with the eligibility answers; the API decides, we keep its token. */
	start: async ({ request, fetch, cookies, params }) => {
		const form = await request.formData();
		const values = {
			code: String(form.get('code') ?? '').trim(),
			birthDate: String(form.get('birthDate') ?? ''),
			basis: String(form.get('basis') ?? ''),
			neighborhood: String(form.get('neighborhood') ?? '')
		};
		const missing = (['code', 'birthDate', 'basis'] as const).filter((k) => !values[k]);
		if (missing.length) return fail(400, { values, missing, code: 'VALIDATION_FAILED' });
		const body = {
			code: values.code,
			birthDate: values.birthDate,
			residency: { basis: values.basis, ...(values.neighborhood ? { neighborhood: values.neighborhood } : {}) }
		};
		const res = await createApi(fetch).post<{ token: string }>(`/cycles/${params.slug}/voters`, body);
		if (!res.ok) return fail(res.problem.status, { values, missing, code: res.problem.code });
		voterCookie.set(cookies, request, params.slug, res.data.token);
		redirect(303, `/cycles/${params.slug}/vote/ballot`);
	}
} satisfies Actions;
