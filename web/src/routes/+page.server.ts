import { Phase, type CycleDetail } from '@allot/shared';
import { createApi } from '$lib/server/api';
import type { PageServerLoad } from './$types';

// The home page is the current cycle's home (see the root layout for how it is chosen).
export const load: PageServerLoad = async ({ fetch, parent }) => {
	const { currentSlug } = await parent();
	if (!currentSlug) return { cycle: undefined, phases: Phase.options };
	const res = await createApi(fetch).get<CycleDetail>(`/cycles/${currentSlug}`);
	return { cycle: res.ok ? res.data : undefined, phases: Phase.options };
};
