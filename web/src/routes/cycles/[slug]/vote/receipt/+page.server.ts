import { redirect } from '@sveltejs/kit';
import type { MyBallot } from '@allot/shared/contracts/voting';
import { localize } from '$lib/project';
import { createApi } from '$lib/server/api';
import { kioskScreen } from '$lib/server/kiosk';
import { kioskCookie, voterCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, cookies, fetch, params, locals }) => {
	const token = voterCookie.get(cookies);
	if (!token) redirect(303, `/cycles/${params.slug}/vote`);
	const mine = await createApi(fetch, token).get<MyBallot>(`/cycles/${params.slug}/ballot`);
	if (!mine.ok || !mine.data.ballot || !mine.data.receipt) redirect(303, `/cycles/${params.slug}/vote/ballot`);
	const { cycle } = await parent();
	const { receipt, ballot, votedInPersonAt } = mine.data;
	return { receipt, ballot, votedInPerson: !!votedInPersonAt, projects: cycle.projects.map((p) => localize(p, locals.lang)) };
};

export const actions = {
	/** "I'm done": forget the voter token on this device (shared phones, school computers). */
	done: async ({ cookies, params }) => {
		voterCookie.clear(cookies, params.slug);
		const kiosk = kioskCookie.place(cookies);
		if (kiosk?.slug === params.slug) redirect(303, `${kioskScreen(kiosk)}?voted`);
		redirect(303, `/cycles/${params.slug}?voted`);
	}
} satisfies Actions;
