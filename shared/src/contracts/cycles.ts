import { z } from 'zod';
import { PARAM_VALUES } from '../domain/allocation/params.ts';
import { checkBallotRules } from '../domain/ballot-rules.ts';
import { PHASES } from '../domain/phases.ts';

export const Phase = z.enum(PHASES);
export type Phase = z.infer<typeof Phase>;

export const Slug = z
	.string()
	.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes, up to 63');

export const CycleParams = z.object({ slug: Slug });
export type CycleParams = z.infer<typeof CycleParams>;

export const Money = z.object({
	potCents: z.number().int().nonnegative(),
	currency: z.string().length(3)
});

/** A short label: a category or a neighbourhood name. */
export const Label = z.string().trim().min(1).max(100);
const Labels = z
	.array(Label)
	.max(200)
	.refine((xs) => new Set(xs).size === xs.length, 'labels must be unique');

export const Eligibility = z
	.object({
		minAge: z.number().int().min(0).max(130),
		maxAge: z.number().int().min(0).max(130),
		asOf: z.iso.date(),
		residency: z.array(z.enum(['live', 'work', 'school'])).min(1),
		neighborhoods: z.array(z.string().min(1).max(100)).max(200).optional()
	})
	.refine((e) => e.minAge <= e.maxAge, { path: ['minAge'], message: 'minAge is above maxAge' });
export type Eligibility = z.infer<typeof Eligibility>;

const atLeast = (min: number) => z.number().int().min(min).max(1_000_000);

/**
 * Ballot rules as stored and answered: the engine's `BallotRules` (domain/ballot-rules.ts) as
 * plain data, every minimum optional (imported and older cycles may leave them out).
 */
export const BallotRulesView = z.discriminatedUnion('kind', [
	z.object({
		kind: z.literal('ranked'),
		minRanks: atLeast(0).optional(),
		maxRanks: atLeast(1).optional()
	}),
	z.object({
		kind: z.literal('approval'),
		minSelections: atLeast(0).optional(),
		maxSelections: atLeast(1).optional()
	}),
	z.object({ kind: z.literal('single') }),
	z.object({
		kind: z.literal('knapsack'),
		/** cents; the pot when absent */
		budgetCap: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
		minSpendPercent: z.number().min(0).max(100).optional()
	}),
	z.object({
		kind: z.literal('cumulative'),
		totalPoints: atLeast(1),
		maxPointsPerProject: atLeast(1).optional(),
		minProjects: atLeast(0).optional()
	})
]);
export type BallotRulesView = z.infer<typeof BallotRulesView>;

/** What the engine assumes when a minimum is absent, written into new rules so they state it. */
const MINIMUMS = {
	ranked: { minRanks: 1 },
	approval: { minSelections: 1 },
	single: {},
	knapsack: { minSpendPercent: 0 },
	cumulative: { minProjects: 1 }
} as const;

/**
 * Ballot rules in a request (DESIGN.md's Ballots table): the same shapes, checked across fields
 * with the engine's own `checkBallotRules` (a minimum above its maximum, …) and completed with
 * the minimums the engine would assume.
 */
export const BallotRules = BallotRulesView.superRefine((rules, ctx) => {
	for (const issue of checkBallotRules(rules)) {
		ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
	}
	if (rules.kind !== 'cumulative') return;
	if ((rules.maxPointsPerProject ?? 0) > rules.totalPoints) {
		const message = 'maxPointsPerProject is above totalPoints';
		ctx.addIssue({ code: 'custom', path: ['maxPointsPerProject'], message });
	}
	if ((rules.minProjects ?? 1) > rules.totalPoints) {
		ctx.addIssue({
			code: 'custom',
			path: ['minProjects'],
			message: 'minProjects is above totalPoints'
		});
	}
}).transform((rules): BallotRulesView => ({ ...MINIMUMS[rules.kind], ...rules }));
export type BallotRules = z.infer<typeof BallotRules>;

/**
 * Allocation params, named as the CLI flags (../pabulib/rules.json); the values are the
 * engine's own list. Whether a combination makes sense (a threshold without minScore, Borda on
 * approval ballots) is the engine's `checkParams`, run by the API: 400 RULE_PARAMS_INVALID.
 */
export const AllocationParams = z.object({
	rule: z.enum(PARAM_VALUES.rule),
	score: z.enum(PARAM_VALUES.score).optional(),
	utility: z.enum(PARAM_VALUES.utility).optional(),
	completion: z.enum(PARAM_VALUES.completion).optional(),
	variant: z.enum(PARAM_VALUES.variant).optional(),
	minScore: z.number().optional(),
	tie: z.enum(PARAM_VALUES.tie).optional(),
	compare: z.enum(PARAM_VALUES.compare).optional()
});
export type AllocationParams = z.infer<typeof AllocationParams>;

/** A timestamp, ISO 8601 with its zone (DESIGN "API conventions"). */
export const Instant = z.iso.datetime({ offset: true });
const PhaseWindow = z
	.object({ startsAt: Instant.optional(), endsAt: Instant.optional() })
	.refine((w) => !w.startsAt || !w.endsAt || Date.parse(w.startsAt) <= Date.parse(w.endsAt), {
		path: ['endsAt'],
		message: 'endsAt is before startsAt'
	});
/** Planned start and end per phase: `{ voting: { startsAt, endsAt } }`. */
export const Timeline = z.partialRecord(Phase, PhaseWindow);
export type Timeline = z.infer<typeof Timeline>;

/** What an admin can set on a cycle; every field except the slug can be edited later. */
const cycleFields = {
	name: z.string().trim().min(1).max(200),
	description: z.string().max(10_000),
	potCents: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
	currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code in capitals, like USD'),
	ballot: BallotRules,
	allocation: AllocationParams,
	eligibility: Eligibility,
	categories: Labels,
	neighborhoods: Labels,
	timeline: Timeline,
	/** the written retention setting for personal data (DESIGN "Privacy") */
	retention: z.string().max(5_000)
};

export const CycleCreateBody = z.object({
	slug: Slug,
	...cycleFields,
	description: cycleFields.description.default(''),
	categories: cycleFields.categories.default([]),
	neighborhoods: cycleFields.neighborhoods.default([]),
	timeline: cycleFields.timeline.default({}),
	retention: cycleFields.retention.default('')
});
export type CycleCreateBody = z.infer<typeof CycleCreateBody>;

export const CycleUpdateBody = z.object(cycleFields).partial();
export type CycleUpdateBody = z.infer<typeof CycleUpdateBody>;

export const PhaseChangeBody = z.object({ phase: Phase });
export type PhaseChangeBody = z.infer<typeof PhaseChangeBody>;

export const ProjectTranslation = z.object({
	title: z.string().max(200).optional(),
	summary: z.string().max(1_000).optional(),
	imageAlt: z.string().max(500).optional()
});
/** Translated texts keyed by language tag: `{ es: { title, summary, imageAlt } }`. */
export const ProjectTranslations = z.record(
	z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/),
	ProjectTranslation
);

export const ProjectSummary = z.object({
	id: z.string(),
	title: z.string(),
	summary: z.string(),
	description: z.string(),
	costCents: z.number().int().nonnegative(),
	category: z.string().nullable(),
	imageUrl: z.string().nullable(),
	imageAlt: z.string().nullable(),
	translations: ProjectTranslations,
	/** the proposal it was promoted from, when it was */
	proposalId: z.string().nullable()
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
	eligibility: Eligibility,
	ballot: BallotRulesView,
	allocation: AllocationParams,
	timeline: Timeline,
	retention: z.string(),
	rulesLocked: z.boolean(),
	rulesLockedAt: Instant.nullable(),
	projects: z.array(ProjectSummary)
});
export type CycleDetail = z.infer<typeof CycleDetail>;
