import type { BallotIndex } from './ballot-index.ts';
import { BudgetClasses, GroupBuffer } from './mes-classes.ts';
import type { MesProblem, MesResult, MesRound, MesTraceRound } from './mes-types.ts';
import { estimatePrice, priceOf, ratio, type PriceGroups } from './mes-price.ts';
import { gcd } from './rational.ts';

export type { MesProblem, MesResult, MesRound, MesTraceRound } from './mes-types.ts';

/*
 * One run of the Method of Equal Shares; the data model is described in mes-types.ts.
 */

/** Runs MES once with every voter holding `budget` (scaled money: per-voter budget × n). */
export function runMes(problem: MesProblem, budget: bigint, trace = false): MesResult {
	const run = new MesRun(problem, budget, trace);
	for (let p = run.pickNext(); p >= 0; p = run.pickNext()) run.fund(p);
	return resultOf(run, trace);
}

/**
 * Runs equal-shares rounds level by level (EAR, `problem.levels`): at level j the supporters of
 * a project are the voters ranking it j-th or better, and rounds continue while some project's
 * supporters can pay for it; then the next level starts with the budgets left.
 */
export function runLevels(problem: MesProblem, budget: bigint, maxLevel: number): MesResult {
	const run = new MesRun(problem, budget, false);
	for (let level = 1; level <= maxLevel; level++) {
		run.setLevel(level);
		for (let p = run.pickNext(); p >= 0; p = run.pickNext()) run.fund(p);
	}
	return resultOf(run, false);
}

function resultOf(run: MesRun, trace: boolean): MesResult {
	return {
		selected: run.selected,
		rounds: run.rounds,
		held: (p) => run.held(p),
		delta: run.delta,
		...(trace ? { trace: run.trace } : {})
	};
}

/** Relative rounding allowance when comparing price bounds (a division by mult). */
const ROUNDING = 1e-12;

class MesRun {
	readonly selected: number[] = [];
	readonly rounds: MesRound[] = [];
	readonly trace: MesTraceRound[] = [];
	readonly classes: BudgetClasses;
	private readonly ix: BallotIndex;
	private readonly nv: number;
	/** rank level of each value slot, and the current level (EAR only) */
	private readonly levelOf: Int32Array;
	private level = Infinity;
	private readonly multF: number[];
	private readonly classOf: Int32Array;
	/** per project, its supporters' ballots; voters with nothing left are moved past liveEnd */
	private readonly live: Int32Array;
	private readonly liveValue: Int32Array;
	private readonly liveEnd: Int32Array;
	/**
	 * Last known price per unit of utility (ρ / mult) lies in [lo, hi]; while dirty, lo is only a
	 * lower bound of today's price. Exact prices are computed only to break near-ties and to
	 * fund: per unit of v, rhoN / (rhoD·delta after round rhoAt), valid when `exact` is set.
	 */
	private readonly lo: number[];
	private readonly hi: number[];
	private readonly rhoN: bigint[];
	private readonly rhoD: bigint[];
	private readonly rhoAt: number[];
	private readonly exact: Uint8Array;
	private readonly dirty: Uint8Array;
	private active: number[];
	private readonly buffer = new GroupBuffer();
	/** the groups of the project that led the last pick, kept so funding it needs no rescan */
	private readonly leader = new GroupBuffer();
	private leaderOf = -1;
	/** the project whose groups `buffer` holds */
	private gathered = -1;

	constructor(
		private readonly pr: MesProblem,
		budget: bigint,
		private readonly tracing: boolean
	) {
		const ix = (this.ix = pr.index);
		const m = ix.ids.length;
		const levels = pr.levels === true;
		this.nv = levels ? 1 : ix.values.length || 1;
		const unit = levels || ix.values.length === 0 ? [1n] : ix.values;
		this.classes = new BudgetClasses(budget, unit, Float64Array.from(unit, Number));
		this.levelOf = Int32Array.from(levels ? ix.values.map(Number) : []);
		this.multF = pr.mult.map(Number);
		this.classOf = new Int32Array(ix.count).fill(budget > 0n ? 1 : 0);
		this.live = ix.projectBallot.slice();
		this.liveValue = ix.projectValue.slice();
		this.liveEnd = ix.projectStart.slice(1);
		// before any evaluation: cost / total utility, a lower bound of the first price
		this.lo = pr.scaledCost.map(
			(c, p) => ratio(c, ix.totalValue[p]! || 1n) / (this.multF[p]! || 1)
		);
		this.hi = this.lo.slice();
		this.rhoN = new Array<bigint>(m).fill(0n);
		this.rhoD = new Array<bigint>(m).fill(1n);
		this.rhoAt = new Array<number>(m).fill(0);
		this.exact = new Uint8Array(m);
		this.dirty = new Uint8Array(m).fill(1);
		this.active = pr.candidates.slice();
	}

	get delta(): bigint {
		return this.classes.delta;
	}

	/** Sign of ρ(a) − ρ(b) for evaluated projects: by their bounds, else exactly. */
	private cmpRho(a: number, b: number): number {
		if (this.hi[a]! < this.lo[b]! * (1 - ROUNDING)) return -1;
		if (this.hi[b]! < this.lo[a]! * (1 - ROUNDING)) return 1;
		this.ensureExact(a);
		this.ensureExact(b);
		const { rhoN, rhoD, rhoAt, classes } = this;
		const m = this.pr.mult;
		const l = rhoN[a]! * classes.sinceRound(rhoAt[a]!) * rhoD[b]! * m[b]!;
		const r = rhoN[b]! * classes.sinceRound(rhoAt[b]!) * rhoD[a]! * m[a]!;
		return l < r ? -1 : l > r ? 1 : 0;
	}

	/** Next project to fund, or -1. Lazy evaluation is exact because a price never falls. */
	pickNext(): number {
		const { lo, hi } = this;
		// only a few bounds moved since the last round: insertion sort is near linear here
		const order = insertionSort(this.active, lo);
		let tied: number[] = [];
		const dropped = new Set<number>();
		this.leaderOf = -1;
		for (const q of order) {
			// later projects' lower bounds are higher still: stop once q surely costs more
			if (tied.length > 0 && lo[q]! * (1 - ROUNDING) > hi[tied[0]!]!) break;
			if (tied.length > 0 && !this.dirty[q] && this.cmpRho(q, tied[0]!) > 0) continue;
			const fresh = this.dirty[q] === 1;
			if (fresh && !this.evaluate(q)) {
				dropped.add(q);
				continue;
			}
			const c = tied.length === 0 ? -1 : this.cmpRho(q, tied[0]!);
			if (c < 0 && fresh && this.gathered === q) {
				this.leader.copyFrom(this.buffer);
				this.leaderOf = q;
			}
			if (c < 0) tied = [q];
			else if (c === 0) tied.push(q);
		}
		if (dropped.size > 0) this.active = this.active.filter((q) => !dropped.has(q));
		return tied.length === 0 ? -1 : tied.sort(this.pr.tie)[0]!;
	}

	/** Sums q's supporters by (class, value); drops voters with nothing left from its list. */
	private gather(q: number): PriceGroups {
		const buffer = this.buffer;
		buffer.reset(this.classes.count * this.nv);
		const { live, liveValue, classOf, nv, levelOf, level } = this;
		const { bucket, keys } = buffer;
		const levelled = level !== Infinity;
		const w = this.ix.weight;
		let end = this.liveEnd[q]!;
		for (let t = this.ix.projectStart[q]!; t < end;) {
			const d = live[t]!;
			const k = classOf[d]!;
			if (k === 0) {
				end--;
				live[t] = live[end]!;
				liveValue[t] = liveValue[end]!;
				live[end] = d;
				continue;
			}
			const slot = liveValue[t++]!;
			if (levelled && levelOf[slot]! > level) continue;
			const key = nv === 1 ? k : k * nv + slot;
			if (bucket[key] === 0) keys.push(key);
			bucket[key]! += w[d]!;
		}
		this.liveEnd[q] = end;
		this.gathered = q;
		return buffer.groups(this.classes, nv);
	}

	private context(q: number) {
		const cost = this.pr.scaledCost[q]!;
		const { delta, err } = this.classes;
		return { cost: cost * delta, costApprox: Number(cost), delta, err };
	}

	/** Bounds q's price in doubles (exactly only when the bounds cannot be proven). */
	private evaluate(q: number): boolean {
		const estimate = estimatePrice(this.gather(q), this.context(q), this.buffer.capped);
		this.dirty[q] = 0;
		this.exact[q] = 0;
		if (estimate === null) return false;
		const m = this.multF[q]!;
		this.lo[q] = (estimate.approx - estimate.tau) / m;
		this.hi[q] = (estimate.approx + estimate.tau) / m;
		return true;
	}

	/** Computes q's exact price; q's supporters have not changed since it was evaluated. */
	private ensureExact(q: number): void {
		if (this.exact[q]) return;
		const groups = this.leaderOf === q ? this.leader.view(this.classes) : this.gather(q);
		const price = priceOf(groups, this.context(q), this.buffer.capped);
		if (price === null) throw new Error('MES: an evaluated project became unaffordable');
		this.rhoN[q] = price.num;
		this.rhoD[q] = price.den;
		this.rhoAt[q] = this.classes.rounds;
		this.lo[q] = this.hi[q] = price.approx / this.multF[q]!;
		this.exact[q] = 1;
	}

	/** Starts rank level j: more supporters count, so prices may fall; all projects reopen. */
	setLevel(level: number): void {
		this.level = level;
		const taken = new Set(this.selected);
		this.active = this.pr.candidates.filter((q) => !taken.has(q));
		for (const q of this.active) {
			this.dirty[q] = 1;
			this.lo[q] = this.hi[q] = 0;
		}
	}

	/** Funds p at its price: widen delta to the price's denominator, then charge supporters. */
	fund(p: number): void {
		this.ensureExact(p);
		const num = this.rhoN[p]! * this.classes.sinceRound(this.rhoAt[p]!);
		const g = gcd(num, this.rhoD[p]!);
		const rhoD = this.rhoD[p]! * this.delta;
		const round: MesRound = { project: p, level: this.level, rhoN: num, rhoD, full: 0, capped: 0 };
		this.classes.startRound(num / g, this.rhoD[p]! / g);
		this.active = this.active.filter((q) => q !== p);
		this.selected.push(p);
		this.rounds.push(round);
		this.charge(p, num / g, round);
		const m = this.ix.ids.length;
		for (const q of this.active) if (this.pr.co[p * m + q]) this.dirty[q] = 1;
	}

	/** Moves p's supporters to their new classes; each pays min(budget, P·v) over delta. */
	private charge(p: number, P: bigint, round: MesRound): void {
		const { classOf, live, liveValue, nv, levelOf, level, classes } = this;
		const levelled = level !== Infinity;
		const w = this.ix.weight;
		const payF = ratio(P, classes.delta);
		const stamp = classes.rounds;
		const { at, to: moved } = classes.transitions(classes.count * nv);
		const payments: MesTraceRound['payments'] = [];
		for (let t = this.ix.projectStart[p]!; t < this.liveEnd[p]!; t++) {
			const d = live[t]!;
			const k = classOf[d]!;
			const slot = nv === 1 ? 0 : liveValue[t]!;
			if (k === 0 || (levelled && levelOf[liveValue[t]!]! > level)) continue;
			const key = k * nv + slot;
			const to = at[key] === stamp ? moved[key]! : classes.next(key, k, slot, payF);
			classOf[d] = to;
			if (to === 0) round.capped += w[d]!;
			else round.full += w[d]!;
			if (this.tracing) {
				const paid = classes.budget(k) - classes.budget(to);
				payments.push({ ballot: d, num: paid, den: classes.delta });
			}
		}
		if (this.tracing) this.trace.push({ project: p, payments });
	}

	/** What p's supporters still hold, over `delta`. */
	held(p: number): bigint {
		const byClass = new Map<number, number>();
		const { projectStart, projectBallot, weight } = this.ix;
		for (let t = projectStart[p]!; t < projectStart[p + 1]!; t++) {
			const k = this.classOf[projectBallot[t]!]!;
			if (k !== 0) byClass.set(k, (byClass.get(k) ?? 0) + weight[projectBallot[t]!]!);
		}
		let sum = 0n;
		for (const [k, w] of byClass) sum += this.classes.budget(k) * BigInt(w);
		return sum;
	}
}

/** Sorts `items` in place by `key[item]`, ascending; fast when nearly sorted. */
function insertionSort(items: number[], key: number[]): number[] {
	for (let i = 1; i < items.length; i++) {
		const x = items[i]!;
		const kx = key[x]!;
		let j = i - 1;
		while (j >= 0 && key[items[j]!]! > kx) {
			items[j + 1] = items[j]!;
			j--;
		}
		items[j + 1] = x;
	}
	return items;
}
