import type { CycleDetail, CycleList } from '@allot/shared';
import { error } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import type { PageServerLoad } from './$types';

// The "current" cycle is the newest one that is not archived.
export const load: PageServerLoad = async ({ fetch, locals }) => {
	const api = createApi(fetch, locals.token);
	const list = await api.get<CycleList>('/cycles');
	if (!list.ok) error(502, 'The API is not answering');
	const current = list.data.items.find((c) => c.phase !== 'archived');
	const cycle = current ? await api.get<CycleDetail>(`/cycles/${current.slug}`) : undefined;
	return { cycles: list.data.items, current: cycle?.ok ? cycle.data : undefined };
};
