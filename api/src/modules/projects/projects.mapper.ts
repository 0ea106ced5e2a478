import type { projects } from '@allot/db';
import type { ProjectSummary } from '@allot/shared';

export function toProjectSummary(p: typeof projects.$inferSelect): ProjectSummary {
	return {
		id: p.code,
		title: p.title,
		summary: p.summary,
		description: p.description,
		costCents: p.costCents,
		category: p.category,
		imageUrl: p.imageUrl,
		imageAlt: p.imageAlt,
		translations: p.translations,
		proposalId: p.proposalId
	};
}
