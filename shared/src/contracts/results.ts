import { z } from 'zod';
import { AllocationParams, Slug } from './cycles.ts';

const Instant = z.iso.datetime({ offset: true });
const ProjectRef = z.string().min(1).max(64);
const Reason = z.string().trim().min(3).max(1_000);

/**
 * Staff corrections to a rule's outcome, each with a reason that goes into the audit log and
 * the published result: `exclude` takes a project out before the rule runs (found infeasible
 * after the vote); `partial` funds a project the rule left unfunded with part of what is left.
 */
export const Override = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('exclude'), projectId: ProjectRef, reason: Reason }),
	z.object({
		kind: z.literal('partial'),
		projectId: ProjectRef,
		amountCents: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
		reason: Reason
	})
]);
export type Override = z.infer<typeof Override>;

/**
 * Allocation params named as the CLI flags; every field optional. Without `rule`, the cycle's
 * own params are used (with any given fields laid over them).
 */
export const PreviewBody = AllocationParams.partial().extend({
	overrides: z.array(Override).max(100).optional()
});
export type PreviewBody = z.infer<typeof PreviewBody>;

export const Manifest = z.object({
	/** SHA-256 of the canonical anonymised `.pb` export (GET …/export.pb hashes to it) */
	ballotsSha256: z.string(),
	engineVersion: z.string(),
	params: AllocationParams
});
export type Manifest = z.infer<typeof Manifest>;

export const FundedProject = z.object({
	id: z.string(),
	costCents: z.number().int(),
	/** the rule's measure (votes, points, Borda…) as an exact decimal string */
	score: z.string(),
	reason: z.string()
});

export const UnfundedProject = z.object({
	id: z.string(),
	costCents: z.number().int(),
	score: z.string(),
	reason: z.string()
});

/** An outcome (DESIGN "The contract that outside checks use"): `funded` in selection order. */
export const Outcome = z.object({
	rule: z.string(),
	params: AllocationParams,
	funded: z.array(FundedProject),
	unfunded: z.array(UnfundedProject),
	spentCents: z.number().int(),
	leftCents: z.number().int(),
	welfare: z.string().optional(),
	notes: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
	ballotCount: z.number().int(),
	overrides: z.array(Override),
	manifest: Manifest
});
export type Outcome = z.infer<typeof Outcome>;

export const CompareBody = z.object({
	rules: z.array(AllocationParams).min(1).max(8),
	overrides: z.array(Override).max(100).optional()
});
export type CompareBody = z.infer<typeof CompareBody>;

export const Comparison = z.object({
	items: z.array(Outcome),
	/** one row per project, in ballot order: which of the compared rules fund it */
	projects: z.array(
		z.object({
			id: z.string(),
			title: z.string(),
			costCents: z.number().int(),
			funded: z.array(z.boolean())
		})
	)
});
export type Comparison = z.infer<typeof Comparison>;

const Cell = z.object({
	key: z.string(),
	count: z.number().int().nullable(),
	suppressed: z.boolean()
});

/** Published turnout: cells under `threshold` people are suppressed (null count). */
export const PublicTurnout = z.object({
	total: z.number().int(),
	threshold: z.number().int(),
	byDay: z.array(Cell),
	byChannel: z.array(Cell),
	byAgeBracket: z.array(Cell),
	byNeighborhood: z.array(Cell),
	bySite: z.array(Cell)
});
export type PublicTurnout = z.infer<typeof PublicTurnout>;

export const ResultProject = z.object({
	id: z.string(),
	title: z.string(),
	costCents: z.number().int(),
	score: z.string(),
	funded: z.boolean(),
	/** what the result gives it: its cost, a partial amount, or 0 */
	fundedCents: z.number().int()
});

export const PublishedResults = Outcome.extend({
	slug: z.string(),
	name: z.string(),
	currency: z.string(),
	potCents: z.number().int(),
	publishedAt: Instant,
	/** every ballot project in ballot order, with its score and funding */
	projects: z.array(ResultProject),
	turnout: PublicTurnout
});
export type PublishedResults = z.infer<typeof PublishedResults>;

export const ReceiptList = z.object({ count: z.number().int(), items: z.array(z.string()) });
export type ReceiptList = z.infer<typeof ReceiptList>;

export const ReceiptParams = z.object({ slug: Slug, receipt: z.string().min(1).max(64) });
export type ReceiptParams = z.infer<typeof ReceiptParams>;

export const ReceiptCheck = z.object({ receipt: z.string(), counted: z.boolean() });
export type ReceiptCheck = z.infer<typeof ReceiptCheck>;

export const ImportQuery = z.object({ slug: Slug.optional() });
export type ImportQuery = z.infer<typeof ImportQuery>;

export const ImportResult = z.object({
	slug: z.string(),
	name: z.string(),
	projects: z.number().int(),
	ballots: z.number().int(),
	voteType: z.string(),
	/** the cycle's default params: the file's own rule where the engine can reproduce it */
	allocation: AllocationParams,
	warnings: z.array(z.string())
});
export type ImportResult = z.infer<typeof ImportResult>;
