import type { Me } from '@allot/shared';
import { redirect } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import { staffCookie } from '$lib/server/session';
import type { LayoutServerLoad } from './$types';

/**
 * Who is signed in comes from the API (GET /auth/me verifies the JWT), never from decoding the
 * cookie here; the role only chooses which links to show, and the API still refuses what a role
 * may not do.
 */
export const load: LayoutServerLoad = async ({ locals, fetch, cookies, url }) => {
	const next = `/staff/login?next=${encodeURIComponent(url.pathname)}`;
	if (!locals.token) redirect(303, next);
	const me = await createApi(fetch, locals.token).get<Me>('/auth/me');
	if (!me.ok) {
		staffCookie.clear(cookies);
		redirect(303, next);
	}
	return { me: me.data };
};
