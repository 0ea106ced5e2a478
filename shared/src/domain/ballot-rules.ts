/**
 * Ballot rules: what a voter may submit in a cycle, as data (DESIGN.md "Ballots"), and one pure
 * check that lists every way a ballot breaks them. The web runs it for live feedback (with
 * `submitting: false`, so minimums do not nag while a ballot is being built); the API re-checks
 * on submit. Expected problems are returned as violations, never thrown.
 *
 * Money is integer cents (JS numbers, exact below 2^53); points are non-negative integers.
 */
import { numberToDecimal } from './allocation/outcome-format.ts';

export type BallotRules =
	| { kind: 'ranked'; minRanks?: number; maxRanks?: number }
	| { kind: 'approval'; minSelections?: number; maxSelections?: number }
	| { kind: 'single' }
	| { kind: 'knapsack'; budgetCap?: number; minSpendPercent?: number }
	| { kind: 'cumulative'; totalPoints: number; maxPointsPerProject?: number; minProjects?: number };

/**
 * What a voter submits. `ranked` takes `{ranking}` (best first); `approval` and `knapsack` take
 * `{approvals}`; `cumulative` takes `{points}`. `single` takes `{approvals}` with exactly one
 * id, because a single choice is an approval ballot of size one (pabulib's `choose-1`).
 */
export type BallotInput =
	{ ranking: string[] } | { approvals: string[] } | { points: Record<string, number> };

export interface BallotProject {
	id: string;
	costCents: number;
}

export interface CheckBallotOptions {
	/** the cycle's pot: the knapsack `budgetCap` when the rules give none */
	potCents?: number;
	/** false while the ballot is being built: skip the minimums (default true) */
	submitting?: boolean;
}

/** Every way a ballot can break its rules, with the numbers a UI needs to explain it. */
export type Violation =
	| { code: 'WRONG_BALLOT_SHAPE'; expected: 'ranking' | 'approvals' | 'points' }
	| { code: 'EMPTY_BALLOT' }
	| { code: 'UNKNOWN_PROJECT'; projectId: string }
	| { code: 'DUPLICATE_PROJECT'; projectId: string }
	| { code: 'TOO_FEW_RANKS'; min: number; count: number }
	| { code: 'TOO_MANY_RANKS'; max: number; count: number }
	| { code: 'TOO_FEW_SELECTIONS'; min: number; count: number }
	| { code: 'TOO_MANY_SELECTIONS'; max: number; count: number }
	| { code: 'OVER_BUDGET'; capCents: number; spentCents: number; overCents: number }
	| {
			code: 'UNDER_MIN_SPEND';
			minSpendPercent: number;
			minCents: number;
			spentCents: number;
			missingCents: number;
	  }
	| { code: 'INVALID_POINTS'; projectId: string; points: number }
	| { code: 'POINTS_OVER_TOTAL'; total: number; used: number; overBy: number }
	| { code: 'POINTS_OVER_MAX'; projectId: string; max: number; points: number }
	| { code: 'TOO_FEW_PROJECTS'; min: number; count: number };

export type ViolationCode = Violation['code'];

type Kind = BallotRules['kind'];

const FIELD: Record<Kind, 'ranking' | 'approvals' | 'points'> = {
	ranked: 'ranking',
	approval: 'approvals',
	single: 'approvals',
	knapsack: 'approvals',
	cumulative: 'points'
};

/** The ids a list ballot names, reporting unknown and repeated ones. */
function checkIds(ids: readonly string[], known: ReadonlySet<string>, out: Violation[]): void {
	const seen = new Set<string>();
	for (const id of ids) {
		if (!known.has(id)) out.push({ code: 'UNKNOWN_PROJECT', projectId: id });
		else if (seen.has(id)) out.push({ code: 'DUPLICATE_PROJECT', projectId: id });
		seen.add(id);
	}
}

function checkCount(
	count: number,
	min: number,
	max: number,
	codes:
		| readonly ['TOO_FEW_RANKS', 'TOO_MANY_RANKS']
		| readonly ['TOO_FEW_SELECTIONS', 'TOO_MANY_SELECTIONS'],
	submitting: boolean,
	out: Violation[]
): void {
	if (count > max) out.push({ code: codes[1], max, count });
	if (submitting && count < min) out.push({ code: codes[0], min, count });
}

/** Percent of a cap in whole cents, rounded up: a voter must reach at least that share. */
export function minSpendCents(capCents: number, minSpendPercent: number): number {
	const percent = numberToDecimal(minSpendPercent);
	const numerator = BigInt(capCents) * percent.digits;
	const denominator = 100n * 10n ** BigInt(percent.decimals);
	return Number((numerator + denominator - 1n) / denominator);
}

function checkKnapsack(
	rules: Extract<BallotRules, { kind: 'knapsack' }>,
	ids: readonly string[],
	costs: ReadonlyMap<string, number>,
	opts: CheckBallotOptions,
	out: Violation[]
): void {
	let spentCents = 0;
	for (const id of new Set(ids)) spentCents += costs.get(id) ?? 0;
	const capCents = rules.budgetCap ?? opts.potCents;
	if (capCents !== undefined && spentCents > capCents) {
		out.push({ code: 'OVER_BUDGET', capCents, spentCents, overCents: spentCents - capCents });
	}
	if (opts.submitting === false) return;
	if (ids.length === 0) out.push({ code: 'EMPTY_BALLOT' });
	const percent = rules.minSpendPercent ?? 0;
	if (capCents === undefined || percent <= 0) return;
	const minCents = minSpendCents(capCents, percent);
	if (spentCents < minCents) {
		const missingCents = minCents - spentCents;
		out.push({
			code: 'UNDER_MIN_SPEND',
			minSpendPercent: percent,
			minCents,
			spentCents,
			missingCents
		});
	}
}

function checkPoints(
	rules: Extract<BallotRules, { kind: 'cumulative' }>,
	points: Record<string, number>,
	known: ReadonlySet<string>,
	submitting: boolean,
	out: Violation[]
): void {
	const max = rules.maxPointsPerProject ?? rules.totalPoints;
	let used = 0;
	let count = 0;
	for (const [id, value] of Object.entries(points)) {
		if (!known.has(id)) {
			out.push({ code: 'UNKNOWN_PROJECT', projectId: id });
			continue;
		}
		if (!Number.isSafeInteger(value) || value < 0) {
			out.push({ code: 'INVALID_POINTS', projectId: id, points: value });
			continue;
		}
		if (value > max) out.push({ code: 'POINTS_OVER_MAX', projectId: id, max, points: value });
		used += value;
		if (value > 0) count++;
	}
	if (used > rules.totalPoints) {
		out.push({
			code: 'POINTS_OVER_TOTAL',
			total: rules.totalPoints,
			used,
			overBy: used - rules.totalPoints
		});
	}
	const min = rules.minProjects ?? 1;
	if (submitting && count < min) out.push({ code: 'TOO_FEW_PROJECTS', min, count });
}

function listOf(ballot: BallotInput, field: 'ranking' | 'approvals'): string[] | undefined {
	const value = (ballot as Record<string, unknown>)[field];
	return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function pointsOf(ballot: BallotInput): Record<string, number> | undefined {
	const value = (ballot as Record<string, unknown>).points;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	return Object.values(value).every((v) => typeof v === 'number')
		? (value as Record<string, number>)
		: undefined;
}

/**
 * Checks a ballot against its rules and the cycle's projects. Returns every violation found
 * (empty when the ballot is valid), in a stable order: shape, ids, counts, money or points.
 * With `submitting: false`, minimums (`TOO_FEW_*`, `UNDER_MIN_SPEND`, `EMPTY_BALLOT`) are not
 * reported, so a half-built ballot only shows what already went too far.
 * `minSpendPercent` is rounded up to a whole cent (`minSpendCents`).
 */
export function checkBallot(
	rules: BallotRules,
	projects: readonly BallotProject[],
	ballot: BallotInput,
	opts: CheckBallotOptions = {}
): Violation[] {
	const submitting = opts.submitting !== false;
	const known = new Set(projects.map((p) => p.id));
	const out: Violation[] = [];
	const field = FIELD[rules.kind];
	if (rules.kind === 'cumulative') {
		const points = pointsOf(ballot);
		if (!points) return [{ code: 'WRONG_BALLOT_SHAPE', expected: field }];
		checkPoints(rules, points, known, submitting, out);
		return out;
	}
	const ids = listOf(ballot, field as 'ranking' | 'approvals');
	if (!ids) return [{ code: 'WRONG_BALLOT_SHAPE', expected: field }];
	checkIds(ids, known, out);
	const all = projects.length;
	if (rules.kind === 'ranked') {
		const codes = ['TOO_FEW_RANKS', 'TOO_MANY_RANKS'] as const;
		checkCount(ids.length, rules.minRanks ?? 1, rules.maxRanks ?? all, codes, submitting, out);
	} else if (rules.kind === 'approval' || rules.kind === 'single') {
		const [min, max] =
			rules.kind === 'single' ? [1, 1] : [rules.minSelections ?? 1, rules.maxSelections ?? all];
		checkCount(
			ids.length,
			min,
			max,
			['TOO_FEW_SELECTIONS', 'TOO_MANY_SELECTIONS'],
			submitting,
			out
		);
	} else {
		const costs = new Map(projects.map((p) => [p.id, p.costCents]));
		checkKnapsack(rules, ids, costs, opts, out);
	}
	return out;
}

/** A ballot-rules object that cannot work (min above max, a cap below zero): a setup error. */
export interface RulesIssue {
	field: string;
	message: string;
}

function nonNegativeInt(value: number | undefined, field: string, out: RulesIssue[]): void {
	if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
		out.push({ field, message: `${field} must be a whole number of at least 0` });
	}
}

/**
 * Checks a rules object itself (at cycle setup, before any ballot is cast): whole numbers,
 * minimums not above maximums, percentages within 0..100.
 */
export function checkBallotRules(rules: BallotRules): RulesIssue[] {
	const out: RulesIssue[] = [];
	const range = (min: number | undefined, max: number | undefined, names: [string, string]) => {
		nonNegativeInt(min, names[0], out);
		nonNegativeInt(max, names[1], out);
		if (min !== undefined && max !== undefined && min > max) {
			out.push({ field: names[0], message: `${names[0]} (${min}) is above ${names[1]} (${max})` });
		}
	};
	if (rules.kind === 'ranked') range(rules.minRanks, rules.maxRanks, ['minRanks', 'maxRanks']);
	if (rules.kind === 'approval') {
		range(rules.minSelections, rules.maxSelections, ['minSelections', 'maxSelections']);
	}
	if (rules.kind === 'knapsack') {
		nonNegativeInt(rules.budgetCap, 'budgetCap', out);
		const p = rules.minSpendPercent;
		if (p !== undefined && !(Number.isFinite(p) && p >= 0 && p <= 100)) {
			out.push({ field: 'minSpendPercent', message: 'minSpendPercent must be between 0 and 100' });
		}
	}
	if (rules.kind === 'cumulative') {
		nonNegativeInt(rules.totalPoints, 'totalPoints', out);
		nonNegativeInt(rules.maxPointsPerProject, 'maxPointsPerProject', out);
		nonNegativeInt(rules.minProjects, 'minProjects', out);
	}
	return out;
}
