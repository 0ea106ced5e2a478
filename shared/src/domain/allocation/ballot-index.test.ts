import { describe, expect, it } from 'vitest';
import { buildBallotIndex, coSupport } from './ballot-index.ts';
import type { Instance, Profile } from './types.ts';

const instance: Instance = {
	budget: 100n,
	moneyScale: 1n,
	projects: ['a', 'b', 'c'].map((id) => ({ id, cost: 10n }))
};
const points = (b: { points?: number[] }, k: number) => b.points?.[k] ?? 1;

describe('buildBallotIndex', () => {
	it('merges ballots that give the same values to the same projects, in any order', () => {
		const profile: Profile = {
			shape: 'approval',
			ballots: [
				{ projects: ['a', 'b'], weight: 2 },
				{ projects: ['b', 'a'], weight: 1 },
				{ projects: ['c'], weight: 1 },
				{ projects: [], weight: 4 }
			]
		};
		const ix = buildBallotIndex(instance, profile, () => 1);
		expect(ix.count).toBe(3);
		expect(ix.voters).toBe(8n);
		expect([...ix.weight]).toEqual([3, 1, 4]);
		expect(ix.supporters).toEqual([3, 3, 1]);
		expect(ix.totalValue).toEqual([3n, 3n, 1n]);
	});

	it('keeps projects the value function rejects out, and voters in the count', () => {
		const profile: Profile = {
			shape: 'cumulative',
			ballots: [{ projects: ['a', 'b'], points: [3, 0], weight: 1 }]
		};
		const ix = buildBallotIndex(instance, profile, points);
		expect(ix.supporters).toEqual([1, 0, 0]);
		expect(ix.voters).toBe(1n);
	});

	it('turns fractional points into integers by one common factor', () => {
		const profile: Profile = {
			shape: 'cumulative',
			ballots: [
				{ projects: ['a', 'b'], points: [0.5, 1.25], weight: 1 },
				{ projects: ['c'], points: [2], weight: 1 }
			]
		};
		const ix = buildBallotIndex(instance, profile, points);
		// 0.5 : 1.25 : 2 = 2 : 5 : 8
		expect(ix.totalValue).toEqual([2n, 5n, 8n]);
	});

	it('records which projects share a supporter', () => {
		const profile: Profile = { shape: 'approval', ballots: [{ projects: ['a', 'c'], weight: 1 }] };
		const co = coSupport(buildBallotIndex(instance, profile, () => 1));
		expect([...co]).toEqual([1, 0, 1, 0, 0, 0, 1, 0, 1]);
	});
});
