import { explained, type Because } from './because.ts';
import { formatRational, numberToDecimal } from './outcome-format.ts';
import { computeScores, defaultScore, type ProjectScores, type ScoreKind } from './scores.ts';
import { makeTieOrder, type TieOrder } from './tiebreak.ts';
import type {
	AllocationParams,
	FundedProject,
	Instance,
	Outcome,
	Profile,
	Project,
	UnfundedProject
} from './types.ts';

/** What greedy ranks by: a score, either raw or per unit of cost. */
export interface GreedyMeasure {
	score: ScoreKind;
	perCost: boolean;
}

/**
 * The measure for a params object. `greedy` ranks by the score, `greedy-cost` by score per unit
 * of cost. Any other rule (MES completion "then greedy") uses pabutools' greedy with the same
 * utility: `cost` → votes (Cost_Sat density), `points-cost` → points, `approval` → votes per
 * cost, `points` → points per cost, `borda` → Borda per cost.
 */
export function greedyMeasure(params: AllocationParams, profile: Profile): GreedyMeasure {
	if (params.rule === 'greedy' || params.rule === 'greedy-cost' || !params.utility) {
		return { score: params.score ?? defaultScore(profile), perCost: params.rule === 'greedy-cost' };
	}
	switch (params.utility) {
		case 'cost':
			return { score: 'votes', perCost: false };
		case 'points-cost':
			return { score: 'points', perCost: false };
		case 'approval':
			return { score: 'votes', perCost: true };
		case 'points':
			return { score: 'points', perCost: true };
		case 'borda':
			return { score: 'borda', perCost: true };
	}
}

/** 2 = supported and free (density +inf), 1 = positive density, 0 = no support. */
function densityClass(score: bigint, cost: bigint): number {
	if (score <= 0n) return 0;
	return cost === 0n ? 2 : 1;
}

/**
 * Orders projects best first, exactly as pabutools' additive greedy (README §3.1): by score
 * (or score/cost compared by cross-multiplication), ties by the explicit tie order.
 */
export function greedyOrder(
	projects: readonly Project[],
	scores: ProjectScores,
	perCost: boolean,
	tieOrder: TieOrder
): Project[] {
	const score = (p: Project) => scores.values.get(p.id) ?? 0n;
	return [...projects].sort((a, b) => {
		const sa = score(a);
		const sb = score(b);
		if (!perCost) return sa !== sb ? (sa > sb ? -1 : 1) : tieOrder(a.id, b.id);
		const ca = densityClass(sa, a.cost);
		const cb = densityClass(sb, b.cost);
		if (ca !== cb) return cb - ca;
		if (ca === 1) {
			const left = sa * b.cost;
			const right = sb * a.cost;
			if (left !== right) return left > right ? -1 : 1;
		}
		return tieOrder(a.id, b.id);
	});
}

/** True when `value / scale >= minScore`, compared exactly. */
function meetsThreshold(value: bigint, scale: bigint, minScore: number): boolean {
	const min = numberToDecimal(minScore);
	return value * 10n ** BigInt(min.decimals) >= min.digits * scale;
}

interface Pass {
	instance: Instance;
	measure: GreedyMeasure;
	scores: ProjectScores;
	funded: FundedProject[];
	unfunded: UnfundedProject[];
	left: bigint;
}

function scoreText(pass: Pass, p: Project): string {
	return formatRational(pass.scores.values.get(p.id) ?? 0n, pass.scores.scale);
}

/** The project's place in the greedy order, with its score, cost and what is left. */
function rankOf(pass: Pass, p: Project, position: number) {
	return {
		position,
		scoreKind: pass.measure.score,
		score: scoreText(pass, p),
		perCost: pass.measure.perCost,
		costCents: p.cost,
		leftCents: pass.left
	};
}

function entry(pass: Pass, p: Project, because: Because) {
	return {
		id: p.id,
		cost: p.cost,
		score: scoreText(pass, p),
		...explained(because, pass.instance.moneyScale)
	};
}

function fund(pass: Pass, p: Project, position: number): void {
	pass.funded.push(entry(pass, p, { code: 'greedy.fit', params: rankOf(pass, p, position) }));
	pass.left -= p.cost;
}

function reject(pass: Pass, p: Project, because: Because): void {
	pass.unfunded.push(entry(pass, p, because));
}

/** Runs the ordered pass: funds what fits, records why everything else was not funded. */
function runPass(pass: Pass, order: Project[], params: AllocationParams): void {
	const variant = params.variant ?? 'skip';
	let stoppedAt: string | undefined;
	order.forEach((p, i) => {
		const rank = i + 1;
		const value = pass.scores.values.get(p.id) ?? 0n;
		if (variant === 'threshold') {
			const min = params.minScore ?? 0;
			if (!meetsThreshold(value, pass.scores.scale, min)) {
				const below = { scoreKind: pass.measure.score, minScore: min, score: scoreText(pass, p) };
				return reject(pass, p, { code: 'greedy.belowThreshold', params: below });
			}
		}
		if (stoppedAt !== undefined) {
			return reject(pass, p, { code: 'greedy.notReached', params: { stoppedAt } });
		}
		if (p.cost <= pass.left) return fund(pass, p, rank);
		reject(pass, p, { code: 'greedy.tooDear', params: rankOf(pass, p, rank) });
		if (variant === 'no-skip') stoppedAt = p.id;
	});
}

/**
 * Greedy allocation (`greedy`: by score descending; `greedy-cost`: by score per unit of cost),
 * with the variants `skip` (default: pass over projects that no longer fit), `no-skip` (stop at
 * the first that does not fit) and `threshold` (only projects with score >= `minScore` qualify).
 * Ties follow `params.tie` (default lexicographic, as pabutools). Projects without support rank
 * last and are still funded if they fit, as in pabutools and the pabulib checker.
 *
 * `initial` lists projects already funded by an earlier stage (MES completion "then greedy"):
 * they come first in `funded`, in the given order, their cost is taken from the budget, and the
 * greedy pass ranks only the rest. For rules other than greedy/greedy-cost the measure follows
 * `params.utility` (see `greedyMeasure`).
 */
export function allocateGreedy(
	instance: Instance,
	profile: Profile,
	params: AllocationParams,
	initial: string[] = []
): Outcome {
	const measure = greedyMeasure(params, profile);
	const tie = params.tie ?? 'lexicographic';
	const scores = computeScores(profile, measure.score);
	const pass: Pass = { instance, measure, scores, funded: [], unfunded: [], left: instance.budget };
	const byId = new Map(instance.projects.map((p) => [p.id, p]));
	for (const id of initial) {
		const p = byId.get(id);
		if (!p) throw new RangeError(`initial project ${id} is not in the instance`);
		pass.funded.push(entry(pass, p, { code: 'greedy.fundedBefore', params: {} }));
		pass.left -= p.cost;
	}
	const already = new Set(initial);
	const rest = instance.projects.filter((p) => !already.has(p.id));
	const order = greedyOrder(rest, scores, measure.perCost, makeTieOrder(tie, instance, profile));
	runPass(pass, order, params);
	const filled = params.rule === 'greedy' || params.rule === 'greedy-cost';
	return {
		params: filled ? { ...params, score: measure.score, tie } : params,
		funded: pass.funded,
		unfunded: pass.unfunded,
		spent: instance.budget - pass.left,
		left: pass.left,
		notes: { measure: `${measure.score}${measure.perCost ? ' per unit of cost' : ''}` }
	};
}
