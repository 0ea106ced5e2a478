import { KioskCheckInBody, type VoterToken } from '@allot/shared/contracts/voting';
import { fail, redirect } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import { kioskCookie, voterCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, url }) => ({ sessionId: params.sessionId, voted: url.searchParams.has('voted') });

export const actions = {
	/** The poll worker checks a walk-in in; the voter then uses this screen to vote. */
	checkin: async ({ request, fetch, locals, params, cookies }) => {
		const form = await request.formData();
		const code = String(form.get('code') ?? '').trim();
		const neighborhood = String(form.get('neighborhood') ?? '');
		const body = {
			birthDate: form.get('birthDate'),
			residency: { basis: form.get('basis'), ...(neighborhood ? { neighborhood } : {}) },
			...(code ? { code } : {})
		};
		const parsed = KioskCheckInBody.safeParse(body);
		if (!parsed.success || form.get('attest') !== 'yes') return fail(400, { code: 'VALIDATION_FAILED' });
		const res = await createApi(fetch, locals.token).post<VoterToken>(`/cycles/${params.slug}/kiosk/sessions/${params.sessionId}/voters`, parsed.data);
		if (!res.ok) return fail(res.problem.status, { code: res.problem.code });
		voterCookie.set(cookies, request, params.slug, res.data.token);
		redirect(303, `/cycles/${params.slug}/vote/ballot`);
	},
	close: async ({ fetch, locals, params, cookies }) => {
		await createApi(fetch, locals.token).post(`/cycles/${params.slug}/kiosk/sessions/${params.sessionId}/close`);
		kioskCookie.clear(cookies);
		voterCookie.clear(cookies, params.slug);
		redirect(303, `/staff/cycles/${params.slug}/kiosk`);
	}
} satisfies Actions;
