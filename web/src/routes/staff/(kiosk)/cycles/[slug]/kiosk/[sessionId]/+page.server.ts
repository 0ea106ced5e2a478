import { KioskCheckInBody, type KioskSession, type VoterToken } from '@allot/shared/contracts/voting';
import { error, fail, redirect, type Cookies } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import { getCycle } from '$lib/server/cycle';
import { endKiosk, kioskClosedUrl, kioskEnded, kioskScreen } from '$lib/server/kiosk';
import { kioskCookie, voterCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/**
 * The kiosk screen runs on the kiosk credential alone (outside the staff console, whose guard
 * wants a staff sign-in): the device holds no staff session while it is a kiosk. Each call
 * sends only that credential; the API decides what it may do.
 */
function credential(cookies: Cookies, params: { slug: string; sessionId: string }) {
	const kiosk = kioskCookie.get(cookies);
	return kiosk?.slug === params.slug && kiosk.sessionId === params.sessionId ? kiosk : undefined;
}

export const load: PageServerLoad = async ({ params, url, cookies, fetch }) => {
	const kiosk = credential(cookies, params);
	if (!kiosk) {
		const here = kioskCookie.place(cookies);
		redirect(303, here ? kioskScreen(here) : `/staff/cycles/${params.slug}/kiosk`);
	}
	const [session, cycle] = await Promise.all([
		createApi(fetch, kiosk.token).get<KioskSession>(`/cycles/${params.slug}/kiosk/sessions/${params.sessionId}`),
		getCycle(fetch, params.slug)
	]);
	if (!session.ok) {
		if (!kioskEnded(session.problem.status)) error(502, session.problem.title);
		await endKiosk(fetch, cookies);
		redirect(303, kioskClosedUrl(params.slug));
	}
	return { cycle, siteName: session.data.siteName, voted: url.searchParams.has('voted') };
};

export const actions = {
	/** The poll worker checks a walk-in in; the voter then uses this screen to vote. */
	checkin: async ({ request, fetch, params, cookies }) => {
		const kiosk = credential(cookies, params);
		if (!kiosk) redirect(303, kioskClosedUrl(params.slug));
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
		const res = await createApi(fetch, kiosk.token).post<VoterToken>(`/cycles/${params.slug}/kiosk/sessions/${params.sessionId}/voters`, parsed.data);
		if (!res.ok && (res.problem.code === 'TOKEN_INVALID' || res.problem.code === 'SESSION_CLOSED')) {
			await endKiosk(fetch, cookies);
			redirect(303, kioskClosedUrl(params.slug));
		}
		if (!res.ok) return fail(res.problem.status, { code: res.problem.code });
		voterCookie.set(cookies, request, params.slug, res.data.token);
		redirect(303, `/cycles/${params.slug}/vote/ballot`);
	},
	/** Closing (the button, or ten idle minutes) ends kiosk mode: the device is signed out of everything. */
	close: async ({ fetch, params, cookies }) => {
		await endKiosk(fetch, cookies);
		redirect(303, kioskClosedUrl(params.slug));
	}
} satisfies Actions;
