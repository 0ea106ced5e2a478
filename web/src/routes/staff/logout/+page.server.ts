import { redirect } from '@sveltejs/kit';
import { paperCookie, staffCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/staff');

export const actions = {
	default: async ({ cookies }) => {
		staffCookie.clear(cookies);
		paperCookie.clear(cookies);
		redirect(303, '/staff/login');
	}
} satisfies Actions;
