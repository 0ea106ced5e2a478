/**
 * The price step of the Method of Equal Shares: given one project's supporters grouped by
 * budget and utility, the price ρ per unit of utility such that Σ min(budget, ρ·v)·weight equals
 * the cost (pabutools sorts supporters by budget/utility and walks up; this is the same number,
 * because the left side is continuous and increasing in ρ).
 *
 * Exact BigInt work is the expensive part, so the search runs in doubles. Every group carries a
 * double `approx` of its budget within `err` of the exact value (the caller guarantees the
 * bound). `estimatePrice` returns the double price with a proven error bound, enough to compare
 * projects whose prices are not nearly equal; `priceOf` returns the exact price, checking the
 * double search's answer exactly (a check is settled in doubles when the two sides are further
 * apart than all rounding can explain) and redoing the search in BigInt if a check fails.
 */

/** Supporters of one project, grouped: entry i is `w[i]` voters with value `v[i]`. */
export interface PriceGroups {
	size: number;
	/** double approximation of each group's budget, in true scaled money (β/Δ) */
	approx: Float64Array;
	w: Float64Array;
	v: Float64Array;
	/** exact budget of entry i over `delta`, and its value as a BigInt */
	budget: (i: number) => bigint;
	value: (i: number) => bigint;
	/** exact Σ budget·w over the entries with `pick[i]` set, or over all when `pick` is null */
	held: (pick: Uint8Array | null) => bigint;
}

export interface PriceContext {
	/** the cost over delta (cost·delta) and its double value in true scaled money */
	cost: bigint;
	costApprox: number;
	delta: bigint;
	/** bound on |approx − exact| for every group */
	err: number;
}

/** ρ per unit of v = num / (den·delta); `approx` is its double value. */
export interface Price {
	num: bigint;
	den: bigint;
	approx: number;
}

/** A price per unit of v known to lie within `approx ± tau` (true scaled money). */
export interface Estimate {
	approx: number;
	tau: number;
}

/** relative rounding allowance of a few double operations */
const RELATIVE = 1e-12;
/** relative allowance of a long double sum (thousands of terms) */
const SUM_RELATIVE = 1e-9;
/** weight·value sums stay exact integers in doubles below this */
const EXACT_SUM = 2 ** 50;

/** Exact price, or null when all supporters together hold less than the cost. */
export function priceOf(g: PriceGroups, cx: PriceContext, capped: Uint8Array): Price | null {
	const { held, weight, den } = groupSums(g);
	const slack = weight * cx.err + (Math.abs(held) + Math.abs(cx.costApprox)) * SUM_RELATIVE;
	if (held + slack < cx.costApprox) return null;
	if (held - slack < cx.costApprox && g.held(null) < cx.cost) return null;
	if (den >= EXACT_SUM) return exactPrice(g, cx);
	floatCaps(g, cx.costApprox, den, capped);
	return verifiedPrice(g, cx, capped, den) ?? exactPrice(g, cx);
}

/**
 * The price in doubles with a bound: ρ̃ ± τ contains the exact ρ, or null when the supporters
 * cannot pay. Why the bound holds: let f(ρ) = Σ min(budget, ρ·v)·w, increasing with slope = the
 * weight·value of the supporters not capped at ρ, and f̃ the same on the doubles. |f − f̃| ≤ E,
 * E = Σ w·err plus rounding (a 1e-9 share of the cost), and f̃(ρ̃) = cost. Left of ρ̃ the slope
 * of f̃ is at least den, so f(ρ̃ − τ) ≤ cost − den·τ + E < cost; right of ρ̃ it stays above den/4
 * as long as the supporters capped between ρ̃ and ρ̃ + τ weigh at most 3·den/4 (checked), so
 * f(ρ̃ + τ) ≥ cost + den·τ/4 − E > cost, with τ = 8E/den. When the check fails the exact price
 * is computed instead (tau 0).
 */
export function estimatePrice(
	g: PriceGroups,
	cx: PriceContext,
	capped: Uint8Array
): Estimate | null {
	const sums = groupSums(g);
	const slack =
		sums.weight * cx.err + (Math.abs(sums.held) + Math.abs(cx.costApprox)) * SUM_RELATIVE;
	if (sums.held + slack < cx.costApprox) return null;
	const exact = () => {
		const price = priceOf(g, cx, capped);
		return price && { approx: price.approx, tau: 0 };
	};
	if (sums.held - slack < cx.costApprox || sums.den >= EXACT_SUM) return exact();
	floatCaps(g, cx.costApprox, sums.den, capped);
	let num = cx.costApprox;
	let den = sums.den;
	for (let i = 0; i < g.size; i++) {
		if (!capped[i]) continue;
		num -= g.approx[i]! * g.w[i]!;
		den -= g.w[i]! * g.v[i]!;
	}
	if (den <= 0) return exact();
	const rho = num / den;
	const error = sums.weight * cx.err + Math.abs(cx.costApprox) * SUM_RELATIVE;
	const tau = (8 * error) / den + Math.abs(rho) * RELATIVE;
	let band = 0;
	for (let i = 0; i < g.size; i++) {
		if (!capped[i] && g.approx[i]! / g.v[i]! <= rho + tau) band += g.w[i]! * g.v[i]!;
	}
	return band * 4 > den * 3 ? exact() : { approx: rho, tau };
}

function groupSums(g: PriceGroups): { held: number; weight: number; den: number } {
	let held = 0;
	let weight = 0;
	let den = 0;
	for (let i = 0; i < g.size; i++) {
		held += g.approx[i]! * g.w[i]!;
		weight += g.w[i]!;
		den += g.w[i]! * g.v[i]!;
	}
	return { held, weight, den };
}

/**
 * Marks in `capped` the groups the search caps when run in doubles: a group whose budget/v is
 * below the price with the caps found so far must be capped, and each cap raises the price.
 */
function floatCaps(g: PriceGroups, cost: number, den: number, capped: Uint8Array): void {
	capped.fill(0, 0, g.size);
	let num = cost;
	for (let changed = true; changed;) {
		changed = false;
		for (let i = 0; i < g.size; i++) {
			if (capped[i] || g.approx[i]! * den >= num * g.v[i]!) continue;
			if (den - g.w[i]! * g.v[i]! <= 0) return;
			capped[i] = 1;
			changed = true;
			num -= g.approx[i]! * g.w[i]!;
			den -= g.w[i]! * g.v[i]!;
		}
	}
}

/** The exact price implied by the capped groups, if every group is on the right side of it. */
function verifiedPrice(
	g: PriceGroups,
	cx: PriceContext,
	capped: Uint8Array,
	den: number
): Price | null {
	for (let i = 0; i < g.size; i++) if (capped[i]) den -= g.w[i]! * g.v[i]!;
	const num = cx.cost - g.held(capped);
	if (den <= 0 || num <= 0n) return null;
	const bigDen = BigInt(den);
	const rho = ratio(num, cx.delta) / den;
	const far = cx.err + Math.abs(rho) * RELATIVE;
	for (let i = 0; i < g.size; i++) {
		const r = g.approx[i]! / g.v[i]!;
		// a capped group holds at most ρ·v, the others at least ρ·v; doubles settle all but ties
		if (capped[i] ? r + far < rho : r - far > rho) continue;
		const lhs = g.budget(i) * bigDen;
		const rhs = num * g.value(i);
		if (capped[i] ? lhs > rhs : lhs < rhs) return null;
	}
	return { num, den: bigDen, approx: rho };
}

/** The same search entirely in BigInt: cap every group below the current price until none is. */
function exactPrice(g: PriceGroups, cx: PriceContext): Price {
	const capped = new Uint8Array(g.size);
	let num = cx.cost;
	let den = 0n;
	for (let i = 0; i < g.size; i++) den += BigInt(g.w[i]!) * g.value(i);
	for (let changed = true; changed;) {
		changed = false;
		for (let i = 0; i < g.size; i++) {
			if (capped[i] || g.budget(i) * den >= num * g.value(i)) continue;
			capped[i] = 1;
			changed = true;
			num -= g.budget(i) * BigInt(g.w[i]!);
			den -= BigInt(g.w[i]!) * g.value(i);
		}
	}
	return { num, den, approx: ratio(num, cx.delta) / Number(den) };
}

/** a / b as a double, for BigInts of any size (Number() alone overflows past 2^1024). */
export function ratio(a: bigint, b: bigint): number {
	const x = Number(a);
	const y = Number(b);
	if (Number.isFinite(x) && Number.isFinite(y)) return x / y;
	const bits = Math.max(bitLength(a), bitLength(b)) - 1000;
	const shift = BigInt(bits);
	return Number(a >> shift) / Number(b >> shift);
}

function bitLength(a: bigint): number {
	return (a < 0n ? -a : a).toString(16).length * 4;
}
