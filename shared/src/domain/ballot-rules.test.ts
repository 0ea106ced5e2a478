import { describe, expect, it } from 'vitest';
import {
	checkBallot,
	checkBallotRules,
	minSpendCents,
	type BallotInput,
	type BallotRules,
	type CheckBallotOptions
} from './ballot-rules.ts';

const projects = [
	{ id: 'a', costCents: 30_000_00 },
	{ id: 'b', costCents: 50_000_00 },
	{ id: 'c', costCents: 20_000_00 },
	{ id: 'd', costCents: 10_000_00 }
];
const pot = { potCents: 100_000_00 };

interface Case {
	name: string;
	rules: BallotRules;
	ballot: BallotInput;
	opts?: CheckBallotOptions;
	expected: string[];
}

const cases: Case[] = [
	// ranked
	{
		name: 'accepts a ranking within limits',
		rules: { kind: 'ranked', maxRanks: 3 },
		ballot: { ranking: ['b', 'a'] },
		expected: []
	},
	{
		name: 'rejects more ranks than allowed',
		rules: { kind: 'ranked', maxRanks: 2 },
		ballot: { ranking: ['a', 'b', 'c'] },
		expected: ['TOO_MANY_RANKS']
	},
	{
		name: 'rejects too few ranks on submit',
		rules: { kind: 'ranked', minRanks: 3 },
		ballot: { ranking: ['a'] },
		expected: ['TOO_FEW_RANKS']
	},
	{
		name: 'allows too few ranks while building',
		rules: { kind: 'ranked', minRanks: 3 },
		ballot: { ranking: ['a'] },
		opts: { submitting: false },
		expected: []
	},
	{
		name: 'rejects an empty ranking by default (min 1)',
		rules: { kind: 'ranked' },
		ballot: { ranking: [] },
		expected: ['TOO_FEW_RANKS']
	},
	{
		name: 'rejects a project ranked twice',
		rules: { kind: 'ranked' },
		ballot: { ranking: ['a', 'a'] },
		expected: ['DUPLICATE_PROJECT']
	},
	{
		name: 'rejects an unknown project',
		rules: { kind: 'ranked' },
		ballot: { ranking: ['zz'] },
		expected: ['UNKNOWN_PROJECT']
	},
	{
		name: 'rejects approvals on a ranked ballot',
		rules: { kind: 'ranked' },
		ballot: { approvals: ['a'] },
		expected: ['WRONG_BALLOT_SHAPE']
	},
	// approval
	{
		name: 'accepts approvals within limits',
		rules: { kind: 'approval', maxSelections: 3 },
		ballot: { approvals: ['a', 'c', 'd'] },
		expected: []
	},
	{
		name: 'rejects too many approvals',
		rules: { kind: 'approval', maxSelections: 2 },
		ballot: { approvals: ['a', 'c', 'd'] },
		expected: ['TOO_MANY_SELECTIONS']
	},
	{
		name: 'rejects too few approvals',
		rules: { kind: 'approval', minSelections: 2 },
		ballot: { approvals: ['a'] },
		expected: ['TOO_FEW_SELECTIONS']
	},
	{
		name: 'allows zero approvals when minSelections is 0',
		rules: { kind: 'approval', minSelections: 0 },
		ballot: { approvals: [] },
		expected: []
	},
	{
		name: 'reports unknown and duplicate ids together',
		rules: { kind: 'approval' },
		ballot: { approvals: ['a', 'x', 'a'] },
		expected: ['UNKNOWN_PROJECT', 'DUPLICATE_PROJECT']
	},
	{
		name: 'rejects points on an approval ballot',
		rules: { kind: 'approval' },
		ballot: { points: { a: 1 } },
		expected: ['WRONG_BALLOT_SHAPE']
	},
	// single
	{
		name: 'accepts one choice',
		rules: { kind: 'single' },
		ballot: { approvals: ['b'] },
		expected: []
	},
	{
		name: 'rejects two choices',
		rules: { kind: 'single' },
		ballot: { approvals: ['a', 'b'] },
		expected: ['TOO_MANY_SELECTIONS']
	},
	{
		name: 'rejects no choice on submit',
		rules: { kind: 'single' },
		ballot: { approvals: [] },
		expected: ['TOO_FEW_SELECTIONS']
	},
	{
		name: 'rejects a ranking for a single choice',
		rules: { kind: 'single' },
		ballot: { ranking: ['a'] },
		expected: ['WRONG_BALLOT_SHAPE']
	},
	// knapsack
	{
		name: 'accepts projects that fit the pot',
		rules: { kind: 'knapsack' },
		ballot: { approvals: ['a', 'b', 'c'] },
		opts: pot,
		expected: []
	},
	{
		name: 'rejects projects over the pot',
		rules: { kind: 'knapsack' },
		ballot: { approvals: ['a', 'b', 'c', 'd'] },
		opts: pot,
		expected: ['OVER_BUDGET']
	},
	{
		name: 'uses budgetCap over the pot',
		rules: { kind: 'knapsack', budgetCap: 40_000_00 },
		ballot: { approvals: ['b'] },
		opts: pot,
		expected: ['OVER_BUDGET']
	},
	{
		name: 'rejects spending under the minimum',
		rules: { kind: 'knapsack', minSpendPercent: 50 },
		ballot: { approvals: ['a'] },
		opts: pot,
		expected: ['UNDER_MIN_SPEND']
	},
	{
		name: 'skips the minimum while building',
		rules: { kind: 'knapsack', minSpendPercent: 50 },
		ballot: { approvals: ['a'] },
		opts: { ...pot, submitting: false },
		expected: []
	},
	{
		name: 'rejects an empty knapsack on submit',
		rules: { kind: 'knapsack' },
		ballot: { approvals: [] },
		opts: pot,
		expected: ['EMPTY_BALLOT']
	},
	{
		name: 'still reports over budget while building',
		rules: { kind: 'knapsack', budgetCap: 10_000_00 },
		ballot: { approvals: ['a'] },
		opts: { submitting: false },
		expected: ['OVER_BUDGET']
	},
	// cumulative
	{
		name: 'accepts points within limits',
		rules: { kind: 'cumulative', totalPoints: 10, maxPointsPerProject: 5, minProjects: 2 },
		ballot: { points: { a: 5, b: 3, c: 2 } },
		expected: []
	},
	{
		name: 'rejects more points than the total',
		rules: { kind: 'cumulative', totalPoints: 10 },
		ballot: { points: { a: 6, b: 6 } },
		expected: ['POINTS_OVER_TOTAL']
	},
	{
		name: 'rejects too many points on one project',
		rules: { kind: 'cumulative', totalPoints: 10, maxPointsPerProject: 4 },
		ballot: { points: { a: 5 } },
		expected: ['POINTS_OVER_MAX']
	},
	{
		name: 'rejects too few projects with points',
		rules: { kind: 'cumulative', totalPoints: 10, minProjects: 3 },
		ballot: { points: { a: 5, b: 0 } },
		expected: ['TOO_FEW_PROJECTS']
	},
	{
		name: 'rejects fractional and negative points',
		rules: { kind: 'cumulative', totalPoints: 10 },
		ballot: { points: { a: 1.5, b: -1, c: 1 } },
		expected: ['INVALID_POINTS', 'INVALID_POINTS']
	},
	{
		name: 'rejects points for an unknown project',
		rules: { kind: 'cumulative', totalPoints: 10 },
		ballot: { points: { x: 1, a: 1 } },
		expected: ['UNKNOWN_PROJECT']
	},
	{
		name: 'rejects a list on a points ballot',
		rules: { kind: 'cumulative', totalPoints: 10 },
		ballot: { approvals: ['a'] },
		expected: ['WRONG_BALLOT_SHAPE']
	}
];

describe('checkBallot', () => {
	it.each(cases)('$name', ({ rules, ballot, opts, expected }) => {
		expect(checkBallot(rules, projects, ballot, opts).map((v) => v.code)).toEqual(expected);
	});

	it('gives the numbers a UI needs to explain a violation', () => {
		expect(
			checkBallot({ kind: 'knapsack', minSpendPercent: 50 }, projects, { approvals: ['d'] }, pot)
		).toEqual([
			{
				code: 'UNDER_MIN_SPEND',
				minSpendPercent: 50,
				minCents: 50_000_00,
				spentCents: 10_000_00,
				missingCents: 40_000_00
			}
		]);
		expect(
			checkBallot({ kind: 'knapsack' }, projects, { approvals: ['a', 'b', 'c', 'd'] }, pot)
		).toEqual([
			{ code: 'OVER_BUDGET', capCents: 100_000_00, spentCents: 110_000_00, overCents: 10_000_00 }
		]);
		expect(checkBallot({ kind: 'ranked', maxRanks: 1 }, projects, { ranking: ['a', 'b'] })).toEqual(
			[{ code: 'TOO_MANY_RANKS', max: 1, count: 2 }]
		);
		expect(
			checkBallot({ kind: 'cumulative', totalPoints: 3 }, projects, { points: { a: 2, b: 2 } })
		).toEqual([{ code: 'POINTS_OVER_TOTAL', total: 3, used: 4, overBy: 1 }]);
	});

	it('never throws on malformed input', () => {
		const junk = [
			{},
			{ ranking: 'a' },
			{ approvals: [1] },
			{ points: [1] },
			{ points: { a: 'x' } }
		];
		for (const ballot of junk) {
			expect(() =>
				checkBallot({ kind: 'approval' }, projects, ballot as unknown as BallotInput)
			).not.toThrow();
			expect(() =>
				checkBallot(
					{ kind: 'cumulative', totalPoints: 3 },
					projects,
					ballot as unknown as BallotInput
				)
			).not.toThrow();
		}
	});
});

describe('minSpendCents', () => {
	it.each([
		{ cap: 100_00, percent: 50, expected: 50_00 },
		{ cap: 99_99, percent: 50, expected: 50_00 },
		{ cap: 1_000, percent: 12.5, expected: 125 },
		{ cap: 1_001, percent: 33.3, expected: 334 },
		{ cap: 100, percent: 0, expected: 0 }
	])('rounds $percent% of $cap up to $expected cents', ({ cap, percent, expected }) => {
		expect(minSpendCents(cap, percent)).toBe(expected);
	});
});

describe('checkBallotRules', () => {
	it.each([
		{ rules: { kind: 'ranked', minRanks: 3, maxRanks: 2 } as BallotRules, fields: ['minRanks'] },
		{ rules: { kind: 'approval', maxSelections: 1.5 } as BallotRules, fields: ['maxSelections'] },
		{
			rules: { kind: 'knapsack', minSpendPercent: 120 } as BallotRules,
			fields: ['minSpendPercent']
		},
		{ rules: { kind: 'cumulative', totalPoints: -1 } as BallotRules, fields: ['totalPoints'] },
		{ rules: { kind: 'single' } as BallotRules, fields: [] }
	])('flags $fields in $rules.kind rules', ({ rules, fields }) => {
		expect(checkBallotRules(rules).map((i) => i.field)).toEqual(fields);
	});
});
