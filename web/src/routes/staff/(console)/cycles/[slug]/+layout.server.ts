import { Phase } from '@allot/shared';
import { getCycle } from '$lib/server/cycle';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ params, fetch }) => ({
	cycle: await getCycle(fetch, params.slug),
	phases: Phase.options
});
