import { checkBallot } from '@allot/shared/domain/ballot-rules';
import {
	PaperBallotBody,
	type KioskSession,
	type PaperBallotAck,
	type PollingSiteList
} from '@allot/shared/contracts/voting';
import { fail, redirect } from '@sveltejs/kit';
import { ballotFromForm } from '$lib/ballot';
import { createApi } from '$lib/server/api';
import { getCycle, rulesOf } from '$lib/server/cycle';
import { paperCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/**
 * Paper ballots are typed in on a staff member's own device, with their own sign-in, in a
 * polling-site session they open here (never on a kiosk: a kiosk holds no staff sign-in).
 */
export const load: PageServerLoad = async ({ cookies, params, fetch, locals }) => {
	const api = createApi(fetch, locals.token);
	const sessionId = paperCookie.get(cookies, params.slug);
	if (sessionId) {
		const session = await api.get<KioskSession>(`/cycles/${params.slug}/kiosk/sessions/${sessionId}`);
		if (session.ok) return { session: session.data, sites: [] };
		paperCookie.clear(cookies);
	}
	const sites = await api.get<PollingSiteList>(`/cycles/${params.slug}/polling-sites`);
	return { session: null, sites: sites.ok ? sites.data.items : [] };
};

export const actions = {
	/** Opens a session at the polling site whose paper ballots are being entered. */
	start: async ({ request, fetch, locals, params, cookies }) => {
		const siteId = String((await request.formData()).get('siteId'));
		const res = await createApi(fetch, locals.token).post<KioskSession>(`/cycles/${params.slug}/kiosk/sessions`, { siteId });
		if (!res.ok) return fail(res.problem.status, { code: res.problem.code, problems: [] });
		paperCookie.set(cookies, request, params.slug, res.data.id);
		redirect(303, `/staff/cycles/${params.slug}/paper`);
	},
	finish: async ({ fetch, locals, params, cookies }) => {
		const sessionId = paperCookie.get(cookies, params.slug);
		if (sessionId) await createApi(fetch, locals.token).post(`/cycles/${params.slug}/kiosk/sessions/${sessionId}/close`);
		paperCookie.clear(cookies);
		redirect(303, `/staff/cycles/${params.slug}/paper`);
	},
	/** One paper ballot as marked, checked with the same rules as online ballots before it is sent. */
	save: async ({ request, fetch, locals, params, cookies }) => {
		const sessionId = paperCookie.get(cookies, params.slug);
		if (!sessionId) return fail(409, { code: 'SESSION_CLOSED', problems: [] });
		const form = await request.formData();
		const cycle = await getCycle(fetch, params.slug);
		const rules = rulesOf(cycle);
		const { ballot, issues } = ballotFromForm(rules, cycle.projects.map((p) => p.id), form);
		const problems = [...issues, ...checkBallot(rules, cycle.projects, ballot, { potCents: cycle.potCents })];
		if (problems.length) return fail(422, { code: 'BALLOT_INVALID', problems });
		const code = String(form.get('code') ?? '').trim();
		const parsed = PaperBallotBody.safeParse({
			birthDate: form.get('birthDate'),
			residency: { basis: form.get('basis') },
			ballot,
			...(code ? { code } : {})
		});
		if (!parsed.success) return fail(400, { code: 'VALIDATION_FAILED', problems: [] });
		const res = await createApi(fetch, locals.token).post<PaperBallotAck>(`/cycles/${params.slug}/kiosk/sessions/${sessionId}/paper-ballots`, parsed.data);
		if (!res.ok && res.problem.code === 'SESSION_CLOSED') paperCookie.clear(cookies);
		if (!res.ok) return fail(res.problem.status, { code: res.problem.code, problems: [] });
		return { receipt: res.data.receipt };
	}
} satisfies Actions;
