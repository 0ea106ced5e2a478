import { checkBallot } from '@allot/shared/domain/ballot-rules';
import { fail, redirect } from '@sveltejs/kit';
import { ballotFromForm } from '$lib/ballot';
import { localize, shuffled } from '$lib/project';
import { createApi } from '$lib/server/api';
import { getCycle, rulesOf } from '$lib/server/cycle';
import { voterCookie } from '$lib/server/session';
import { shuffleSeed } from '$lib/server/shuffle';
import type { BallotAck, MyBallot } from '@allot/shared/contracts/voting';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, cookies, fetch, params, locals }) => {
	const token = voterCookie.get(cookies);
	if (!token) redirect(303, `/cycles/${params.slug}/vote`);
	const { cycle } = await parent();
	const mine = await createApi(fetch, token).get<MyBallot>(`/cycles/${params.slug}/ballot`);
	if (!mine.ok && mine.problem.status === 401) {
		voterCookie.clear(cookies, params.slug);
		redirect(303, `/cycles/${params.slug}/vote?expired`);
	}
	const seed = shuffleSeed(cookies);
	return {
		rules: rulesOf(cycle),
		projects: shuffled(cycle.projects, seed).map((p) => localize(p, locals.lang)),
		current: mine.ok && mine.data.ballot ? mine.data : null,
		votedInPerson: mine.ok && !!mine.data.votedInPersonAt
	};
};

/** The form as a ballot plus everything wrong with it (checked again by the API on submit). */
async function read(form: FormData, fetch: typeof globalThis.fetch, slug: string) {
	const cycle = await getCycle(fetch, slug);
	const rules = rulesOf(cycle);
	const { ballot, issues } = ballotFromForm(rules, cycle.projects.map((p) => p.id), form);
	const violations = checkBallot(rules, cycle.projects, ballot, { potCents: cycle.potCents });
	return { ballot, problems: [...issues, ...violations] };
}

export const actions = {
	review: async ({ request, fetch, params }) => {
		const { ballot, problems } = await read(await request.formData(), fetch, params.slug);
		if (problems.length) return fail(422, { ballot, problems });
		return { ballot, review: true };
	},
	/** Back from review, or a category chip pressed without JavaScript: keep the ballot as it is. */
	edit: async ({ request, fetch, params }) => {
		const form = await request.formData();
		const category = String(form.get('category') ?? '') || null;
		return { ballot: (await read(form, fetch, params.slug)).ballot, review: false, category };
	},
	submit: async ({ request, fetch, cookies, params }) => {
		const { ballot, problems } = await read(await request.formData(), fetch, params.slug);
		if (problems.length) return fail(422, { ballot, problems });
		const res = await createApi(fetch, voterCookie.get(cookies)).put<BallotAck>(`/cycles/${params.slug}/ballot`, ballot);
		if (!res.ok) {
			const violations = (res.problem as { violations?: unknown[] }).violations ?? [];
			return fail(res.problem.status, { ballot, problems: violations, code: res.problem.code, review: false });
		}
		redirect(303, `/cycles/${params.slug}/vote/receipt`);
	}
} satisfies Actions;
