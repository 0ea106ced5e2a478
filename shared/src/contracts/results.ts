import { z } from 'zod';
import { WELFARE_MEASURES } from '../domain/allocation/because.ts';
import { PARAM_VALUES } from '../domain/allocation/params.ts';
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

const Cents = z.number().int();
const Count = z.number().int().min(0);
const Place = z.number().int().min(1);
const Decimal = z.string();
const ScoreKind = z.enum(PARAM_VALUES.score);
const step = <C extends string, P extends z.ZodRawShape>(code: C, params: P) =>
	z.object({ code: z.literal(code), params: z.object(params) });
const greedyRank = {
	position: Place,
	scoreKind: ScoreKind,
	score: Decimal,
	perCost: z.boolean(),
	costCents: Cents,
	leftCents: Cents
};
const sharesRound = { payers: Count, capped: Count, priceCents: Cents };

/**
 * One decision of a rule about one project, as data (the engine's `BecauseStep`, money in
 * cents). Approximate amounts (`priceCents`, `heldCents`, `loadCents`) are rounded to the cent.
 */
export const BecauseStep = z.discriminatedUnion('code', [
	step('greedy.fit', greedyRank),
	step('greedy.tooDear', greedyRank),
	step('greedy.belowThreshold', { scoreKind: ScoreKind, minScore: z.number(), score: Decimal }),
	step('greedy.notReached', { stoppedAt: z.string() }),
	step('greedy.fundedBefore', {}),
	step('mes.round', { ...sharesRound, round: Place, effectiveSupport: Decimal }),
	step('mes.roundPerPoint', {
		...sharesRound,
		round: Place,
		scoreKind: z.enum(['points', 'borda'])
	}),
	step('mes.freeFirst', {}),
	step('mes.freeWorthless', {}),
	step('mes.onlyLastPlace', {}),
	step('mes.sharesRanOut', { heldCents: Cents, costCents: Cents }),
	step('noSupporters', {}),
	step('phragmen.round', { round: Place, supporters: Count, loadCents: Cents }),
	step('phragmen.roundUnsupported', { round: Place }),
	step('phragmen.overBudget', { unsupported: z.boolean(), costCents: Cents, budgetCents: Cents }),
	step('phragmen.stoppedHere', { unsupported: z.boolean(), costCents: Cents, leftCents: Cents }),
	step('phragmen.notReached', { unsupported: z.boolean(), stoppedAt: z.string().nullable() }),
	step('ear.freeFirst', {}),
	step('ear.round', { ...sharesRound, position: Place, level: Place }),
	step('ear.neverAffordable', { heldCents: Cents, costCents: Cents }),
	step('maxWelfare.inBest', { measure: z.enum(WELFARE_MEASURES), value: Decimal, total: Decimal }),
	step('maxWelfare.notInBest', { costCents: Cents, leftCents: Cents }),
	step('maxWelfare.overBudget', { costCents: Cents }),
	step('maxWelfare.addsNothing', { measure: z.enum(WELFARE_MEASURES) }),
	step('fromFile.withdrawn', {}),
	step('staff.excluded', { note: z.string() }),
	step('staff.partial', { amountCents: Cents, costCents: Cents, note: z.string() })
]);
export type BecauseStep = z.infer<typeof BecauseStep>;

/**
 * Why a project was funded or not, as data: a closed set of codes with typed params (the
 * engine's `Because`, domain/allocation/because.ts). `reason` is its English rendering; the web
 * renders it in the reader's language. Composite codes wrap steps one level deep.
 */
export const Because = z.discriminatedUnion('code', [
	...BecauseStep.options,
	step('greedyCompletion.funded', { greedy: BecauseStep }),
	step('greedyCompletion.unfunded', { mes: BecauseStep, greedy: BecauseStep }),
	step('comparison.greedy', { greedy: BecauseStep, greedyVoters: Count, mesVoters: Count })
]);
export type Because = z.infer<typeof Because>;

export const FundedProject = z.object({
	id: z.string(),
	costCents: z.number().int(),
	/** the rule's measure (votes, points, Borda…) as an exact decimal string */
	score: z.string(),
	/** why, in English (what the CLI, the CSV and results published before `because` carry) */
	reason: z.string(),
	/** why, as data; absent from results published before it existed */
	because: Because.optional()
});

export const UnfundedProject = z.object({
	id: z.string(),
	costCents: z.number().int(),
	score: z.string(),
	reason: z.string(),
	because: Because.optional()
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
