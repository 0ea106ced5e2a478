import { AllocationParams } from '@allot/shared';
import { CompareBody, Override, PreviewBody, type Comparison, type Outcome } from '@allot/shared/contracts/results';
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { createApi } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

/** Rule settings staff usually compare (the cycle's own rule is always offered first). */
const PRESETS: AllocationParams[] = [
	{ rule: 'greedy', score: 'votes', tie: 'lexicographic' },
	{ rule: 'greedy', score: 'pabulib-borda', tie: 'lexicographic' },
	{ rule: 'mes', utility: 'cost', completion: 'add1-greedy', tie: 'lexicographic' },
	{ rule: 'ear', tie: 'lexicographic' },
	{ rule: 'max-welfare', score: 'votes', tie: 'lexicographic' }
];

export const load: PageServerLoad = async ({ parent }) => {
	const { cycle } = await parent();
	const own = AllocationParams.safeParse(cycle.allocation);
	const presets = [...(own.success ? [own.data] : []), ...PRESETS];
	return { presets: presets.filter((p, i) => presets.findIndex((q) => JSON.stringify(q) === JSON.stringify(p)) === i) };
};

const Overrides = z.array(Override).max(100);

/** The form carries the overrides added so far as JSON in a hidden field (no session state). */
function read(form: FormData) {
	const overrides = Overrides.safeParse(JSON.parse(String(form.get('overrides') || '[]')));
	const params = form.getAll('params').map((p) => JSON.parse(String(p)) as unknown);
	return { overrides: overrides.success ? overrides.data : [], params };
}

export const actions = {
	addOverride: async ({ request }) => {
		const form = await request.formData();
		const { overrides, params } = read(form);
		const amount = Math.round(Number(form.get('amount') || 0) * 100);
		const kind = String(form.get('kind'));
		const candidate = { kind, projectId: String(form.get('projectId')), reason: String(form.get('reason') ?? ''), ...(kind === 'partial' ? { amountCents: amount } : {}) };
		const parsed = Override.safeParse(candidate);
		if (!parsed.success) return fail(400, { action: 'override', code: 'VALIDATION_FAILED', overrides, params, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
		return { action: 'override', overrides: [...overrides, parsed.data], params };
	},
	compare: async ({ request, fetch, locals, params: route }) => {
		const { overrides, params } = read(await request.formData());
		const parsed = CompareBody.safeParse({ rules: params, overrides });
		if (!parsed.success) return fail(400, { action: 'compare', code: 'VALIDATION_FAILED', overrides, params });
		const res = await createApi(fetch, locals.token).post<Comparison>(`/cycles/${route.slug}/results/compare`, parsed.data);
		if (!res.ok) return fail(res.problem.status, { action: 'compare', code: res.problem.code, detail: res.problem.detail, overrides, params });
		return { action: 'compare', comparison: res.data, overrides, params };
	},
	publish: async ({ request, fetch, locals, params: route }) => {
		const { overrides, params } = read(await request.formData());
		const parsed = PreviewBody.safeParse({ ...(params[0] as object), overrides });
		if (!parsed.success) return fail(400, { action: 'publish', code: 'VALIDATION_FAILED', overrides, params });
		const res = await createApi(fetch, locals.token).post<Outcome>(`/cycles/${route.slug}/results/publish`, parsed.data);
		if (!res.ok) return fail(res.problem.status, { action: 'publish', code: res.problem.code, detail: res.problem.detail, overrides, params });
		redirect(303, `/cycles/${route.slug}/results`);
	}
} satisfies Actions;
