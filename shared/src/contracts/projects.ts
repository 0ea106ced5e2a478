import { z } from 'zod';
import { Label, ProjectTranslations, Slug } from './cycles.ts';

/** A project's short id, unique in its cycle (pabulib's `project_id`); ballots name it. */
export const ProjectCode = z
	.string()
	.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/, 'letters, digits, _ . - (up to 32)');

export const ProjectParams = z.object({ slug: Slug, projectId: ProjectCode });
export type ProjectParams = z.infer<typeof ProjectParams>;

export const ImageUrl = z
	.string()
	.max(2_000)
	.regex(/^(https?:\/\/|\/)\S+$/, 'an http(s) URL or a path on this site');

const projectFields = {
	title: z.string().trim().min(1).max(200),
	summary: z.string().max(1_000),
	description: z.string().max(20_000),
	costCents: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
	category: Label.nullable(),
	imageUrl: ImageUrl.nullable(),
	/** required wherever an image is shown: screen readers read it (WCAG 1.1.1) */
	imageAlt: z.string().max(500).nullable(),
	translations: ProjectTranslations
};

export const ProjectCreateBody = z.object({
	/** generated as the next `P<n>` when absent */
	id: ProjectCode.optional(),
	...projectFields,
	summary: projectFields.summary.default(''),
	category: projectFields.category.optional(),
	imageUrl: projectFields.imageUrl.optional(),
	imageAlt: projectFields.imageAlt.optional(),
	translations: projectFields.translations.default({})
});
export type ProjectCreateBody = z.infer<typeof ProjectCreateBody>;

export const ProjectUpdateBody = z.object(projectFields).partial();
export type ProjectUpdateBody = z.infer<typeof ProjectUpdateBody>;
