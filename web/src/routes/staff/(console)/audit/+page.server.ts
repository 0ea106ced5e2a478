import type { AuditPage, AuditVerification } from '@allot/shared/contracts/audit';
import { fail } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
	const query = new URLSearchParams({ limit: '50' });
	for (const key of ['cycle', 'before']) {
		const value = url.searchParams.get(key);
		if (value) query.set(key, value);
	}
	const res = await createApi(fetch, locals.token).get<AuditPage>(`/audit?${query}`);
	return { page: res.ok ? res.data : { items: [], nextBefore: null }, code: res.ok ? null : res.problem.code };
};

export const actions = {
	verify: async ({ fetch, locals }) => {
		const res = await createApi(fetch, locals.token).get<AuditVerification>('/audit/verify');
		if (!res.ok) return fail(res.problem.status, { code: res.problem.code });
		return { verification: res.data };
	}
} satisfies Actions;
