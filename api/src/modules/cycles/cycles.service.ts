import type { CycleDetail, CycleList } from '@allot/shared';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../errors.ts';
import * as repo from './cycles.repo.ts';

export async function listCycles(deps: Deps): Promise<CycleList> {
	return { items: await repo.listCycles(deps.db) };
}

export async function getCycle(deps: Deps, slug: string): Promise<CycleDetail> {
	const cycle = await repo.findCycleBySlug(deps.db, slug);
	if (!cycle) throw notFound(`Cycle ${slug}`);
	const projects = await repo.listProjects(deps.db, cycle.id);
	return {
		slug: cycle.slug,
		name: cycle.name,
		description: cycle.description,
		phase: cycle.phase,
		potCents: cycle.potCents,
		currency: cycle.currency,
		projectCount: projects.length,
		categories: cycle.categories,
		neighborhoods: cycle.neighborhoods,
		eligibility: cycle.eligibility as Record<string, unknown>,
		ballot: cycle.ballotRules as Record<string, unknown>,
		allocation: cycle.allocation as Record<string, unknown>,
		timeline: cycle.timeline as Record<string, unknown>,
		rulesLocked: cycle.rulesLockedAt !== null,
		projects: projects.map((p) => ({
			id: p.code,
			title: p.title,
			summary: p.summary,
			description: p.description,
			costCents: p.costCents,
			category: p.category,
			imageUrl: p.imageUrl,
			imageAlt: p.imageAlt,
			translations: p.translations
		}))
	};
}
