import { CycleCreateBody, type CycleDetail } from '@allot/shared';
import { error, fail, redirect } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import { cycleBody, issuesOf, readCycleForm } from '$lib/cycle-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const { me } = await parent();
	if (me.role !== 'admin') error(403, 'FORBIDDEN');
	return { today: new Date().toISOString().slice(0, 10) };
};

export const actions = {
	create: async ({ request, fetch, locals }) => {
		const values = readCycleForm(await request.formData());
		const parsed = CycleCreateBody.safeParse(cycleBody(values));
		if (!parsed.success) return fail(400, { values, code: 'VALIDATION_FAILED', detail: undefined as string | undefined, issues: issuesOf(parsed.error) });
		const res = await createApi(fetch, locals.token).post<CycleDetail>('/cycles', parsed.data);
		if (!res.ok) {
			const { status, code, detail, errors } = res.problem;
			// Refusals without per-field errors still belong next to a field: the slug, the rule.
			const field = code === 'SLUG_TAKEN' ? 'slug' : code === 'RULE_PARAMS_INVALID' ? 'allocation' : null;
			const issues = errors ?? (field ? [{ path: field, message: detail ?? code }] : []);
			return fail(status, { values, code, detail: issues.length ? undefined : detail, issues });
		}
		redirect(303, `/staff/cycles/${res.data.slug}`);
	}
} satisfies Actions;
