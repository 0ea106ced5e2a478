import type { AccessCodeBatchCreated, AccessCodeBatchList } from '@allot/shared/contracts/voting';
import { AccessCodeBatchBody } from '@allot/shared/contracts/voting';
import { fail } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, params }) => {
	const res = await createApi(fetch, locals.token).get<AccessCodeBatchList>(`/cycles/${params.slug}/access-codes/batches`);
	return { batches: res.ok ? res.data.items : [] };
};

export const actions = {
	/** The plain codes exist only in this answer: the page shows them once, as a printable sheet. */
	generate: async ({ request, fetch, locals, params }) => {
		const form = await request.formData();
		const values = { count: Number(form.get('count')), label: String(form.get('label') ?? '') };
		const parsed = AccessCodeBatchBody.safeParse(values);
		if (!parsed.success) return fail(400, { action: 'generate', code: 'VALIDATION_FAILED', values });
		const res = await createApi(fetch, locals.token).post<AccessCodeBatchCreated>(`/cycles/${params.slug}/access-codes`, parsed.data);
		if (!res.ok) return fail(res.problem.status, { action: 'generate', code: res.problem.code, values });
		return { action: 'generate', batch: res.data };
	},
	void: async ({ request, fetch, locals, params }) => {
		const batchId = String((await request.formData()).get('batchId') ?? '');
		const res = await createApi(fetch, locals.token).post(`/cycles/${params.slug}/access-codes/batches/${batchId}/void`);
		if (!res.ok) return fail(res.problem.status, { action: 'void', code: res.problem.code });
		return { action: 'void', ok: true };
	}
} satisfies Actions;
