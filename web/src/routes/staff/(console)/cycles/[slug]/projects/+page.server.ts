import { ProjectCreateBody } from '@allot/shared/contracts/projects';
import { fail } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import type { Actions } from './$types';

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export const actions = {
	add: async ({ request, fetch, locals, params }) => {
		const form = await request.formData();
		const translations = Object.fromEntries(
			['es', 'ar'].flatMap((l) => (text(form, `title_${l}`) ? [[l, { title: text(form, `title_${l}`), ...(text(form, `summary_${l}`) ? { summary: text(form, `summary_${l}`) } : {}) }]] : []))
		);
		const body = {
			title: text(form, 'title'),
			summary: text(form, 'summary'),
			description: text(form, 'description') || text(form, 'summary'),
			costCents: Math.round(Number(text(form, 'cost')) * 100),
			...(text(form, 'category') ? { category: text(form, 'category') } : {}),
			translations
		};
		const parsed = ProjectCreateBody.safeParse(body);
		if (!parsed.success) {
			return fail(400, { action: 'add', code: 'VALIDATION_FAILED', issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
		}
		const res = await createApi(fetch, locals.token).post(`/cycles/${params.slug}/projects`, parsed.data);
		return res.ok ? { action: 'add', ok: true } : fail(res.problem.status, { action: 'add', code: res.problem.code, detail: res.problem.detail });
	},
	remove: async ({ request, fetch, locals, params }) => {
		const id = text(await request.formData(), 'id');
		const res = await createApi(fetch, locals.token).del(`/cycles/${params.slug}/projects/${encodeURIComponent(id)}`);
		return res.ok ? { action: 'remove', ok: true } : fail(res.problem.status, { action: 'remove', code: res.problem.code, detail: res.problem.detail });
	}
} satisfies Actions;
