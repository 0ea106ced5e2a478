import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naivePhragmen } from './naive-rules.fixture.ts';
import { allocatePhragmen } from './phragmen.ts';
import { makeTieOrder } from './tiebreak.ts';
import type { Instance, Outcome, Profile, TieBreak } from './types.ts';

function instance(budget: number, costs: Record<string, number>): Instance {
	return {
		budget: BigInt(budget),
		moneyScale: 1n,
		projects: Object.entries(costs).map(([id, c]) => ({ id, cost: BigInt(c) }))
	};
}

const approval = (...ballots: [string, number][]): Profile => ({
	shape: 'approval',
	ballots: ballots.map(([ids, weight]) => ({ projects: ids ? ids.split(',') : [], weight }))
});

const phragmen = (i: Instance, p: Profile, tie: TieBreak = 'lexicographic') =>
	allocatePhragmen(i, p, { rule: 'phragmen', tie });
const ids = (o: Outcome) => o.funded.map((f) => f.id);
const reason = (o: Outcome, id: string) =>
	[...o.funded, ...o.unfunded].find((p) => p.id === id)!.reason;

/*
 * Hand example (checked by hand). v1: A,C   v2: A,D   v3: B,C.  A 40, B 30, C 50, D 10.
 * Round 1: A (40/2 = 20), C (50/2 = 25), B (30), D (10/1 = 10) → D at 10; v2's load 10.
 * Round 2: A (10 + 40)/2 = 25, B 30, C 50/2 = 25 → A and C tie at 25; A first (string order);
 *   v1 and v2 now carry 25.
 * Round 3: B 30, C (25 + 0 + 50)/2 = 37.5 → B at 30; v3 carries 30.
 * Round 4: C (25 + 30 + 50)/2 = 52.5; 80 spent + 50 > budget 100: stop.
 */
const hand = {
	instance: instance(100, { A: 40, B: 30, C: 50, D: 10 }),
	profile: approval(['A,C', 1], ['A,D', 1], ['B,C', 1])
};

describe('sequential Phragmén by hand', () => {
	it('funds by lowest new maximal load, in selection order', () => {
		const out = phragmen(hand.instance, hand.profile);
		expect(ids(out)).toEqual(['D', 'A', 'B']);
		expect(out).toMatchObject({ spent: 80n, left: 20n });
		expect(reason(out, 'A')).toBe(
			'selected in the 2nd round of sequential Phragmén: its 2 supporters took on the cost, which brought each of their loads to 25.00, the lowest possible'
		);
		expect(reason(out, 'C')).toBe(
			'its turn came next, but it needed 50 and only 20 was left; sequential Phragmén stops at the first project that does not fit'
		);
	});

	it('stops at the first lowest-load project that does not fit instead of skipping it', () => {
		// round 1: A 20, E 21, B 25 → A. Round 2: B (25) needs 50 of the 30 left; E (41) would fit
		const out = phragmen(
			instance(70, { A: 40, B: 50, E: 21 }),
			approval(['A,E', 1], ['A', 1], ['B', 2])
		);
		expect(ids(out)).toEqual(['A']);
		expect(reason(out, 'E')).toBe('not reached: the rule stopped when project B did not fit');
	});

	it('leaves out projects dearer than the whole budget from the start', () => {
		const out = phragmen(instance(50, { A: 60, B: 30 }), approval(['A', 5], ['B', 1]));
		expect(ids(out)).toEqual(['B']);
		expect(reason(out, 'A')).toBe('costs 60, more than the whole budget of 50');
	});

	it('funds unsupported projects last, while all of them fit', () => {
		const out = phragmen(instance(50, { A: 10, Z: 5, Y: 5 }), approval(['A', 1]));
		expect(ids(out)).toEqual(['A', 'Y', 'Z']);
		expect(reason(out, 'Z')).toMatch(/nobody supports it, but it still fit/);
	});

	it('weights a merged ballot like that many voters', () => {
		const merged = phragmen(hand.instance, approval(['A,C', 2], ['B', 1]));
		const split = phragmen(hand.instance, approval(['A,C', 1], ['B', 1], ['A,C', 1]));
		expect(ids(merged)).toEqual(ids(split));
	});

	it('reads ranked ballots as the set of ranked projects', () => {
		const ranked: Profile = { shape: 'ordinal', ballots: hand.profile.ballots };
		expect(ids(phragmen(hand.instance, ranked))).toEqual(['D', 'A', 'B']);
	});
});

const IDS = ['1', '2', '9', '10', 'a', 'c10'];

const electionArb = fc
	.record({
		costs: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: IDS.length }),
		budget: fc.integer({ min: 0, max: 150 }),
		ballots: fc.array(
			fc.record({
				picks: fc.uniqueArray(fc.nat(IDS.length - 1), { maxLength: 4 }),
				weight: fc.integer({ min: 1, max: 3 })
			}),
			{ maxLength: 7 }
		)
	})
	.map(({ costs, budget, ballots }) => {
		const ids = IDS.slice(0, costs.length);
		const instance: Instance = {
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
		return { instance, profile };
	});

describe('sequential Phragmén (property)', () => {
	it('selects what the definition selects, in the same order', () => {
		const tieArb = fc.constantFrom<TieBreak>('lexicographic', 'file-order', 'min-cost-max-votes');
		fc.assert(
			fc.property(electionArb, tieArb, ({ instance, profile }, tie) => {
				const want = naivePhragmen(instance, profile, makeTieOrder(tie, instance, profile));
				expect(ids(phragmen(instance, profile, tie))).toEqual(want);
			}),
			{ numRuns: 300 }
		);
	});
});
