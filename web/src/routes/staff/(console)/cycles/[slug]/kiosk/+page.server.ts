import { PollingSiteBody, type OpenedKioskSession, type PollingSiteList } from '@allot/shared/contracts/voting';
import { fail, redirect } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import { kioskScreen } from '$lib/server/kiosk';
import { kioskCookie, staffCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, params }) => {
	const res = await createApi(fetch, locals.token).get<PollingSiteList>(`/cycles/${params.slug}/polling-sites`);
	return { sites: res.ok ? res.data.items : [] };
};

export const actions = {
	site: async ({ request, fetch, locals, params }) => {
		const form = await request.formData();
		const neighborhood = String(form.get('neighborhood') ?? '');
		const parsed = PollingSiteBody.safeParse({ name: form.get('name'), ...(neighborhood ? { neighborhood } : {}) });
		if (!parsed.success) return fail(400, { action: 'site', code: 'VALIDATION_FAILED' });
		const res = await createApi(fetch, locals.token).post(`/cycles/${params.slug}/polling-sites`, parsed.data);
		return res.ok ? { action: 'site', ok: true } : fail(res.problem.status, { action: 'site', code: res.problem.code });
	},
	/**
	 * Turns this device into a kiosk for one polling site, until closed or idle. The device swaps
	 * credentials: it keeps the session's kiosk token and forgets the poll worker's sign-in, so a
	 * walk-in left at the screen can use the kiosk and nothing else of the staff console.
	 */
	open: async ({ request, fetch, locals, params, cookies }) => {
		const siteId = String((await request.formData()).get('siteId'));
		const res = await createApi(fetch, locals.token).post<OpenedKioskSession>(`/cycles/${params.slug}/kiosk/sessions`, { siteId });
		if (!res.ok) return fail(res.problem.status, { action: 'open', code: res.problem.code, detail: res.problem.detail });
		const place = { slug: params.slug, sessionId: res.data.id };
		kioskCookie.set(cookies, request, { ...place, ...res.data.kioskToken });
		staffCookie.clear(cookies);
		redirect(303, kioskScreen(place));
	}
} satisfies Actions;
