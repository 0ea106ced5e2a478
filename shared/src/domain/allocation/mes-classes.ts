import type { PriceGroups } from './mes-price.ts';

/** Integers up to here add exactly in doubles. */
const MAX_EXACT = 2 ** 52;

/**
 * Voters grouped by budget for one run of equal shares. Every voter of a class holds the same
 * budget β/delta, where delta is one denominator shared by all classes and widened round by
 * round to the price's denominator. Class 0 is the empty purse.
 *
 * Exact budgets are expensive and most are never needed (the price search reads doubles), so a
 * class born in round r from class `parent` by paying P_r·v stores only that recipe; `budget`
 * computes β on first use and then keeps it current lazily: since[e] = delta now / delta after
 * round e brings a budget written at round e to today's delta with one multiplication.
 * `approx` holds each budget as a double in true scaled money (β/delta), within `err` of exact.
 */
export class BudgetClasses {
	delta = 1n;
	/** completed rounds */
	rounds = 0;
	/** bound on |approx − exact|: each round adds a few ulps of the start budget, so this covers
	 * far more rounds than any ballot has projects */
	readonly err: number;
	readonly approx: number[] = [0];
	private readonly beta: (bigint | undefined)[] = [0n];
	private readonly parent: number[] = [0];
	private readonly bornSlot: number[] = [0];
	/** round after which each class was born (0 for the start classes) */
	private readonly born: number[] = [0];
	/** rounds completed when each budget was last written (or the class was born) */
	private readonly epoch: number[] = [0];
	private readonly since: bigint[] = [1n];
	private readonly roundP: bigint[] = [];
	/** per (class, value) key: the class its voters moved to in round `transAt` */
	private transAt = new Int32Array(256).fill(-1);
	private transTo = new Int32Array(256);

	/** Class 1 holds `budget` (scaled money); `unit` maps value slots to utilities. */
	constructor(
		budget: bigint,
		readonly unit: bigint[],
		readonly unitF: Float64Array
	) {
		this.beta.push(budget);
		this.approx.push(Number(budget));
		this.parent.push(0);
		this.bornSlot.push(0);
		this.born.push(0);
		this.epoch.push(0);
		this.err = Math.abs(Number(budget)) * 1e-9;
	}

	get count(): number {
		return this.beta.length;
	}

	value(slot: number): bigint {
		return this.unit[slot] ?? 1n;
	}

	/** delta now / delta after round e. */
	sinceRound(e: number): bigint {
		return this.since[e]!;
	}

	/** Exact budget of class k over the current delta. */
	budget(k: number): bigint {
		const e = this.epoch[k]!;
		let b = this.beta[k];
		if (b === undefined) {
			const pay = this.roundP[e - 1]! * this.value(this.bornSlot[k]!) * this.since[e]!;
			b = this.budget(this.parent[k]!) - pay;
		} else if (e !== this.rounds) b *= this.since[e]!;
		else return b;
		this.epoch[k] = this.rounds;
		this.beta[k] = b;
		return b;
	}

	/**
	 * Σ weight·budget over the classes `cls[i]` with `pick[i]` set (all when `pick` is null),
	 * exactly and over the current delta. A budget is the start budget minus the payments along
	 * its class's line of parents, so the sum needs one BigInt product per round, not per class:
	 * Σ w·β = b·Σ w − Σ_r P_r·since[r]·(Σ over the classes of w·v paid in round r).
	 */
	sumBudgets(cls: Int32Array, w: Float64Array, size: number, pick: Uint8Array | null): bigint {
		const paid = new Float64Array(this.rounds + 1);
		let weight = 0;
		for (let i = 0; i < size; i++) {
			if (pick !== null && !pick[i]) continue;
			const k = cls[i]!;
			if (k === 0) continue;
			weight += w[i]!;
			for (let c = k; this.born[c]! > 0; c = this.parent[c]!) {
				paid[this.born[c]!]! += w[i]! * this.unitF[this.bornSlot[c]!]!;
			}
		}
		if (weight > MAX_EXACT || paid.some((x) => x > MAX_EXACT))
			return this.sumEach(cls, w, size, pick);
		let sum = this.budget(1) * BigInt(weight);
		for (let e = 1; e <= this.rounds; e++) {
			if (paid[e]! > 0) sum -= this.roundP[e - 1]! * this.since[e]! * BigInt(paid[e]!);
		}
		return sum;
	}

	private sumEach(cls: Int32Array, w: Float64Array, size: number, pick: Uint8Array | null): bigint {
		let sum = 0n;
		for (let i = 0; i < size; i++) {
			if (pick === null || pick[i]) sum += this.budget(cls[i]!) * BigInt(w[i]!);
		}
		return sum;
	}

	/** Starts a round whose price is P per unit of value over delta·Q. */
	startRound(P: bigint, Q: bigint): void {
		this.delta *= Q;
		for (let e = 0; e < this.since.length; e++) this.since[e]! *= Q;
		this.since.push(1n);
		this.roundP.push(P);
		this.rounds++;
	}

	/**
	 * The class that class k's voters with value `slot` move to after paying P·v this round
	 * (0 if that takes all they have). The doubles decide unless they are too close to call.
	 * Within one round the answer is remembered per (class, slot) `key`.
	 */
	next(key: number, k: number, slot: number, payF: number): number {
		if (this.transAt.length <= key) this.growTransitions(key + 1);
		if (this.transAt[key] === this.rounds) return this.transTo[key]!;
		return this.split(key, k, slot, payF);
	}

	/**
	 * The per-key memory of `next` for this round, with room for keys below `size`, so a caller
	 * can look up known moves itself: `at[key] === rounds` means `to[key]` is known.
	 */
	transitions(size: number): { at: Int32Array; to: Int32Array } {
		if (this.transAt.length < size) this.growTransitions(size);
		return { at: this.transAt, to: this.transTo };
	}

	private split(key: number, k: number, slot: number, payF: number): number {
		const left = this.approx[k]! - payF * this.unitF[slot]!;
		const P = this.roundP[this.rounds - 1]!;
		const positive =
			left > 2 * this.err || (left >= -2 * this.err && this.budget(k) > P * this.value(slot));
		let to = 0;
		if (positive) {
			this.beta.push(undefined);
			this.approx.push(left);
			this.parent.push(k);
			this.bornSlot.push(slot);
			this.born.push(this.rounds);
			this.epoch.push(this.rounds);
			to = this.beta.length - 1;
		}
		this.transAt[key] = this.rounds;
		this.transTo[key] = to;
		return to;
	}

	private growTransitions(size: number): void {
		const at = new Int32Array(size * 2).fill(-1);
		at.set(this.transAt);
		const to = new Int32Array(size * 2);
		to.set(this.transTo);
		this.transAt = at;
		this.transTo = to;
	}
}

/**
 * Reusable buffers that turn one project's supporters, summed by (class, value) key in
 * `bucket`, into the `PriceGroups` of the price step, so a run allocates little per evaluation.
 */
export class GroupBuffer {
	bucket = new Float64Array(256);
	readonly keys: number[] = [];
	capped = new Uint8Array(256);
	private cls = new Int32Array(256);
	private slot = new Int32Array(256);
	private approx = new Float64Array(256);
	private w = new Float64Array(256);
	private v = new Float64Array(256);
	private size = 0;

	/** Empties the key list and makes room for keys below `keySpace`. */
	reset(keySpace: number): void {
		if (this.bucket.length < keySpace) this.bucket = new Float64Array(keySpace * 2);
		this.keys.length = 0;
	}

	/** Reads the bucketed weights (and clears the bucket) into price groups over `classes`. */
	groups(classes: BudgetClasses, nv: number): PriceGroups {
		const size = (this.size = this.keys.length);
		if (this.cls.length < size) this.grow(size * 2);
		const { cls, slot, bucket } = this;
		for (let i = 0; i < size; i++) {
			const key = this.keys[i]!;
			const k = (key / nv) | 0;
			cls[i] = k;
			slot[i] = key - k * nv;
			this.approx[i] = classes.approx[k]!;
			this.w[i] = bucket[key]!;
			this.v[i] = classes.unitF[slot[i]!]!;
			bucket[key] = 0;
		}
		return this.view(classes);
	}

	/** Keeps a copy of the groups `other` read last. */
	copyFrom(other: GroupBuffer): void {
		const size = (this.size = other.size);
		if (this.cls.length < size) this.grow(size * 2);
		this.cls.set(other.cls.subarray(0, size));
		this.slot.set(other.slot.subarray(0, size));
		this.approx.set(other.approx.subarray(0, size));
		this.w.set(other.w.subarray(0, size));
		this.v.set(other.v.subarray(0, size));
	}

	/** The groups read last, as price groups over `classes`. */
	view(classes: BudgetClasses): PriceGroups {
		const { cls, slot, size } = this;
		return {
			size,
			approx: this.approx,
			w: this.w,
			v: this.v,
			budget: (i) => classes.budget(cls[i]!),
			value: (i) => classes.value(slot[i]!),
			held: (pick) => classes.sumBudgets(cls, this.w, size, pick)
		};
	}

	private grow(size: number): void {
		this.cls = new Int32Array(size);
		this.slot = new Int32Array(size);
		this.approx = new Float64Array(size);
		this.w = new Float64Array(size);
		this.v = new Float64Array(size);
		this.capped = new Uint8Array(size);
	}
}
