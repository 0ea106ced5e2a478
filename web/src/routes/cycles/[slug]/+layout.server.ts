import { Phase, type CycleDetail } from '@allot/shared';
import { error } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ params, fetch }) => {
	const res = await createApi(fetch).get<CycleDetail>(`/cycles/${params.slug}`);
	if (!res.ok) error(res.problem.status === 404 ? 404 : 502, res.problem.title);
	return { cycle: res.data, phases: Phase.options };
};
