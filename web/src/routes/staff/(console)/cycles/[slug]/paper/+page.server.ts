import { checkBallot } from '@allot/shared/domain/ballot-rules';
import { PaperBallotBody, type PaperBallotAck } from '@allot/shared/contracts/voting';
import { fail } from '@sveltejs/kit';
import { ballotFromForm } from '$lib/ballot';
import { createApi } from '$lib/server/api';
import { getCycle, rulesOf } from '$lib/server/cycle';
import { kioskCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ cookies, params }) => {
	const kiosk = kioskCookie.get(cookies);
	return { sessionId: kiosk?.slug === params.slug ? kiosk.sessionId : null };
};

export const actions = {
	/** One paper ballot as marked, checked with the same rules as online ballots before it is sent. */
	save: async ({ request, fetch, locals, params, cookies }) => {
		const kiosk = kioskCookie.get(cookies);
		if (!kiosk || kiosk.slug !== params.slug) return fail(409, { code: 'PHASE_CLOSED', problems: [] });
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
		const res = await createApi(fetch, locals.token).post<PaperBallotAck>(`/cycles/${params.slug}/kiosk/sessions/${kiosk.sessionId}/paper-ballots`, parsed.data);
		if (!res.ok) return fail(res.problem.status, { code: res.problem.code, problems: [] });
		return { receipt: res.data.receipt };
	}
} satisfies Actions;
