import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.ts';

describe('seededRandom', () => {
	it('repeats the same sequence for the same seed and differs for another', () => {
		const a = seededRandom(42);
		const b = seededRandom(42);
		const c = seededRandom(43);
		const first = Array.from({ length: 5 }, a);
		expect(Array.from({ length: 5 }, b)).toEqual(first);
		expect(Array.from({ length: 5 }, c)).not.toEqual(first);
	});

	it('stays in [0, 1) and spreads over the interval', () => {
		const next = seededRandom(1);
		const values = Array.from({ length: 10_000 }, next);
		expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
		const mean = values.reduce((s, v) => s + v, 0) / values.length;
		expect(mean).toBeGreaterThan(0.48);
		expect(mean).toBeLessThan(0.52);
	});
});
