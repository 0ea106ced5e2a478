import type { IdeaPage } from '@allot/shared/contracts/ideas';
import { ProposalCreateBody, ProposalPromoteBody, ProposalReviewBody, type ProposalList } from '@allot/shared/contracts/proposals';
import { fail } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, params }) => {
	const api = createApi(fetch, locals.token);
	const [proposals, ideas] = await Promise.all([
		api.get<ProposalList>(`/cycles/${params.slug}/proposals`),
		api.get<IdeaPage>(`/cycles/${params.slug}/ideas?pageSize=100`)
	]);
	return {
		proposals: proposals.ok ? proposals.data.items : [],
		freeIdeas: ideas.ok ? ideas.data.items.filter((i) => !i.proposalId && !i.hidden) : []
	};
};

const issues = (e: { issues: { path: PropertyKey[]; message: string }[] }) =>
	e.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));

export const actions = {
	create: async ({ request, fetch, locals, params }) => {
		const form = await request.formData();
		const body = { title: form.get('title'), description: form.get('description'), ideaIds: form.getAll('ideaIds') };
		const parsed = ProposalCreateBody.safeParse(body);
		if (!parsed.success) return fail(400, { action: 'create', code: 'VALIDATION_FAILED', issues: issues(parsed.error) });
		const res = await createApi(fetch, locals.token).post(`/cycles/${params.slug}/proposals`, parsed.data);
		return res.ok ? { action: 'create', ok: true } : fail(res.problem.status, { action: 'create', code: res.problem.code, detail: res.problem.detail });
	},
	review: async ({ request, fetch, locals, params }) => {
		const form = await request.formData();
		const feasibility = String(form.get('feasibility'));
		const cost = String(form.get('cost') ?? '').trim();
		const body = {
			feasibility,
			...(cost ? { costEstimateCents: Math.round(Number(cost) * 100) } : {}),
			...(feasibility === 'infeasible' ? { reason: String(form.get('reason') ?? '') } : {})
		};
		const parsed = ProposalReviewBody.safeParse(body);
		const id = String(form.get('id'));
		if (!parsed.success) return fail(400, { action: `review-${id}`, code: 'VALIDATION_FAILED', issues: issues(parsed.error) });
		const res = await createApi(fetch, locals.token).post(`/cycles/${params.slug}/proposals/${id}/review`, parsed.data);
		return res.ok ? { action: `review-${id}`, ok: true } : fail(res.problem.status, { action: `review-${id}`, code: res.problem.code, detail: res.problem.detail });
	},
	promote: async ({ request, fetch, locals, params }) => {
		const id = String((await request.formData()).get('id'));
		const parsed = ProposalPromoteBody.safeParse({});
		if (!parsed.success) return fail(400, { action: `review-${id}`, code: 'VALIDATION_FAILED' });
		const res = await createApi(fetch, locals.token).post(`/cycles/${params.slug}/proposals/${id}/promote`, parsed.data);
		return res.ok ? { action: `review-${id}`, ok: true } : fail(res.problem.status, { action: `review-${id}`, code: res.problem.code, detail: res.problem.detail });
	}
} satisfies Actions;
