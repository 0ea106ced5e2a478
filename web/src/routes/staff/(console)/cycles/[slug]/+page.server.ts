import { CycleUpdateBody, PhaseChangeBody } from '@allot/shared';
import { fail } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import type { Actions } from './$types';

/** JSON text areas for the structured settings; an unreadable one is reported by its name. */
function json(form: FormData, name: string): unknown {
	const text = String(form.get(name) ?? '').trim();
	if (!text) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return Symbol.for(`bad:${name}`);
	}
}
const list = (text: FormDataEntryValue | null) =>
	String(text ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export const actions = {
	phase: async ({ request, fetch, locals, params }) => {
		const parsed = PhaseChangeBody.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { action: 'phase', code: 'VALIDATION_FAILED' });
		const res = await createApi(fetch, locals.token).post(`/cycles/${params.slug}/phase`, parsed.data);
		if (!res.ok) return fail(res.problem.status, { action: 'phase', code: res.problem.code, detail: res.problem.detail });
		return { action: 'phase', ok: true };
	},
	settings: async ({ request, fetch, locals, params }) => {
		const form = await request.formData();
		const body = {
			name: String(form.get('name') ?? ''),
			description: String(form.get('description') ?? ''),
			potCents: Math.round(Number(form.get('pot')) * 100),
			categories: list(form.get('categories')),
			neighborhoods: list(form.get('neighborhoods')),
			ballot: json(form, 'ballot'),
			allocation: json(form, 'allocation'),
			eligibility: json(form, 'eligibility'),
			timeline: json(form, 'timeline')
		};
		const parsed = CycleUpdateBody.safeParse(body);
		if (!parsed.success) {
			const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
			return fail(400, { action: 'settings', code: 'VALIDATION_FAILED', issues });
		}
		const res = await createApi(fetch, locals.token).patch(`/cycles/${params.slug}`, parsed.data);
		if (!res.ok) {
			return fail(res.problem.status, { action: 'settings', code: res.problem.code, detail: res.problem.detail, issues: res.problem.errors ?? [] });
		}
		return { action: 'settings', ok: true };
	}
} satisfies Actions;
