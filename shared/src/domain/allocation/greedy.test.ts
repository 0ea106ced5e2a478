import { describe, expect, it } from 'vitest';
import { allocateGreedy } from './greedy.ts';
import { allocateMaxWelfare } from './max-welfare.ts';
import { computeScores } from './scores.ts';
import type { AllocationParams, Instance, Profile } from './types.ts';

function instance(budget: number, costs: Record<string, number>): Instance {
	return {
		budget: BigInt(budget),
		moneyScale: 1n,
		projects: Object.entries(costs).map(([id, cost]) => ({ id, cost: BigInt(cost) }))
	};
}

const approvals = (...ballots: [string[], number][]): Profile => ({
	shape: 'approval',
	ballots: ballots.map(([projects, weight]) => ({ projects, weight }))
});

// votes: a 5, b 4, c 3, d 0; costs a 60, b 50, c 30, d 10
const election = {
	instance: instance(100, { a: 60, b: 50, c: 30, d: 10 }),
	profile: approvals([['a', 'b'], 3], [['a', 'c'], 2], [['b', 'c'], 1])
};

describe('allocateGreedy', () => {
	it.each([
		{ params: { rule: 'greedy' }, funded: ['a', 'c', 'd'] },
		{ params: { rule: 'greedy', variant: 'no-skip' }, funded: ['a'] },
		{ params: { rule: 'greedy', variant: 'threshold', minScore: 4 }, funded: ['a'] },
		{ params: { rule: 'greedy', variant: 'threshold', minScore: 3 }, funded: ['a', 'c'] },
		// per cost: c 3/30 = 0.1 > b 4/50 = 0.08 = a 5/60 ≈ 0.083
		{ params: { rule: 'greedy-cost' }, funded: ['c', 'a', 'd'] }
	] as { params: AllocationParams; funded: string[] }[])(
		'$params.rule $params.variant funds $funded',
		({ params, funded }) => {
			const outcome = allocateGreedy(election.instance, election.profile, params);
			expect(outcome.funded.map((p) => p.id)).toEqual(funded);
		}
	);

	it('explains every decision in plain words', () => {
		const outcome = allocateGreedy(election.instance, election.profile, { rule: 'greedy' });
		expect(outcome.funded[0]!.reason).toBe('1st by votes (5 votes); cost 60 fit in 100 left');
		expect(outcome.unfunded[0]!.reason).toBe('2nd by votes (4 votes); needed 50, only 40 left');
		const threshold = allocateGreedy(election.instance, election.profile, {
			rule: 'greedy',
			variant: 'threshold',
			minScore: 4
		});
		expect(threshold.unfunded.map((p) => p.reason)).toContain(
			'below the threshold of 4 votes (had 3)'
		);
		const noSkip = allocateGreedy(election.instance, election.profile, {
			rule: 'greedy',
			variant: 'no-skip'
		});
		expect(noSkip.unfunded[1]!.reason).toBe(
			'not reached: the count stopped at b, the first project that did not fit'
		);
	});

	it('breaks ties by project id in string order, as pabutools does', () => {
		const tied = {
			instance: instance(10, { '9': 10, '10': 10 }),
			profile: approvals([['9', '10'], 1])
		};
		expect(allocateGreedy(tied.instance, tied.profile, { rule: 'greedy' }).funded[0]!.id).toBe(
			'10'
		);
		const byFile = allocateGreedy(tied.instance, tied.profile, {
			rule: 'greedy',
			tie: 'file-order'
		});
		expect(byFile.funded[0]!.id).toBe('9');
	});

	it('compares score per cost exactly, takes free supported projects first and unsupported last', () => {
		const e = {
			instance: instance(1000, { x: 3, y: 7, free: 0, none: 0 }),
			// x: 1/3, y: 2/7 (0.333 vs 0.2857)
			profile: approvals([['x', 'y', 'free'], 1], [['y'], 1])
		};
		const outcome = allocateGreedy(e.instance, e.profile, { rule: 'greedy-cost' });
		expect(outcome.funded.map((p) => p.id)).toEqual(['free', 'x', 'y', 'none']);
	});

	it('continues from projects already funded (MES completion)', () => {
		const outcome = allocateGreedy(election.instance, election.profile, { rule: 'greedy' }, ['b']);
		expect(outcome.funded.map((p) => p.id)).toEqual(['b', 'c', 'd']);
		expect(outcome.spent).toBe(90n);
	});

	it('uses the MES utility for the completion measure', () => {
		const mesParams: AllocationParams = {
			rule: 'mes',
			utility: 'approval',
			completion: 'add1-greedy'
		};
		const outcome = allocateGreedy(election.instance, election.profile, mesParams, []);
		expect(outcome.funded.map((p) => p.id)).toEqual(['c', 'a', 'd']);
		expect(outcome.params).toBe(mesParams);
	});
});

describe('computeScores', () => {
	const ranked: Profile = {
		shape: 'ordinal',
		ballots: [
			{ projects: ['a', 'b', 'c'], weight: 2 },
			{ projects: ['c'], weight: 1 }
		]
	};
	it.each([
		{ kind: 'votes', expected: { a: 2n, b: 2n, c: 3n } },
		{ kind: 'borda', expected: { a: 4n, b: 2n, c: 0n } },
		{ kind: 'pabulib-borda', expected: { a: 6n, b: 4n, c: 3n } }
	] as const)('$kind', ({ kind, expected }) => {
		expect(Object.fromEntries(computeScores(ranked, kind).values)).toEqual(expected);
	});

	it('sums decimal points exactly', () => {
		const points: Profile = {
			shape: 'cumulative',
			ballots: [
				{ projects: ['a', 'b'], points: [0.1, 2], weight: 3 },
				{ projects: ['a', 'b'], points: [0.2, 0], weight: 1 }
			]
		};
		const scores = computeScores(points, 'points');
		expect(scores.scale).toBe(10n);
		expect(scores.values.get('a')).toBe(5n);
		expect(computeScores(points, 'votes').values.get('b')).toBe(3n);
	});
});

describe('allocateMaxWelfare', () => {
	it('finds the optimum greedy misses', () => {
		// greedy by votes takes a (5 votes) and then nothing fits; b + c give 4 + 4 = 8
		const e = {
			instance: instance(100, { a: 60, b: 50, c: 50 }),
			profile: approvals([['a', 'b'], 1], [['a', 'c'], 4], [['b'], 3])
		};
		const greedy = allocateGreedy(e.instance, e.profile, { rule: 'greedy' });
		expect(greedy.funded.map((p) => p.id)).toEqual(['a']);
		const outcome = allocateMaxWelfare(e.instance, e.profile, {
			rule: 'max-welfare',
			utility: 'approval'
		});
		expect(outcome.welfare).toBe('8');
		expect(outcome.funded.map((p) => p.id).sort()).toEqual(['b', 'c']);
	});

	it('reports cost-utility welfare in currency units', () => {
		const e = { ...election, instance: { ...election.instance, moneyScale: 100n } };
		const outcome = allocateMaxWelfare(e.instance, e.profile, {
			rule: 'max-welfare',
			utility: 'cost'
		});
		// b + c + d = 4·50 + 3·30 + 0 = 290 minor units·votes, or a + c = 5·60 + 3·30 = 390
		expect(outcome.welfare).toBe('3.9');
	});
});
