/**
 * Properties of the fast MES engine on small random elections (fast-check):
 * - it selects exactly what the plain definition selects (naive-rules.fixture.ts), in the same
 *   order, for every utility, tie order and completion;
 * - nobody is ever charged more than their share: per round each voter pays at most ρ·u and at
 *   most what they hold, never goes below zero, and a funded project's supporters pay exactly
 *   its cost.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateMes } from './mes.ts';
import { runMes } from './mes-run.ts';
import { setupMes } from './mes-setup.ts';
import { naiveAdd1, naiveMes } from './naive-rules.fixture.ts';
import { rational } from './rational.ts';
import { makeTieOrder } from './tiebreak.ts';
import type { AllocationParams, Instance, Profile, TieBreak } from './types.ts';

const IDS = ['1', '2', '9', '10', 'a', 'c10', 'c2'];
type Utility = NonNullable<AllocationParams['utility']>;

interface Election {
	instance: Instance;
	profile: Profile;
}

/** 2–7 projects with costs 0–60, budget 0–150, up to 7 distinct ballots of weight 1–3. */
function electionArb(shape: Profile['shape']): fc.Arbitrary<Election> {
	return fc
		.record({
			costs: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 2, maxLength: IDS.length }),
			budget: fc.integer({ min: 0, max: 150 }),
			ballots: fc.array(
				fc.record({
					order: fc.array(fc.nat(IDS.length - 1), { maxLength: 5 }),
					points: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 5, maxLength: 5 }),
					weight: fc.integer({ min: 1, max: 3 })
				}),
				{ minLength: 1, maxLength: 7 }
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
				shape,
				ballots: ballots.map((b) => {
					const projects = [...new Set(b.order.map((i) => ids[i % ids.length]!))];
					const points = shape === 'cumulative' ? b.points.slice(0, projects.length) : undefined;
					return { projects, weight: b.weight, ...(points ? { points } : {}) };
				})
			};
			return { instance, profile };
		});
}

const tieArb = fc.constantFrom<TieBreak>('lexicographic', 'file-order', 'min-cost-max-votes');
const CASES: [Profile['shape'], Utility][] = [
	['approval', 'cost'],
	['approval', 'approval'],
	['cumulative', 'points'],
	['cumulative', 'points-cost'],
	['cumulative', 'cost'],
	['ordinal', 'borda']
];

describe.each(CASES)('MES on %s ballots with %s utilities', (shape, utility) => {
	it('selects what the definition selects, in the same order', () => {
		fc.assert(
			fc.property(electionArb(shape), tieArb, ({ instance, profile }, tie) => {
				const n = BigInt(profile.ballots.reduce((s, b) => s + b.weight, 0));
				const order = makeTieOrder(tie, instance, profile);
				const want = naiveMes(instance, profile, utility, rational(instance.budget, n), order);
				const got = allocateMes(instance, profile, { rule: 'mes', utility, tie });
				expect(got.funded.map((p) => p.id)).toEqual(want);
			}),
			{ numRuns: 150 }
		);
	});

	it.each(['add1', 'add1-no-exhaustive-stop'] as const)(
		'%s matches the iterated definition',
		(completion) => {
			fc.assert(
				fc.property(electionArb(shape), tieArb, ({ instance, profile }, tie) => {
					const order = makeTieOrder(tie, instance, profile);
					const exhaustive = completion === 'add1';
					const allFit = instance.projects.reduce((s, p) => s + p.cost, 0n) <= instance.budget;
					// pabutools would run no-exhaustive-stop up to k = B; the engine jumps there
					fc.pre(exhaustive || !allFit);
					const want = naiveAdd1(instance, profile, utility, order, exhaustive);
					const got = allocateMes(instance, profile, { rule: 'mes', utility, tie, completion });
					expect(got.funded.map((p) => p.id)).toEqual(want.ids);
					expect(got.notes?.add1Steps).toBe(want.k);
				}),
				{ numRuns: 60 }
			);
		}
	);

	it('never charges a voter more than their share', () => {
		fc.assert(
			fc.property(electionArb(shape), fc.nat(40), ({ instance, profile }, extra) => {
				const setup = setupMes(instance, profile, { rule: 'mes', utility });
				const { index } = setup;
				const budget = instance.budget + BigInt(extra) * index.voters;
				const run = runMes(setup.problem, budget, true);
				const spent = new Array<bigint>(index.count).fill(0n);
				// every amount below is scaled money (× n) over the final delta
				const D = run.delta;
				run.trace!.forEach((round, r) => {
					const { rhoN, rhoD } = run.rounds[r]!;
					let total = 0n;
					for (const pay of round.payments) {
						const paid = (pay.num * D) / pay.den;
						expect(paid * pay.den).toBe(pay.num * D);
						expect(paid >= 0n).toBe(true);
						// at most ρ·v: paid/D ≤ rhoN·v/rhoD
						const v = valueOf(setup, pay.ballot, round.project);
						expect(paid * rhoD <= rhoN * v * D).toBe(true);
						spent[pay.ballot]! += paid;
						total += paid * BigInt(index.weight[pay.ballot]!);
					}
					expect(total).toBe(setup.problem.scaledCost[round.project]! * D);
				});
				for (const s of spent) expect(s <= budget * D).toBe(true);
			}),
			{ numRuns: 150 }
		);
	});
});

function valueOf(setup: ReturnType<typeof setupMes>, ballot: number, project: number): bigint {
	const { index } = setup;
	for (let t = index.ballotStart[ballot]!; t < index.ballotStart[ballot + 1]!; t++) {
		if (index.ballotProject[t] === project) return index.values[index.ballotValue[t]!]!;
	}
	throw new Error('not a supporter');
}
