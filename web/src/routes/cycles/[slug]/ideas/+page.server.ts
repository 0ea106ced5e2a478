import type { IdeaPage } from '@allot/shared/contracts/ideas';
import { createApi } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, url }) => {
	const query = new URLSearchParams();
	for (const key of ['q', 'category', 'page']) {
		const value = url.searchParams.get(key);
		if (value) query.set(key, value);
	}
	const res = await createApi(fetch).get<IdeaPage>(`/cycles/${params.slug}/ideas?${query}`);
	return { ideas: res.ok ? res.data : { items: [], total: 0, page: 1, pageSize: 20 }, q: url.searchParams.get('q') ?? '', category: url.searchParams.get('category') };
};
