import { explained, welfareLabel, type BecauseStep, type WelfareMeasure } from './because.ts';
import { formatRational } from './outcome-format.ts';
import { computeScores, defaultScore, type ScoreKind } from './scores.ts';
import { makeTieOrder } from './tiebreak.ts';
import type { AllocationParams, Instance, Outcome, Profile, Project } from './types.ts';

/** A knapsack item: a project with its exact total utility (profit) and cost (weight). */
interface Item {
	project: Project;
	profit: bigint;
}

/** How welfare is measured: a score, optionally multiplied by cost (cost utilities). */
interface Welfare {
	score: ScoreKind;
	timesCost: boolean;
	measure: WelfareMeasure;
}

function welfareOf(params: AllocationParams, profile: Profile): Welfare {
	switch (params.utility) {
		case 'approval':
			return { score: 'votes', timesCost: false, measure: 'approvals' };
		case 'points':
			return { score: 'points', timesCost: false, measure: 'points' };
		case 'borda':
			return { score: 'borda', timesCost: false, measure: 'borda' };
		case 'cost':
			return { score: 'votes', timesCost: true, measure: 'cost-approvals' };
		case 'points-cost':
			return { score: 'points', timesCost: true, measure: 'points-cost' };
	}
	const score = params.score ?? defaultScore(profile);
	return { score, timesCost: false, measure: score === 'votes' ? 'approvals' : 'points' };
}

/** Exact order by profit per unit of cost, best first; free items with profit come first. */
function byEfficiency(a: Item, b: Item): number {
	const ca = a.project.cost;
	const cb = b.project.cost;
	if (ca === 0n || cb === 0n) return ca === cb ? 0 : ca === 0n ? -1 : 1;
	const left = a.profit * cb;
	const right = b.profit * ca;
	return left === right ? 0 : left > right ? -1 : 1;
}

/**
 * Depth-first branch and bound over items sorted by efficiency (Horowitz–Sahni). The bound at a
 * node is the LP relaxation (Dantzig): fill the following items whole while they fit, then a
 * fraction of the next one, floored because the optimum is an integer. All in bigint.
 */
class Knapsack {
	private readonly n: number;
	private readonly weight: bigint[];
	private readonly profit: bigint[];
	/** prefix sums: sumW[i] = weight of items 0..i-1 */
	private readonly sumW: bigint[] = [0n];
	private readonly sumP: bigint[] = [0n];
	private best = -1n;
	private bestTaken: boolean[] = [];
	private readonly taken: boolean[];
	nodes = 0;

	constructor(items: readonly Item[]) {
		this.n = items.length;
		this.weight = items.map((i) => i.project.cost);
		this.profit = items.map((i) => i.profit);
		for (let i = 0; i < this.n; i++) {
			this.sumW.push(this.sumW[i]! + this.weight[i]!);
			this.sumP.push(this.sumP[i]! + this.profit[i]!);
		}
		this.taken = new Array<boolean>(this.n).fill(false);
	}

	/** Upper bound on the profit items i.. can add within `capacity`. */
	private bound(i: number, capacity: bigint): bigint {
		const limit = this.sumW[i]! + capacity;
		let lo = i;
		let hi = this.n;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.sumW[mid]! <= limit) lo = mid;
			else hi = mid - 1;
		}
		const whole = this.sumP[lo]! - this.sumP[i]!;
		if (lo === this.n) return whole;
		const rest = limit - this.sumW[lo]!;
		return whole + (rest * this.profit[lo]!) / this.weight[lo]!;
	}

	private search(i: number, capacity: bigint, value: bigint): void {
		this.nodes++;
		if (value > this.best) {
			this.best = value;
			this.bestTaken = this.taken.slice();
		}
		if (i === this.n || value + this.bound(i, capacity) <= this.best) return;
		if (this.weight[i]! <= capacity) {
			this.taken[i] = true;
			this.search(i + 1, capacity - this.weight[i]!, value + this.profit[i]!);
			this.taken[i] = false;
		}
		if (value + this.bound(i + 1, capacity) > this.best) this.search(i + 1, capacity, value);
	}

	solve(capacity: bigint): { value: bigint; taken: boolean[] } {
		this.search(0, capacity, 0n);
		return { value: this.best, taken: this.bestTaken };
	}
}

/**
 * Maximum total utility (0/1 knapsack), exactly. Utility per `params.utility` (`approval`:
 * approvals, `points`, `borda` (L−pos−1), `cost`: approvals × cost, `points-cost`) or, when no
 * utility is given, `params.score`. The outcome's `welfare` is the optimum as an exact decimal
 * (money-valued utilities in currency units). Several optima may exist; which one is returned
 * follows the efficiency order with `params.tie` (default lexicographic) for equal efficiency.
 */
export function allocateMaxWelfare(
	instance: Instance,
	profile: Profile,
	params: AllocationParams
): Outcome {
	const welfare = welfareOf(params, profile);
	const scores = computeScores(profile, welfare.score);
	const tie = makeTieOrder(params.tie ?? 'lexicographic', instance, profile);
	const all: Item[] = instance.projects.map((project) => {
		const score = scores.values.get(project.id) ?? 0n;
		return { project, profit: welfare.timesCost ? score * project.cost : score };
	});
	const items = all
		.filter((i) => i.profit > 0n && i.project.cost <= instance.budget)
		.sort((a, b) => byEfficiency(a, b) || tie(a.project.id, b.project.id));
	const knapsack = new Knapsack(items);
	const { value, taken } = knapsack.solve(instance.budget);
	const chosen = items.filter((_, k) => taken[k]);
	const scale = scores.scale * (welfare.timesCost ? instance.moneyScale : 1n);
	return describe(instance, params, all, chosen, { value, scale, welfare, nodes: knapsack.nodes });
}

interface Solution {
	value: bigint;
	scale: bigint;
	welfare: Welfare;
	nodes: number;
}

function describe(
	instance: Instance,
	params: AllocationParams,
	all: readonly Item[],
	chosen: readonly Item[],
	solution: Solution
): Outcome {
	const total = formatRational(solution.value < 0n ? 0n : solution.value, solution.scale);
	const measure = solution.welfare.measure;
	const spent = chosen.reduce((sum, i) => sum + i.project.cost, 0n);
	const left = instance.budget - spent;
	const inSet = new Set(chosen.map((i) => i.project.id));
	const text = (i: Item) => formatRational(i.profit, solution.scale);
	const entry = (i: Item, because: BecauseStep) => ({
		id: i.project.id,
		cost: i.project.cost,
		score: text(i),
		...explained(because, instance.moneyScale)
	});
	const funded = chosen.map((i) =>
		entry(i, { code: 'maxWelfare.inBest', params: { measure, value: text(i), total } })
	);
	const unfunded = all
		.filter((i) => !inSet.has(i.project.id))
		.map((i) => {
			const costCents = i.project.cost;
			if (costCents > instance.budget)
				return entry(i, { code: 'maxWelfare.overBudget', params: { costCents } });
			if (i.profit <= 0n) return entry(i, { code: 'maxWelfare.addsNothing', params: { measure } });
			return entry(i, { code: 'maxWelfare.notInBest', params: { costCents, leftCents: left } });
		});
	return {
		params: { ...params, tie: params.tie ?? 'lexicographic' },
		funded,
		unfunded,
		spent,
		left,
		welfare: total,
		notes: { welfare: welfareLabel(measure), searchNodes: solution.nodes }
	};
}
