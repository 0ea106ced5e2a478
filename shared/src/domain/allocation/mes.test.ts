import { describe, expect, it } from 'vitest';
import { allocateMes } from './mes.ts';
import type { AllocationParams, Instance, Outcome, Profile, WeightedBallot } from './types.ts';

/** An instance from `{id: cost}` in currency units (moneyScale 1 unless given). */
function instance(budget: number, costs: Record<string, number>, moneyScale = 1n): Instance {
	return {
		budget: BigInt(budget) * moneyScale,
		moneyScale,
		projects: Object.entries(costs).map(([id, c]) => ({ id, cost: BigInt(c) * moneyScale }))
	};
}

const approval = (...ballots: [string, number][]): Profile => ({
	shape: 'approval',
	ballots: ballots.map(([ids, weight]) => ({ projects: ids ? ids.split(',') : [], weight }))
});

const mes = (i: Instance, p: Profile, params: Partial<AllocationParams> = {}): Outcome =>
	allocateMes(i, p, { rule: 'mes', ...params });
const ids = (o: Outcome) => o.funded.map((f) => f.id);
const reason = (o: Outcome, id: string) =>
	[...o.funded, ...o.unfunded].find((p) => p.id === id)!.reason;

/*
 * Hand example 1 (checked by hand). Budget 100, 4 voters, 25 each.
 * A (60): v1 v2 v3   B (40): v4   C (30): v1 v2   D (10): nobody
 * Cost utilities: A costs 20 a head (ρ = 20/60 = 1/3), C 15 a head (ρ = 15/30 = 1/2), B is
 * out of v4's reach. A first; v1, v2 keep 5 each, too little for C. Outcome [A].
 * Approval utilities: ρ is the payment itself, C (15) beats A (20); after C, A's supporters
 * hold 10 + 10 + 25 = 45 < 60. Outcome [C].
 * Add1: C becomes affordable after A when 2(b − 20) ≥ 30, b ≥ 35 (k = 10): [A, C] costs 90 and
 * B (40) no longer fits: exhaustive. Without the exhaustive stop, B becomes affordable at
 * b = 40 (k = 15) and [A, C, B] costs 130 > 100, so the outcome of k = 14 stays: [A, C].
 * Then greedy (add1-greedy, by votes) adds D (0 votes, 10 fits in the 10 left).
 */
const example1 = {
	instance: instance(100, { A: 60, B: 40, C: 30, D: 10 }),
	profile: approval(['A,C', 2], ['A', 1], ['B', 1])
};

describe('MES on a hand example', () => {
	it.each([
		[{ utility: 'cost' }, ['A']],
		[{ utility: 'approval' }, ['C']],
		[{ utility: 'cost', completion: 'add1' }, ['A', 'C']],
		[{ utility: 'cost', completion: 'add1-no-exhaustive-stop' }, ['A', 'C']],
		[{ utility: 'cost', completion: 'add1-greedy' }, ['A', 'C', 'D']]
	] as [Partial<AllocationParams>, string[]][])('%o funds %o', (params, expected) => {
		expect(ids(mes(example1.instance, example1.profile, params))).toEqual(expected);
	});

	it('reports the final per-voter budget of Add1', () => {
		const add1 = mes(example1.instance, example1.profile, { completion: 'add1' });
		expect(add1.notes).toMatchObject({
			perVoterBudget: '35.00',
			perVoterBudgetExact: '35',
			add1Steps: 10
		});
		const thirds = mes(example1.instance, approval(['A', 2], ['B', 1]));
		expect(thirds.notes).toMatchObject({ perVoterBudget: '33.33', perVoterBudgetExact: '100/3' });
		const noStop = mes(example1.instance, example1.profile, {
			completion: 'add1-no-exhaustive-stop'
		});
		expect(noStop.notes).toMatchObject({ perVoterBudget: '39.00', add1Steps: 14 });
	});

	it('adds a currency unit, not a minor unit, per Add1 step', () => {
		const cents = instance(100, { A: 60, B: 40, C: 30, D: 10 }, 100n);
		const out = mes(cents, example1.profile, { completion: 'add1' });
		expect(ids(out)).toEqual(['A', 'C']);
		expect(out.notes).toMatchObject({ perVoterBudget: '35.00', add1Steps: 10 });
	});

	it('explains each project in plain words', () => {
		const out = mes(example1.instance, example1.profile);
		expect(reason(out, 'A')).toBe(
			'selected in the 1st round of equal shares: its 3 supporters paid at most 20.00 each; effective support 3.0 votes'
		);
		expect(reason(out, 'B')).toBe(
			"its supporters' shares ran out: they held 25.00 of the 40 it costs"
		);
		expect(reason(out, 'C')).toBe(
			"its supporters' shares ran out: they held 10.00 of the 30 it costs"
		);
		expect(reason(out, 'D')).toBe('no supporters');
		expect(out).toMatchObject({ spent: 60n, left: 40n });
		const greedy = mes(example1.instance, example1.profile, { completion: 'add1-greedy' });
		expect(reason(greedy, 'D')).toMatch(/^added by greedy completion: /);
	});
});

/*
 * Hand example 2: Add1 stops at the first infeasible outcome. Budget 100, 2 voters (50 each).
 * P (70): both; T (20): v2; U (20): v1. P costs 35 a head; T and U become affordable together
 * when b − 35 ≥ 20, at b = 55 (k = 5), and [P, T, U] costs 110 > 100, so Add1 keeps k = 4: [P].
 * [P] is not exhaustive (T fits), so add1-greedy adds T (tie with U by votes, T < U).
 */
const example2 = {
	instance: instance(100, { P: 70, T: 20, U: 20 }),
	profile: approval(['P,T', 1], ['P,U', 1])
};

describe('Add1 at the first infeasible outcome', () => {
	it.each([
		['add1', ['P'], 4],
		['add1-no-exhaustive-stop', ['P'], 4],
		['add1-greedy', ['P', 'T'], 4]
	] as const)('%s funds %o (k = %i)', (completion, expected, k) => {
		const out = mes(example2.instance, example2.profile, { completion });
		expect(ids(out)).toEqual(expected);
		expect(out.notes?.add1Steps).toBe(k);
	});

	it('without the exhaustive stop keeps the last run when every candidate fits', () => {
		// all candidates fit in B, so no run can overshoot: pabutools runs to its bound k = ⌊B⌋
		const out = mes(instance(100, { P: 70, T: 20 }), approval(['P,T', 1], ['P', 1]), {
			completion: 'add1-no-exhaustive-stop'
		});
		expect(ids(out)).toEqual(['P', 'T']);
		expect(out.notes?.add1Steps).toBe(100);
	});
});

describe('utilities and support', () => {
	/*
	 * Points, budget 30, 3 voters (10 each). v1: X 3, Y 1; v2: X 1, Y 3; v3: Y 2.
	 * Y: ρ = 15/6 = 2.5, the largest payment 7.5 fits; X: v1 would pay 11.25 > 10, so v1 pays
	 * 10 and v2 the other 5 (ρ = 5). Y first; then X's supporters hold 7.5 + 2.5 < 15. [Y].
	 */
	const points: Profile = {
		shape: 'cumulative',
		ballots: [
			{ projects: ['X', 'Y'], points: [3, 1], weight: 1 },
			{ projects: ['Y', 'X'], points: [3, 1], weight: 1 },
			{ projects: ['Y'], points: [2], weight: 1 }
		]
	};

	it('points utilities charge in proportion to points', () => {
		const out = mes(instance(30, { X: 15, Y: 15 }), points, { utility: 'points' });
		expect(ids(out)).toEqual(['Y']);
		expect(reason(out, 'Y')).toBe(
			'selected in the 1st round of equal shares: its 3 supporters paid 2.50 per point they gave it'
		);
	});

	it('a project listed with 0 points is not supported', () => {
		const zero: Profile = {
			shape: 'cumulative',
			ballots: [{ projects: ['X', 'Y'], points: [5, 0], weight: 2 }]
		};
		const out = mes(instance(30, { X: 10, Y: 10 }), zero, { utility: 'cost' });
		expect(ids(out)).toEqual(['X']);
		expect(reason(out, 'Y')).toBe('no supporters');
	});

	it('Borda gives the last-ranked project utility 0 (pabutools L − pos − 1)', () => {
		const ranked: Profile = { shape: 'ordinal', ballots: [{ projects: ['A', 'B'], weight: 3 }] };
		const out = mes(instance(100, { A: 10, B: 10 }), ranked, { utility: 'borda' });
		expect(ids(out)).toEqual(['A']);
		expect(reason(out, 'B')).toBe('no supporters: nobody ranked it above their last place');
	});

	it('funds free supported projects first and never unsupported ones', () => {
		const i = instance(10, { F: 0, Z: 0, A: 10 });
		const out = mes(i, approval(['A,F', 1]), { utility: 'approval' });
		expect(ids(out)).toEqual(['F', 'A']);
		expect(reason(out, 'F')).toMatch(/^free and supported/);
		expect(reason(out, 'Z')).toBe('no supporters');
		// pabutools Cost_Sat: a free project is worth its cost, 0, to its supporters
		const cost = mes(i, approval(['A,F', 1]), { utility: 'cost' });
		expect(ids(cost)).toEqual(['A']);
		expect(reason(cost, 'F')).toMatch(/^free: with cost utilities it is worth nothing/);
	});

	it('breaks ties by the smallest id as a string, or by the given tie order', () => {
		const p = approval(['9,10', 2]);
		const i = instance(10, { '9': 10, '10': 10 });
		expect(ids(mes(i, p))).toEqual(['10']);
		expect(ids(mes(i, p, { tie: 'file-order' }))).toEqual(['9']);
	});
});

describe('comparison step', () => {
	// MES funds nothing: A's 3 supporters hold 60 < 100. Greedy by votes funds A.
	const i = instance(100, { A: 100, B: 50 });

	it('switches to greedy by votes when strictly more voters prefer it', () => {
		const out = mes(i, approval(['A', 3], ['B', 2]), { compare: 'greedy' });
		expect(ids(out)).toEqual(['A']);
		expect(out.notes).toMatchObject({
			comparisonMesPreferredBy: 0,
			comparisonGreedyPreferredBy: 3,
			comparisonKept: 'greedy by votes'
		});
		expect(reason(out, 'A')).toMatch(/the comparison step chose greedy by votes/);
	});

	it('keeps equal shares on a tie', () => {
		// 25 a head: MES funds B and C (20 each); greedy by votes funds A (2 votes) alone, so the
		// two A voters prefer greedy and the B and C voters prefer equal shares: 2 against 2
		const tie = instance(100, { A: 100, B: 20, C: 20 });
		const out = mes(tie, approval(['A', 2], ['B', 1], ['C', 1]), { compare: 'greedy' });
		expect(ids(out)).toEqual(['B', 'C']);
		expect(out.notes).toMatchObject({
			comparisonMesPreferredBy: 2,
			comparisonGreedyPreferredBy: 2,
			comparisonKept: 'equal shares'
		});
	});
});

describe('input checks', () => {
	it('refuses fractional ballot weights', () => {
		const p: Profile = { shape: 'approval', ballots: [{ projects: ['A'], weight: 0.5 }] };
		expect(() => mes(instance(10, { A: 10 }), p)).toThrow(RangeError);
	});

	it('ignores unknown and repeated project ids', () => {
		const ballot: WeightedBallot = { projects: ['A', 'A', 'nope'], weight: 1 };
		const out = mes(instance(10, { A: 10 }), { shape: 'approval', ballots: [ballot] });
		expect(ids(out)).toEqual(['A']);
	});
});
