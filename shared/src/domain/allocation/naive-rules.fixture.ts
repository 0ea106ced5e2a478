/**
 * Test oracle: MES and sequential Phragmén written as plainly as their definitions (README
 * §3.2, §3.3), voter by voter with `Rational` objects and no shortcuts, so the fast engines
 * (merged ballots, budget classes, lazy evaluation, doubles checked exactly) can be compared
 * with them on random elections. Slow on purpose; used only by tests.
 */
import {
	add,
	compare,
	div,
	fromNumber,
	min,
	mul,
	rational,
	sub,
	ZERO,
	type Rational
} from './rational.ts';
import type { TieOrder } from './tiebreak.ts';
import type { AllocationParams, Instance, Profile, WeightedBallot } from './types.ts';

type Utility = NonNullable<AllocationParams['utility']>;

function supports(b: WeightedBallot, k: number): boolean {
	return b.points === undefined || (b.points[k] ?? 0) > 0;
}

/** u_i(p) for every listed project of one ballot (first listing wins). */
function utilities(
	b: WeightedBallot,
	utility: Utility,
	cost: Map<string, bigint>
): Map<string, Rational> {
	const out = new Map<string, Rational>();
	b.projects.forEach((id, k) => {
		if (out.has(id) || !cost.has(id)) return;
		const points = fromNumber(b.points === undefined ? 1 : (b.points[k] ?? 0));
		const c = rational(cost.get(id)!);
		const value: Record<Utility, Rational> = {
			cost: supports(b, k) ? c : ZERO,
			approval: supports(b, k) ? rational(1n) : ZERO,
			points,
			'points-cost': mul(points, c),
			borda: rational(BigInt(b.projects.length - k - 1))
		};
		out.set(id, value[utility]);
	});
	return out;
}

/** One run of MES with every voter holding `perVoter` (minor units); ids in selection order. */
export function naiveMes(
	instance: Instance,
	profile: Profile,
	utility: Utility,
	perVoter: Rational,
	tie: TieOrder
): string[] {
	const cost = new Map(instance.projects.map((p) => [p.id, p.cost]));
	const ballots = profile.ballots.filter((b) => b.weight > 0);
	const u = ballots.map((b) => utilities(b, utility, cost));
	const w = ballots.map((b) => rational(BigInt(b.weight)));
	const budget = ballots.map(() => perVoter);
	const total = (id: string) => u.reduce((s, m, i) => add(s, mul(w[i]!, m.get(id) ?? ZERO)), ZERO);
	const supported = instance.projects.filter((p) => total(p.id).n > 0n);
	const selected = supported
		.filter((p) => p.cost === 0n)
		.map((p) => p.id)
		.sort(tie);
	const open = new Set(supported.filter((p) => p.cost > 0n).map((p) => p.id));
	for (;;) {
		let best: Rational | undefined;
		let tied: string[] = [];
		for (const id of open) {
			const rho = price(id, rational(cost.get(id)!), u, w, budget);
			if (rho === undefined) {
				open.delete(id);
				continue;
			}
			const c = best === undefined ? -1 : compare(rho, best);
			if (c < 0) [best, tied] = [rho, [id]];
			else if (c === 0) tied.push(id);
		}
		if (best === undefined) return selected;
		const chosen = tied.sort(tie)[0]!;
		selected.push(chosen);
		open.delete(chosen);
		u.forEach((m, i) => {
			const ui = m.get(chosen) ?? ZERO;
			if (ui.n > 0n) budget[i] = sub(budget[i]!, min(budget[i]!, mul(best!, ui)));
		});
	}
}

/** pabutools' price: supporters sorted by budget/utility; undefined when they cannot pay. */
function price(
	id: string,
	cost: Rational,
	u: Map<string, Rational>[],
	w: Rational[],
	budget: Rational[]
): Rational | undefined {
	const who = u.map((_, i) => i).filter((i) => (u[i]!.get(id) ?? ZERO).n > 0n);
	const held = who.reduce((s, i) => add(s, mul(w[i]!, budget[i]!)), ZERO);
	if (compare(held, cost) < 0) return undefined;
	who.sort((a, b) => compare(div(budget[a]!, u[a]!.get(id)!), div(budget[b]!, u[b]!.get(id)!)));
	let paid = ZERO;
	let denom = who.reduce((s, i) => add(s, mul(w[i]!, u[i]!.get(id)!)), ZERO);
	for (const i of who) {
		const rho = div(sub(cost, paid), denom);
		if (compare(mul(rho, u[i]!.get(id)!), budget[i]!) <= 0) return rho;
		paid = add(paid, mul(w[i]!, budget[i]!));
		denom = sub(denom, mul(w[i]!, u[i]!.get(id)!));
	}
	return undefined;
}

/**
 * Add1 by its definition: per-voter budget B/n + k currency units, k = 0, 1, …; stop at the
 * first exhaustive outcome (if `exhaustive`) or return the previous one at the first that
 * costs more than B. Without the exhaustive stop pabutools gives up after k = ⌊B⌋ (its budget
 * bound B·(n+1)) and returns that outcome. `maxK` guards the loop in tests.
 */
export function naiveAdd1(
	instance: Instance,
	profile: Profile,
	utility: Utility,
	tie: TieOrder,
	exhaustive: boolean,
	maxK = 10_000
): { ids: string[]; k: number } {
	const cost = new Map(instance.projects.map((p) => [p.id, p.cost]));
	const n = BigInt(profile.ballots.reduce((s, b) => s + b.weight, 0));
	const spend = (ids: string[]) => ids.reduce((s, id) => s + cost.get(id)!, 0n);
	const candidates = instance.projects.filter((p) => p.cost > 0n).map((p) => p.id);
	let previous: string[] = [];
	const bound = exhaustive ? maxK : Number(instance.budget / instance.moneyScale);
	for (let k = 0; k <= bound; k++) {
		const perVoter = rational(instance.budget + BigInt(k) * instance.moneyScale * n, n);
		const ids = naiveMes(instance, profile, utility, perVoter, tie);
		const spent = spend(ids);
		if (spent > instance.budget) return { ids: previous, k: k - 1 };
		const supported = candidates.filter((id) => supportedBy(profile, utility, id, cost));
		const fits = supported.some(
			(id) => !ids.includes(id) && spent + cost.get(id)! <= instance.budget
		);
		if (exhaustive && !fits) return { ids, k };
		previous = ids;
	}
	if (!exhaustive) return { ids: previous, k: bound };
	throw new Error('naiveAdd1: no stop within maxK');
}

function supportedBy(
	profile: Profile,
	utility: Utility,
	id: string,
	cost: Map<string, bigint>
): boolean {
	return profile.ballots.some(
		(b) => b.weight > 0 && (utilities(b, utility, cost).get(id)?.n ?? 0n) > 0n
	);
}

/** Sequential Phragmén by its definition, voter by voter; ids in selection order. */
export function naivePhragmen(instance: Instance, profile: Profile, tie: TieOrder): string[] {
	const ballots = profile.ballots.filter((b) => b.weight > 0);
	const approves = ballots.map((b) => new Set(b.projects.filter((_, k) => supports(b, k))));
	const load = ballots.map(() => ZERO);
	const inPlay = new Set(
		instance.projects.filter((p) => p.cost <= instance.budget).map((p) => p.id)
	);
	const cost = new Map(instance.projects.map((p) => [p.id, p.cost]));
	const selected: string[] = [];
	let spent = 0n;
	while (inPlay.size > 0) {
		let best: Rational | undefined;
		let tied: string[] = [];
		for (const id of inPlay) {
			const who = ballots.map((_, i) => i).filter((i) => approves[i]!.has(id));
			const a = who.reduce((s, i) => s + ballots[i]!.weight, 0);
			// an unsupported project has an infinite load: after every finite one
			const value = a === 0 ? undefined : newLoad(who, ballots, load, cost.get(id)!, a);
			const c = cmpLoad(value, best, tied.length > 0);
			if (c < 0) [best, tied] = [value, [id]];
			else if (c === 0) tied.push(id);
		}
		if (tied.some((id) => spent + cost.get(id)! > instance.budget)) break;
		const chosen = tied.sort(tie)[0]!;
		ballots.forEach((_, i) => {
			if (approves[i]!.has(chosen) && best !== undefined) load[i] = best;
		});
		selected.push(chosen);
		spent += cost.get(chosen)!;
		inPlay.delete(chosen);
	}
	return selected;
}

function newLoad(
	who: number[],
	ballots: WeightedBallot[],
	load: Rational[],
	cost: bigint,
	a: number
) {
	const sum = who.reduce(
		(s, i) => add(s, mul(load[i]!, rational(BigInt(ballots[i]!.weight)))),
		ZERO
	);
	return div(add(sum, rational(cost)), rational(BigInt(a)));
}

function cmpLoad(x: Rational | undefined, best: Rational | undefined, any: boolean): number {
	if (!any) return -1;
	if (x === undefined) return best === undefined ? 0 : 1;
	if (best === undefined) return -1;
	return compare(x, best);
}
