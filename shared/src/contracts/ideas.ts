import { z } from 'zod';
import { Instant, Label, Slug } from './cycles.ts';

/**
 * Submitters' age brackets: the voter brackets up to 25 (domain/eligibility.ts), one bracket
 * above. Coarse on purpose: ideas come from minors, and a bracket never names one age.
 */
export const IDEA_AGE_BRACKETS = ['0-11', '12-14', '15-17', '18-21', '22-25', '26+'] as const;
export const IdeaAgeBracket = z.enum(IDEA_AGE_BRACKETS);

export const IdeaParams = z.object({ slug: Slug, ideaId: z.uuid() });
export type IdeaParams = z.infer<typeof IdeaParams>;

export const IdeaCreateBody = z
	.object({
		title: z.string().trim().min(3).max(140),
		description: z.string().trim().min(1).max(5_000),
		category: Label.optional(),
		neighborhood: Label.optional(),
		latitude: z.number().min(-90).max(90).optional(),
		longitude: z.number().min(-180).max(180).optional(),
		ageBracket: IdeaAgeBracket.optional(),
		/** how staff may reach the submitter; private, never shown publicly, erased at archive */
		contact: z.string().trim().min(1).max(200).optional()
	})
	.refine((b) => (b.latitude === undefined) === (b.longitude === undefined), {
		path: ['longitude'],
		message: 'give latitude and longitude together'
	});
export type IdeaCreateBody = z.infer<typeof IdeaCreateBody>;

/**
 * An idea as the caller may see it. A hidden idea shows publicly only as "hidden by
 * moderators: <reason>" (its texts and details withheld); `contact` is sent to staff only.
 */
export const Idea = z.object({
	id: z.string(),
	title: z.string(),
	description: z.string(),
	category: z.string().nullable(),
	neighborhood: z.string().nullable(),
	latitude: z.number().nullable(),
	longitude: z.number().nullable(),
	ageBracket: z.string().nullable(),
	createdAt: Instant,
	hidden: z.boolean(),
	hiddenReason: z.string().nullable(),
	/** the proposal this idea was merged into, if any */
	proposalId: z.string().nullable(),
	contact: z.string().nullable().optional()
});
export type Idea = z.infer<typeof Idea>;

export const SimilarIdea = z.object({
	id: z.string(),
	title: z.string(),
	/** share of title words in common, 0..1 */
	similarity: z.number()
});
export type SimilarIdea = z.infer<typeof SimilarIdea>;

export const SimilarIdeaList = z.object({ items: z.array(SimilarIdea) });
export type SimilarIdeaList = z.infer<typeof SimilarIdeaList>;

/** The stored idea and the ideas it may duplicate, so the submitter can check them. */
export const IdeaCreated = Idea.extend({ similar: z.array(SimilarIdea) });
export type IdeaCreated = z.infer<typeof IdeaCreated>;

export const IdeaListQuery = z.object({
	/** words to find in titles and descriptions */
	q: z.string().trim().min(1).max(200).optional(),
	category: Label.optional(),
	neighborhood: Label.optional(),
	page: z.coerce.number().int().min(1).max(10_000).default(1),
	pageSize: z.coerce.number().int().min(1).max(100).default(20)
});
export type IdeaListQuery = z.infer<typeof IdeaListQuery>;

export const IdeaPage = z.object({
	items: z.array(Idea),
	total: z.number().int(),
	page: z.number().int(),
	pageSize: z.number().int()
});
export type IdeaPage = z.infer<typeof IdeaPage>;

/** Hiding an idea or a comment: the reason is shown publicly in its place. */
export const ModerationBody = z.object({ reason: z.string().trim().min(3).max(500) });
export type ModerationBody = z.infer<typeof ModerationBody>;
