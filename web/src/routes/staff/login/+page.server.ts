import { LoginBody, type LoginResponse } from '@allot/shared';
import { fail, redirect } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import { endKiosk } from '$lib/server/kiosk';
import { staffCookie } from '$lib/server/session';
import type { Actions } from './$types';

/** Only same-site paths under /staff are followed after sign-in (no open redirect). */
const safeNext = (next: string | null) => (next && /^\/staff(\/|$)/.test(next) ? next : '/staff');

export const actions = {
	default: async ({ request, fetch, cookies, url }) => {
		const form = Object.fromEntries(await request.formData());
		const parsed = LoginBody.safeParse(form);
		const email = String(form.email ?? '');
		if (!parsed.success) return fail(400, { email, code: 'VALIDATION_FAILED' });
		const res = await createApi(fetch).post<LoginResponse>('/auth/login', parsed.data);
		if (!res.ok) return fail(res.problem.status, { email, code: res.problem.code });
		// A device holds one credential: signing staff in on a kiosk ends the kiosk first.
		await endKiosk(fetch, cookies);
		staffCookie.set(cookies, request, res.data.token);
		redirect(303, safeNext(url.searchParams.get('next')));
	}
} satisfies Actions;
