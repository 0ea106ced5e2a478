import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { BECAUSE_EXAMPLES, EXAMPLE_CODES } from '../domain/allocation/because.fixture.ts';
import type { Because as EngineBecause } from '../domain/allocation/because.ts';
import { Because, FundedProject } from './results.ts';

describe('Because contract', () => {
	it('is the engine’s Because with money in cents, both ways (checked by tsc)', () => {
		expectTypeOf<z.output<typeof Because>>().toExtend<EngineBecause<number>>();
		expectTypeOf<EngineBecause<number>>().toExtend<z.input<typeof Because>>();
	});

	it('has an example of every code, and accepts each as it is', () => {
		const codes = Because.options.map((o) => o.shape.code.value);
		expect([...EXAMPLE_CODES].sort()).toEqual([...codes].sort());
		for (const { because } of BECAUSE_EXAMPLES) expect(Because.parse(because)).toEqual(because);
	});

	it('refuses an unknown code and a wrapped wrapped reason', () => {
		expect(Because.safeParse({ code: 'lottery.won', params: {} }).success).toBe(false);
		const wrapped = BECAUSE_EXAMPLES.find((e) => e.because.code === 'comparison.greedy')!;
		const twice = { code: 'greedyCompletion.funded', params: { greedy: wrapped.because } };
		expect(Because.safeParse(twice).success).toBe(false);
	});

	it('leaves `because` optional: results published before it still parse', () => {
		const old = { id: 'P1', costCents: 100, score: '3', reason: 'no supporters' };
		expect(FundedProject.parse(old)).toEqual(old);
	});
});
