import { buildBallotIndex, coSupport, type BallotIndex } from './ballot-index.ts';
import { approxCents, explained, type BecauseStep } from './because.ts';
import { supports } from './mes-setup.ts';
import { gcd } from './rational.ts';
import { makeTieOrder } from './tiebreak.ts';
import type {
	AllocationParams,
	FundedProject,
	Instance,
	Outcome,
	Profile,
	UnfundedProject
} from './types.ts';

/**
 * Sequential Phragmén for participatory budgeting, exactly as pabutools 1.2.3
 * `sequential_phragmen` (README §3.3). Every voter carries a load, 0 at the start. Each round,
 * for every project p still in play, new_load(p) = (Σ loads of p's supporters + cost(p)) / (number
 * of supporters), counting weights; the project with the smallest new_load wins (ties: the
 * tie order), and all its supporters' loads become that value. If any project tied at the
 * smallest new_load does not fit in what is left of the budget, the rule stops there: it never
 * skips. Projects costing more than the budget are out from the start; projects nobody supports
 * have an infinite load and come last.
 *
 * Ballots are read as approval sets (a ranked or cumulative ballot supports what it lists, with
 * positive points). Loads are exact: each voter's load is the new_load of the last round that
 * charged them, so voters are grouped by that round, and loads are integers over one shared
 * denominator. A project's new_load never falls, so projects are re-evaluated lazily.
 */
export function allocatePhragmen(
	instance: Instance,
	profile: Profile,
	params: AllocationParams
): Outcome {
	const tie = params.tie ?? 'lexicographic';
	const index = buildBallotIndex(instance, profile, (b, k) => (supports(b, k) ? 1 : 0));
	const byId = makeTieOrder(tie, instance, profile);
	const run = new PhragmenRun(index, instance.budget, (a, b) => byId(index.ids[a]!, index.ids[b]!));
	run.run();
	const funded = run.selected.map((p, i) => fundedEntry(run, instance, p, i));
	const chosen = new Set(run.selected);
	const unfunded = index.ids
		.map((_, p) => p)
		.filter((p) => !chosen.has(p))
		.map((p) => unfundedEntry(run, instance, p));
	const spent = funded.reduce((sum, p) => sum + p.cost, 0n);
	return {
		params: { ...params, tie },
		funded,
		unfunded,
		spent,
		left: instance.budget - spent,
		notes: { rounds: run.selected.length, voters: Number(index.voters) }
	};
}

class PhragmenRun {
	readonly selected: number[] = [];
	/** new_load of each funded project when funded, as load / denominator */
	readonly loads: { num: bigint; den: bigint }[] = [];
	/** projects tied at the lowest new_load when the rule stopped, if it stopped on a misfit */
	stoppedOn: number[] = [];
	readonly inPlay: Uint8Array;
	private denominator = 1n;
	/** class r = voters last charged in round r (class 0: never charged, load 0) */
	private readonly classLoad: bigint[] = [0n];
	private readonly classOf: Int32Array;
	private readonly x: bigint[];
	private readonly dirty: Uint8Array;
	private readonly co: Uint8Array;
	private spent = 0n;

	constructor(
		readonly ix: BallotIndex,
		readonly budget: bigint,
		private readonly tie: (a: number, b: number) => number
	) {
		const m = ix.ids.length;
		this.classOf = new Int32Array(ix.count);
		this.x = ix.costs.slice();
		this.dirty = new Uint8Array(m);
		this.inPlay = Uint8Array.from(ix.costs, (c) => (c <= budget ? 1 : 0));
		this.co = coSupport(ix);
	}

	/** Sign of new_load(a) − new_load(b) = x/a(p) with x over the shared denominator. */
	private cmp(a: number, b: number): number {
		const sa = this.ix.supporters[a]!;
		const sb = this.ix.supporters[b]!;
		if (sa === 0 || sb === 0) return sa === sb ? 0 : sa === 0 ? 1 : -1;
		const l = this.x[a]! * BigInt(sb);
		const r = this.x[b]! * BigInt(sa);
		return l < r ? -1 : l > r ? 1 : 0;
	}

	run(): void {
		for (;;) {
			const tied = this.lowest();
			if (tied.length === 0) return;
			if (tied.some((p) => this.spent + this.ix.costs[p]! > this.budget)) {
				this.stoppedOn = tied;
				return;
			}
			this.fund(tied.sort(this.tie)[0]!);
		}
	}

	/** All projects in play at the lowest new_load (lazy: stale values are lower bounds). */
	private lowest(): number[] {
		const order = [...this.ix.ids.keys()]
			.filter((p) => this.inPlay[p])
			.sort((a, b) => this.cmp(a, b));
		let tied: number[] = [];
		for (const q of order) {
			if (tied.length > 0 && this.cmp(q, tied[0]!) > 0) break;
			if (this.dirty[q]) this.evaluate(q);
			const c = tied.length === 0 ? -1 : this.cmp(q, tied[0]!);
			if (c < 0) tied = [q];
			else if (c === 0) tied.push(q);
		}
		return tied;
	}

	private evaluate(q: number): void {
		const weightByClass = new Float64Array(this.classLoad.length);
		const { projectStart, projectBallot, weight } = this.ix;
		for (let t = projectStart[q]!; t < projectStart[q + 1]!; t++) {
			const d = projectBallot[t]!;
			weightByClass[this.classOf[d]!]! += weight[d]!;
		}
		let x = this.ix.costs[q]! * this.denominator;
		for (let r = 1; r < weightByClass.length; r++) {
			if (weightByClass[r]! > 0) x += BigInt(weightByClass[r]!) * this.classLoad[r]!;
		}
		this.x[q] = x;
		this.dirty[q] = 0;
	}

	private fund(p: number): void {
		const supporters = BigInt(this.ix.supporters[p]!);
		this.selected.push(p);
		this.spent += this.ix.costs[p]!;
		this.inPlay[p] = 0;
		if (supporters === 0n) {
			// nobody to charge: pabutools funds it at an infinite load and changes no loads
			this.loads.push({ num: 0n, den: 1n });
			return;
		}
		// the new load x/(supporters·denominator) becomes exact over denominator·(supporters/g)
		const g = gcd(this.x[p]!, supporters);
		const widen = supporters / g;
		this.loads.push({ num: this.x[p]!, den: supporters * this.denominator });
		const load = this.x[p]! / g;
		this.denominator *= widen;
		for (let r = 1; r < this.classLoad.length; r++) this.classLoad[r]! *= widen;
		for (let q = 0; q < this.x.length; q++) if (this.inPlay[q]) this.x[q]! *= widen;
		this.classLoad.push(load);
		const round = this.classLoad.length - 1;
		const { projectStart, projectBallot } = this.ix;
		for (let t = projectStart[p]!; t < projectStart[p + 1]!; t++) {
			this.classOf[projectBallot[t]!] = round;
		}
		const m = this.ix.ids.length;
		for (let q = 0; q < m; q++) if (this.inPlay[q] && this.co[p * m + q]) this.dirty[q] = 1;
	}
}

function fundedEntry(run: PhragmenRun, instance: Instance, p: number, i: number): FundedProject {
	const { num, den } = run.loads[i]!;
	const count = run.ix.supporters[p]!;
	const because: BecauseStep =
		count === 0
			? { code: 'phragmen.roundUnsupported', params: { round: i + 1 } }
			: {
					code: 'phragmen.round',
					params: {
						round: i + 1,
						supporters: count,
						loadCents: approxCents(num, den, instance.moneyScale)
					}
				};
	return {
		id: run.ix.ids[p]!,
		cost: run.ix.costs[p]!,
		score: String(count),
		...explained(because, instance.moneyScale)
	};
}

function unfundedEntry(run: PhragmenRun, instance: Instance, p: number): UnfundedProject {
	const { ix } = run;
	const cost = ix.costs[p]!;
	const entry = { id: ix.ids[p]!, cost, score: String(ix.supporters[p]!) };
	const left = run.budget - run.selected.reduce((sum, q) => sum + ix.costs[q]!, 0n);
	const unsupported = ix.supporters[p] === 0;
	const because = (b: BecauseStep) => ({ ...entry, ...explained(b, instance.moneyScale) });
	if (cost > run.budget) {
		const params = { unsupported, costCents: cost, budgetCents: run.budget };
		return because({ code: 'phragmen.overBudget', params });
	}
	if (run.stoppedOn.includes(p) && cost > left) {
		const params = { unsupported, costCents: cost, leftCents: left };
		return because({ code: 'phragmen.stoppedHere', params });
	}
	const stop = run.stoppedOn.find((q) => ix.costs[q]! > left);
	const stoppedAt = stop === undefined ? null : ix.ids[stop]!;
	return because({ code: 'phragmen.notReached', params: { unsupported, stoppedAt } });
}
