import { z } from 'zod';
import { Instant, Label, ProjectTranslations, Slug } from './cycles.ts';
import { ImageUrl, ProjectCode } from './projects.ts';

export const Feasibility = z.enum(['pending', 'feasible', 'infeasible']);
export type Feasibility = z.infer<typeof Feasibility>;

export const ProposalParams = z.object({ slug: Slug, proposalId: z.uuid() });
export type ProposalParams = z.infer<typeof ProposalParams>;

const Cents = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const ProposalCreateBody = z.object({
	title: z.string().trim().min(3).max(200),
	description: z.string().trim().min(1).max(20_000),
	/** the ideas this proposal merges (one or more, each in at most one proposal) */
	ideaIds: z
		.array(z.uuid())
		.min(1)
		.max(100)
		.refine((ids) => new Set(ids).size === ids.length, 'ideaIds must be unique'),
	category: Label.optional(),
	neighborhood: Label.optional()
});
export type ProposalCreateBody = z.infer<typeof ProposalCreateBody>;

export const ProposalUpdateBody = z
	.object({
		title: z.string().trim().min(3).max(200),
		description: z.string().trim().min(1).max(20_000),
		category: Label.nullable(),
		neighborhood: Label.nullable()
	})
	.partial();
export type ProposalUpdateBody = z.infer<typeof ProposalUpdateBody>;

export const ProposalAssignBody = z.object({ reviewerId: z.uuid().nullable() });
export type ProposalAssignBody = z.infer<typeof ProposalAssignBody>;

const notes = z.string().max(20_000).optional();

/**
 * A reviewer's decision: feasible with a cost estimate (what the ballot project will cost),
 * infeasible with a public reason ("why not on the ballot"), or back to pending.
 */
export const ProposalReviewBody = z.discriminatedUnion('feasibility', [
	z.object({ feasibility: z.literal('feasible'), costEstimateCents: Cents, notes }),
	z.object({
		feasibility: z.literal('infeasible'),
		reason: z.string().trim().min(3).max(2_000),
		costEstimateCents: Cents.optional(),
		notes
	}),
	z.object({ feasibility: z.literal('pending'), notes })
]);
export type ProposalReviewBody = z.infer<typeof ProposalReviewBody>;

/** A proposal; `reviewerId` and `notes` are internal and sent to reviewers and admins only. */
export const Proposal = z.object({
	id: z.string(),
	title: z.string(),
	description: z.string(),
	category: z.string().nullable(),
	neighborhood: z.string().nullable(),
	feasibility: Feasibility,
	/** public reason when infeasible */
	feasibilityReason: z.string().nullable(),
	costEstimateCents: z.number().int().nullable(),
	ideaIds: z.array(z.string()),
	/** the ballot project it became, if promoted */
	projectId: z.string().nullable(),
	createdAt: Instant,
	reviewerId: z.string().nullable().optional(),
	notes: z.string().optional()
});
export type Proposal = z.infer<typeof Proposal>;

export const ProposalListQuery = z.object({ feasibility: Feasibility.optional() });
export type ProposalListQuery = z.infer<typeof ProposalListQuery>;

export const ProposalList = z.object({ items: z.array(Proposal) });
export type ProposalList = z.infer<typeof ProposalList>;

/** Turning a feasible proposal into a ballot project: texts default to the proposal's. */
export const ProposalPromoteBody = z.object({
	id: ProjectCode.optional(),
	title: z.string().trim().min(1).max(200).optional(),
	summary: z.string().max(1_000).optional(),
	description: z.string().max(20_000).optional(),
	category: Label.optional(),
	imageUrl: ImageUrl.optional(),
	imageAlt: z.string().max(500).optional(),
	translations: ProjectTranslations.optional()
});
export type ProposalPromoteBody = z.infer<typeof ProposalPromoteBody>;
