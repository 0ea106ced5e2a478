import { describe, expect, it } from 'vitest';
import { phaseAllows, phaseChangeProblems, type Phase, type PhaseFacts } from './phases.ts';

const ready: PhaseFacts = {
	potCents: 100_00,
	ballot: { kind: 'ranked', minRanks: 1, maxRanks: 3 } as PhaseFacts['ballot'],
	projectCount: 3,
	cheapestCostCents: 20_00,
	ideaCount: 4,
	pendingProposalCount: 0,
	ballotCount: 0,
	published: false
};

interface Case {
	from: Phase;
	to: Phase;
	facts?: Partial<PhaseFacts>;
	problems: RegExp[];
}

const cases: Case[] = [
	{ from: 'draft', to: 'ideas', problems: [] },
	{ from: 'ideas', to: 'development', problems: [] },
	{ from: 'development', to: 'voting', problems: [] },
	{ from: 'draft', to: 'voting', problems: [] },
	{ from: 'draft', to: 'draft', problems: [/already in draft/] },
	{ from: 'draft', to: 'tallying', problems: [/voting cannot be skipped/] },
	{ from: 'voting', to: 'results', problems: [/tallying cannot be skipped/] },
	{
		from: 'development',
		to: 'voting',
		facts: { projectCount: 0, cheapestCostCents: null },
		problems: [/at least one/]
	},
	{
		from: 'development',
		to: 'voting',
		facts: { cheapestCostCents: 200_00 },
		problems: [/cheapest project/]
	},
	{
		from: 'development',
		to: 'voting',
		facts: { ballot: { kind: 'knapsack', budgetCap: 10_00 } },
		problems: [/cheapest project/]
	},
	{
		from: 'development',
		to: 'voting',
		facts: { ballot: { kind: 'ranked', minRanks: 5 } },
		problems: [/ask each voter for 5/]
	},
	{
		from: 'development',
		to: 'voting',
		facts: { ballot: { kind: 'cumulative', minProjects: 4 } },
		problems: [/ask each voter for 4/]
	},
	{
		from: 'development',
		to: 'voting',
		facts: { pendingProposalCount: 2 },
		problems: [/2 proposal/]
	},
	{ from: 'voting', to: 'tallying', problems: [/no ballot/] },
	{ from: 'voting', to: 'tallying', facts: { ballotCount: 7 }, problems: [] },
	{ from: 'tallying', to: 'results', problems: [/publish a result/] },
	{ from: 'tallying', to: 'results', facts: { published: true }, problems: [] },
	{ from: 'results', to: 'implementation', problems: [] },
	{ from: 'results', to: 'archived', problems: [] },
	{ from: 'implementation', to: 'archived', problems: [] },
	// going back
	{ from: 'ideas', to: 'draft', facts: { ideaCount: 0 }, problems: [] },
	{ from: 'ideas', to: 'draft', problems: [/ideas were already submitted/] },
	{ from: 'development', to: 'ideas', problems: [] },
	{ from: 'voting', to: 'development', problems: [] },
	{
		from: 'voting',
		to: 'development',
		facts: { ballotCount: 1 },
		problems: [/ballots were already cast/]
	},
	{ from: 'tallying', to: 'voting', facts: { ballotCount: 3 }, problems: [] },
	{ from: 'tallying', to: 'voting', facts: { published: true }, problems: [/already published/] },
	{ from: 'results', to: 'tallying', problems: [/cannot go back/] },
	{ from: 'voting', to: 'draft', problems: [/cannot go back/] },
	{ from: 'archived', to: 'implementation', problems: [/final/] }
];

describe('phaseChangeProblems', () => {
	it.each(cases)('$from → $to', ({ from, to, facts, problems }) => {
		const got = phaseChangeProblems(from, to, { ...ready, ...facts });
		expect(got).toHaveLength(problems.length);
		problems.forEach((re, i) => expect(got[i]).toMatch(re));
	});
});

describe('phaseAllows', () => {
	it.each([
		{ phase: 'ideas', activity: 'idea.submit', allowed: true },
		{ phase: 'development', activity: 'idea.submit', allowed: false },
		{ phase: 'development', activity: 'comment.post', allowed: true },
		{ phase: 'voting', activity: 'comment.post', allowed: false },
		{ phase: 'development', activity: 'project.edit', allowed: true },
		{ phase: 'voting', activity: 'project.edit', allowed: false },
		{ phase: 'archived', activity: 'cycle.edit', allowed: false },
		{ phase: 'archived', activity: 'moderate', allowed: false }
	] as const)('$activity in $phase → $allowed', ({ phase, activity, allowed }) => {
		expect(phaseAllows(phase, activity)).toBe(allowed);
	});
});
