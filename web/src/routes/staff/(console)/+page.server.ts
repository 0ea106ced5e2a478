import type { CycleList } from '@allot/shared';
import { createApi } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals }) => {
	const list = await createApi(fetch, locals.token).get<CycleList>('/cycles');
	return { cycles: list.ok ? list.data.items : [] };
};
