import { localize, shuffled } from '$lib/project';
import { shuffleSeed } from '$lib/server/shuffle';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, cookies, url, locals }) => {
	const { cycle } = await parent();
	const category = url.searchParams.get('category');
	const seed = shuffleSeed(cookies);
	const projects = shuffled(cycle.projects, seed)
		.filter((p) => !category || p.category === category)
		.map((p) => localize(p, locals.lang));
	return { projects, category };
};
