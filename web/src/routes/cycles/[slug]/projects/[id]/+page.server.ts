import { error } from '@sveltejs/kit';
import { localize } from '$lib/project';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params, locals }) => {
	const { cycle } = await parent();
	const project = cycle.projects.find((p) => p.id === params.id);
	if (!project) error(404, 'No such project');
	return { project: localize(project, locals.lang) };
};
