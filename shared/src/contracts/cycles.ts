import { z } from 'zod';

export const Phase = z.enum([
	'draft',
	'ideas',
	'development',
	'voting',
	'tallying',
	'results',
	'implementation',
	'archived'
]);
export type Phase = z.infer<typeof Phase>;

export const Slug = z
	.string()
	.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes, up to 63');

export const CycleParams = z.object({ slug: Slug });
export type CycleParams = z.infer<typeof CycleParams>;

export const Money = z.object({ potCents: z.number().int().nonnegative(), currency: z.string().length(3) });

export const Eligibility = z.object({
	minAge: z.number().int().min(0).max(130),
	maxAge: z.number().int().min(0).max(130),
	asOf: z.iso.date(),
	residency: z.array(z.enum(['live', 'work', 'school'])).min(1),
	neighborhoods: z.array(z.string().min(1).max(100)).max(200).optional()
});
export type Eligibility = z.infer<typeof Eligibility>;

export const ProjectSummary = z.object({
	id: z.string(),
	title: z.string(),
	summary: z.string(),
	description: z.string(),
	costCents: z.number().int().nonnegative(),
	category: z.string().nullable(),
	imageUrl: z.string().nullable(),
	imageAlt: z.string().nullable(),
	translations: z.record(
		z.string(),
		z.object({ title: z.string().optional(), summary: z.string().optional(), imageAlt: z.string().optional() })
	)
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const CycleSummary = z.object({
	slug: z.string(),
	name: z.string(),
	description: z.string(),
	phase: Phase,
	potCents: z.number().int(),
	currency: z.string(),
	projectCount: z.number().int()
});
export type CycleSummary = z.infer<typeof CycleSummary>;

export const CycleList = z.object({ items: z.array(CycleSummary) });
export type CycleList = z.infer<typeof CycleList>;

export const CycleDetail = CycleSummary.extend({
	categories: z.array(z.string()),
	neighborhoods: z.array(z.string()),
	eligibility: z.record(z.string(), z.unknown()),
	ballot: z.record(z.string(), z.unknown()),
	allocation: z.record(z.string(), z.unknown()),
	timeline: z.record(z.string(), z.unknown()),
	rulesLocked: z.boolean(),
	projects: z.array(ProjectSummary)
});
export type CycleDetail = z.infer<typeof CycleDetail>;
