import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { AllocationParams as EngineParams } from '../domain/allocation/types.ts';
import type { BallotRules as EngineRules } from '../domain/ballot-rules.ts';
import { AllocationParams, BallotRules } from './cycles.ts';

describe('BallotRules contract', () => {
	it('accepts exactly the engine’s shapes, both ways (checked by tsc)', () => {
		expectTypeOf<z.output<typeof BallotRules>>().toExtend<EngineRules>();
		expectTypeOf<EngineRules>().toExtend<z.input<typeof BallotRules>>();
		expectTypeOf<z.output<typeof AllocationParams>>().toExtend<EngineParams>();
		expectTypeOf<EngineParams>().toExtend<z.input<typeof AllocationParams>>();
	});

	it.each([
		[
			{ kind: 'ranked', maxRanks: 5 },
			{ kind: 'ranked', minRanks: 1, maxRanks: 5 }
		],
		[
			{ kind: 'approval', maxSelections: 3 },
			{ kind: 'approval', minSelections: 1, maxSelections: 3 }
		],
		[{ kind: 'single' }, { kind: 'single' }],
		[{ kind: 'knapsack' }, { kind: 'knapsack', minSpendPercent: 0 }],
		[
			{ kind: 'cumulative', totalPoints: 10 },
			{ kind: 'cumulative', totalPoints: 10, minProjects: 1 }
		]
	])('fills the defaults of %o', (input, output) => {
		expect(BallotRules.parse(input)).toEqual(output);
	});

	it.each([
		{ kind: 'ranked', minRanks: 3, maxRanks: 2 },
		{ kind: 'approval', minSelections: 4, maxSelections: 1 },
		{ kind: 'approval', maxSelections: 0 },
		{ kind: 'knapsack', minSpendPercent: 101 },
		{ kind: 'knapsack', budgetCap: -1 },
		{ kind: 'cumulative', totalPoints: 5, maxPointsPerProject: 6 },
		{ kind: 'cumulative', totalPoints: 2, minProjects: 3 },
		{ kind: 'cumulative' },
		{ kind: 'ranked', maxRanks: 2.5 },
		{ kind: 'borda' }
	])('refuses %o', (input) => {
		expect(BallotRules.safeParse(input).success).toBe(false);
	});
});

describe('AllocationParams contract', () => {
	it('takes the CLI flag names and values, and strips unknown keys', () => {
		const params = {
			rule: 'mes',
			utility: 'cost',
			completion: 'add1-greedy',
			tie: 'lexicographic',
			compare: 'greedy'
		};
		expect(AllocationParams.parse({ ...params, colour: 'blue' })).toEqual(params);
		expect(AllocationParams.safeParse({ rule: 'mes', utility: 'happiness' }).success).toBe(false);
		expect(AllocationParams.safeParse({ rule: 'greedy', minScore: 'ten' }).success).toBe(false);
	});
});
