import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateEar } from './ear.ts';
import { allocateMes } from './mes.ts';
import type { Instance, Outcome, Profile, TieBreak, WeightedBallot } from './types.ts';

function instance(budget: number, costs: Record<string, number>): Instance {
	return {
		budget: BigInt(budget),
		moneyScale: 1n,
		projects: Object.entries(costs).map(([id, c]) => ({ id, cost: BigInt(c) }))
	};
}

const ranked = (...ballots: [string, number][]): Profile => ({
	shape: 'ordinal',
	ballots: ballots.map(([ids, weight]) => ({ projects: ids.split(','), weight }))
});

const ear = (i: Instance, p: Profile, tie: TieBreak = 'lexicographic') =>
	allocateEar(i, p, { rule: 'ear', tie });
const ids = (o: Outcome) => o.funded.map((f) => f.id);
const reason = (o: Outcome, id: string) =>
	[...o.funded, ...o.unfunded].find((p) => p.id === id)!.reason;

describe('Expanding Approvals Rule by hand', () => {
	/*
	 * Budget 100, 10 voters with 10 each: 6 rank a > b > c, 4 rank c > b > a; a 50, b 40, c 30.
	 * Level 1: a's 6 first-rankers hold 60 ≥ 50 (8.33 a head), c's 4 hold 40 ≥ 30 (7.50 a head):
	 * c first, then a. Nobody ranks b first. Level 2: b's 10 supporters hold 6·1.67 + 4·2.50 = 20
	 * < 40, and level 3 adds no one. Outcome [c, a], 20 left unspent.
	 */
	const example = {
		instance: instance(100, { a: 50, b: 40, c: 30 }),
		profile: ranked(['a,b,c', 6], ['c,b,a', 4])
	};

	it('funds what each rank level can pay for, cheapest share first', () => {
		const out = ear(example.instance, example.profile);
		expect(ids(out)).toEqual(['c', 'a']);
		expect(out).toMatchObject({ spent: 80n, left: 20n });
		expect(reason(out, 'c')).toBe(
			'funded 1st, at level 1: its 4 supporters ranking it first (or approving it) paid at most 7.50 each'
		);
		expect(reason(out, 'b')).toBe(
			'at no level could its supporters pay for it: in the end those ranking it at all held 20.00 of the 40 it costs'
		);
	});

	it('expands to lower ranks when the top ranks can pay for nothing more', () => {
		// level 1 funds a and c (7.50 a head, 2.50 left each); at level 2 all 8 voters hold 20 = b
		const out = ear(instance(80, { a: 30, b: 20, c: 30 }), ranked(['a,b', 4], ['c,b', 4]));
		expect(ids(out)).toEqual(['a', 'c', 'b']);
		expect(reason(out, 'b')).toBe(
			'funded 3rd, at level 2: its 8 supporters ranking it 2nd or better paid at most 2.50 each (8 of them all they had left)'
		);
	});

	it('puts projects with equal points on the same level', () => {
		// one voter with 40: points 5, 3, 3, 1 give levels 1, 2, 2, 4
		const ballot: WeightedBallot = {
			projects: ['p', 'q', 'r', 's'],
			points: [5, 3, 3, 1],
			weight: 1
		};
		const out = ear(instance(40, { p: 10, q: 15, r: 15, s: 10 }), {
			shape: 'cumulative',
			ballots: [ballot]
		});
		expect(ids(out)).toEqual(['p', 'q', 'r']);
		expect(reason(out, 'r')).toMatch(/^funded 3rd, at level 2:/);
	});

	it('lets ties fall to the tie order', () => {
		const p = ranked(['9', 1], ['10', 1]);
		const i = instance(10, { '9': 5, '10': 5 });
		expect(ids(ear(i, p))).toEqual(['10', '9']);
		expect(ids(ear(i, p, 'file-order'))).toEqual(['9', '10']);
	});
});

const IDS = ['1', '2', '9', '10', 'a', 'c10'];

const approvalArb = fc
	.record({
		costs: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: IDS.length }),
		budget: fc.integer({ min: 0, max: 150 }),
		ballots: fc.array(
			fc.record({
				picks: fc.uniqueArray(fc.nat(IDS.length - 1), { maxLength: 4 }),
				weight: fc.integer({ min: 1, max: 3 })
			}),
			{ minLength: 1, maxLength: 7 }
		)
	})
	.map(({ costs, budget, ballots }) => {
		const ids = IDS.slice(0, costs.length);
		const inst: Instance = {
			budget: BigInt(budget),
			moneyScale: 1n,
			projects: ids.map((id, i) => ({ id, cost: BigInt(costs[i]!) }))
		};
		const profile: Profile = {
			shape: 'approval',
			ballots: ballots.map((b) => ({
				projects: [...new Set(b.picks.map((i) => ids[i % ids.length]!))],
				weight: b.weight
			}))
		};
		return { instance: inst, profile };
	});

describe('Expanding Approvals Rule (property)', () => {
	it('on approval ballots (one level) is equal shares with approval utilities', () => {
		fc.assert(
			fc.property(approvalArb, ({ instance: i, profile }) => {
				const mes = allocateMes(i, profile, { rule: 'mes', utility: 'approval' });
				expect(ids(ear(i, profile))).toEqual(ids(mes));
			}),
			{ numRuns: 300 }
		);
	});

	it('never spends more than the budget and every voter pays from their share', () => {
		fc.assert(
			fc.property(approvalArb, ({ instance: i, profile }) => {
				const out = ear(i, { shape: 'ordinal', ballots: profile.ballots });
				expect(out.spent <= i.budget).toBe(true);
				expect(out.funded.length + out.unfunded.length).toBe(i.projects.length);
			}),
			{ numRuns: 300 }
		);
	});
});
