/**
 * Properties every rule must have, on small random elections (fast-check):
 * - budget: no outcome spends more than the budget; funded and unfunded split the projects;
 * - exhaustive greedy: after greedy (skip), every unfunded project costs more than what is left
 *   (with threshold: every unfunded project that qualifies); pabutools funds even zero-score
 *   projects that fit, so no exception for them;
 * - anonymity: shuffling the ballots does not change the outcome;
 * - merging identical ballots into weights does not change the outcome;
 * - every project carries a `because` whose English rendering is its `reason`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, formatBecause } from './index.ts';
import type { AllocationParams, Instance, Profile, WeightedBallot } from './types.ts';

const IDS = ['1', '2', '9', '10', 'a', 'b', 'c10', 'c2'];

interface Election {
	instance: Instance;
	profile: Profile;
}

const instanceArb = fc
	.record({
		count: fc.integer({ min: 1, max: IDS.length }),
		costs: fc.array(fc.integer({ min: 0, max: 60 }), {
			minLength: IDS.length,
			maxLength: IDS.length
		}),
		budget: fc.integer({ min: 0, max: 200 })
	})
	.map(({ count, costs, budget }) => ({
		budget: BigInt(budget),
		moneyScale: 1n,
		projects: IDS.slice(0, count).map((id, i) => ({ id, cost: BigInt(costs[i]!) }))
	}));

function ballotArb(instance: Instance, shape: Profile['shape']): fc.Arbitrary<WeightedBallot> {
	const ids = instance.projects.map((p) => p.id);
	const list = fc.shuffledSubarray(ids);
	const weight = fc.integer({ min: 1, max: 3 });
	if (shape !== 'cumulative') return fc.record({ projects: list, weight });
	return fc.record({ projects: list, weight }).chain((b) =>
		fc
			.array(fc.integer({ min: 1, max: 5 }), {
				minLength: b.projects.length,
				maxLength: b.projects.length
			})
			.map((points) => ({ ...b, points }))
	);
}

function electionArb(shape: Profile['shape']): fc.Arbitrary<Election> {
	return instanceArb.chain((instance) =>
		fc
			.array(ballotArb(instance, shape), { minLength: 1, maxLength: 10 })
			.map((ballots) => ({ instance, profile: { shape, ballots } }))
	);
}

const APPROVAL_RULES: AllocationParams[] = [
	{ rule: 'greedy', score: 'votes' },
	{ rule: 'greedy', score: 'votes', variant: 'no-skip' },
	{ rule: 'greedy', score: 'votes', variant: 'threshold', minScore: 3 },
	{ rule: 'greedy-cost', score: 'votes' },
	{ rule: 'greedy', score: 'votes', tie: 'file-order' },
	{ rule: 'max-welfare', utility: 'approval' },
	{ rule: 'max-welfare', utility: 'cost' },
	{ rule: 'mes', utility: 'cost', completion: 'none' },
	{ rule: 'mes', utility: 'cost', completion: 'add1' },
	{ rule: 'mes', utility: 'cost', completion: 'add1-greedy' },
	{ rule: 'mes', utility: 'cost', completion: 'add1-no-exhaustive-stop', compare: 'greedy' },
	{ rule: 'mes', utility: 'approval', completion: 'add1-greedy', tie: 'min-cost-max-votes' },
	{ rule: 'phragmen' }
];
const CUMULATIVE_RULES: AllocationParams[] = [
	{ rule: 'greedy', score: 'points' },
	{ rule: 'greedy-cost', score: 'points' },
	{ rule: 'max-welfare', utility: 'points' },
	{ rule: 'mes', utility: 'points', completion: 'add1' },
	{ rule: 'mes', utility: 'points-cost', completion: 'none' }
];
const ORDINAL_RULES: AllocationParams[] = [
	{ rule: 'greedy', score: 'pabulib-borda' },
	{ rule: 'greedy-cost', score: 'borda' },
	{ rule: 'mes', utility: 'borda', completion: 'add1' },
	{ rule: 'ear' }
];
const ALL: [Profile['shape'], AllocationParams[]][] = [
	['approval', APPROVAL_RULES],
	['cumulative', CUMULATIVE_RULES],
	['ordinal', ORDINAL_RULES]
];

const funded = (e: Election, params: AllocationParams) =>
	allocate(e.instance, e.profile, params).funded.map((p) => p.id);

/** One weight-1 ballot per voter, in a random order. */
function expand(profile: Profile): Profile {
	const ballots = profile.ballots.flatMap((b) =>
		Array.from({ length: b.weight }, () => ({ ...b, weight: 1 }))
	);
	return { ...profile, ballots };
}

describe.each(ALL)('%s ballots', (shape, rules) => {
	it.each(rules.map((r) => [JSON.stringify(r), r] as const))(
		'%s stays within budget',
		(_, params) => {
			fc.assert(
				fc.property(electionArb(shape), (e) => {
					const outcome = allocate(e.instance, e.profile, params);
					const spent = outcome.funded.reduce((sum, p) => sum + p.cost, 0n);
					expect(spent).toBe(outcome.spent);
					expect(outcome.spent <= e.instance.budget).toBe(true);
					expect(outcome.left).toBe(e.instance.budget - outcome.spent);
					const all = [...outcome.funded, ...outcome.unfunded].map((p) => p.id).sort();
					expect(all).toEqual(e.instance.projects.map((p) => p.id).sort());
				}),
				{ numRuns: 100 }
			);
		}
	);

	it.each(rules.map((r) => [JSON.stringify(r), r] as const))(
		'%s ignores voter order',
		(_, params) => {
			fc.assert(
				fc.property(
					electionArb(shape).chain((e) =>
						fc
							.shuffledSubarray(e.profile.ballots, { minLength: e.profile.ballots.length })
							.map((ballots) => ({
								e,
								shuffled: { ...e, profile: { ...e.profile, ballots } }
							}))
					),
					({ e, shuffled }) => {
						expect(funded(shuffled, params)).toEqual(funded(e, params));
					}
				),
				{ numRuns: 100 }
			);
		}
	);

	it.each(rules.map((r) => [JSON.stringify(r), r] as const))(
		'%s: every reason is its because, in English',
		(_, params) => {
			fc.assert(
				fc.property(electionArb(shape), (e) => {
					const outcome = allocate(e.instance, e.profile, params);
					for (const p of [...outcome.funded, ...outcome.unfunded]) {
						expect(formatBecause(p.because, e.instance.moneyScale)).toBe(p.reason);
					}
				}),
				{ numRuns: 100 }
			);
		}
	);

	it.each(rules.map((r) => [JSON.stringify(r), r] as const))(
		'%s: merged = unmerged',
		(_, params) => {
			fc.assert(
				fc.property(electionArb(shape), (e) => {
					const unmerged = { ...e, profile: expand(e.profile) };
					expect(funded(unmerged, params)).toEqual(funded(e, params));
				}),
				{ numRuns: 100 }
			);
		}
	);
});

describe('greedy is exhaustive', () => {
	it.each([
		{ rule: 'greedy', score: 'votes' },
		{ rule: 'greedy-cost', score: 'votes' },
		{ rule: 'greedy', score: 'votes', variant: 'threshold', minScore: 2 }
	] as AllocationParams[])(
		'$rule $variant: no unfunded project that qualifies fits in what is left',
		(params) => {
			fc.assert(
				fc.property(electionArb('approval'), (e) => {
					const outcome = allocate(e.instance, e.profile, params);
					for (const p of outcome.unfunded) {
						const qualifies = params.variant !== 'threshold' || Number(p.score) >= params.minScore!;
						if (qualifies) expect(p.cost > outcome.left).toBe(true);
					}
				}),
				{ numRuns: 100 }
			);
		}
	);
});
