import { defaultScore } from './scores.ts';
import type { AllocationParams, BallotShape, Profile } from './types.ts';

/**
 * Params that name an unknown rule, an unknown value, or a combination that makes no sense
 * (a threshold without `minScore`, Borda on approval ballots). A caller error, so it throws.
 */
export class RuleParamsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RuleParamsError';
	}
}

type Rule = AllocationParams['rule'];

/** Every accepted value, named as the CLI flags (and rules.json) spell them. */
export const PARAM_VALUES = {
	rule: ['greedy', 'greedy-cost', 'mes', 'phragmen', 'max-welfare', 'ear', 'from-file'],
	score: ['votes', 'points', 'borda', 'pabulib-borda'],
	utility: ['cost', 'approval', 'points', 'borda', 'points-cost'],
	completion: ['none', 'add1', 'add1-greedy', 'add1-no-exhaustive-stop'],
	variant: ['skip', 'no-skip', 'threshold'],
	tie: ['lexicographic', 'file-order', 'min-cost-max-votes'],
	compare: ['greedy']
} as const;

/** Which params each rule takes (besides `rule`). */
const ALLOWED: Record<Rule, readonly (keyof AllocationParams)[]> = {
	greedy: ['score', 'variant', 'minScore', 'tie'],
	'greedy-cost': ['score', 'variant', 'minScore', 'tie'],
	mes: ['utility', 'completion', 'tie', 'compare'],
	phragmen: ['tie'],
	'max-welfare': ['utility', 'score', 'tie'],
	ear: ['tie'],
	'from-file': []
};

/** Which ballot shapes a score or utility needs; a missing entry works on every shape. */
const NEEDS: Record<string, readonly BallotShape[]> = {
	points: ['cumulative', 'scoring'],
	'points-cost': ['cumulative', 'scoring'],
	borda: ['ordinal'],
	'pabulib-borda': ['ordinal']
};

function oneOf<K extends keyof typeof PARAM_VALUES>(key: K, value: unknown): void {
	const allowed: readonly unknown[] = PARAM_VALUES[key];
	if (!allowed.includes(value)) {
		throw new RuleParamsError(`${key} "${String(value)}" is not one of: ${allowed.join(', ')}`);
	}
}

function checkShape(key: string, value: string | undefined, profile: Profile | undefined): void {
	const needs = value === undefined ? undefined : NEEDS[value];
	if (!needs || !profile || needs.includes(profile.shape)) return;
	throw new RuleParamsError(
		`${key} "${value}" needs ${needs.join(' or ')} ballots, not ${profile.shape}`
	);
}

function checkKeys(input: Record<string, unknown>, rule: Rule): void {
	for (const [key, value] of Object.entries(input)) {
		if (key === 'rule' || value === undefined) continue;
		if (!(ALLOWED[rule] as readonly string[]).includes(key)) {
			throw new RuleParamsError(`${key} does not apply to rule ${rule}`);
		}
		if (key === 'minScore') {
			if (typeof value !== 'number' || !Number.isFinite(value)) {
				throw new RuleParamsError(`minScore must be a finite number, got ${String(value)}`);
			}
		} else oneOf(key as keyof typeof PARAM_VALUES, value);
	}
}

function checkGreedy(params: AllocationParams, profile: Profile | undefined): void {
	if (params.variant === 'threshold' && params.minScore === undefined) {
		throw new RuleParamsError('variant threshold needs minScore');
	}
	if (params.minScore !== undefined && params.variant !== 'threshold') {
		throw new RuleParamsError('minScore applies only to variant threshold');
	}
	checkShape('score', params.score, profile);
}

/**
 * Checks params from any caller (CLI, API, tests) and fills the defaults, so the outcome and
 * its manifest state every choice: tie `lexicographic`; greedy score = the ballots' own
 * measure, variant `skip`; MES utility `cost`, completion `none`. `profile` (optional) lets it
 * refuse a score or utility the ballots cannot give (Borda needs ranked ballots).
 */
export function checkParams(input: unknown, profile?: Profile): AllocationParams {
	if (typeof input !== 'object' || input === null)
		throw new RuleParamsError('params must be an object');
	const raw = input as Record<string, unknown>;
	oneOf('rule', raw.rule);
	const rule = raw.rule as Rule;
	checkKeys(raw, rule);
	const params = Object.fromEntries(
		Object.entries(raw).filter(([, v]) => v !== undefined)
	) as unknown as AllocationParams;
	if (rule === 'from-file') return params;
	params.tie ??= 'lexicographic';
	if (rule === 'greedy' || rule === 'greedy-cost') {
		checkGreedy(params, profile);
		params.variant ??= 'skip';
		if (profile) params.score ??= defaultScore(profile);
	} else if (rule === 'mes') {
		params.utility ??= 'cost';
		params.completion ??= 'none';
		checkShape('utility', params.utility, profile);
	} else if (rule === 'max-welfare') {
		if (params.utility && params.score)
			throw new RuleParamsError('give max-welfare a utility or a score, not both');
		checkShape('utility', params.utility, profile);
		checkShape('score', params.score, profile);
	} else if (rule === 'phragmen' && profile && profile.shape !== 'approval') {
		throw new RuleParamsError(`phragmen needs approval ballots, not ${profile.shape}`);
	}
	return params;
}
