import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BECAUSE_EXAMPLES } from './because.fixture.ts';
import {
	approxCents,
	asStep,
	becauseInCents,
	centsText,
	formatBecause,
	type Because
} from './because.ts';
import { approxMoney } from './mes-explain.ts';

describe('formatBecause', () => {
	it.each(BECAUSE_EXAMPLES.map((e) => [e.because.code, e] as const))(
		'%s reads as the engine always said it',
		(_, { because, english }) => {
			expect(formatBecause(because, 100n)).toBe(english);
		}
	);

	it.each([
		{ scale: 1n, cost: 45_000n, left: 180_000n, text: '45,000', leftText: '180,000' },
		{ scale: 100n, cost: 600n, left: 12_810n, text: '6', leftText: '128.1' },
		{ scale: 1000n, cost: 1_234n, left: 5_000_000n, text: '1.234', leftText: '5,000' }
	])('formats exact money at money scale $scale', ({ scale, cost, left, text, leftText }) => {
		const because: Because = {
			code: 'greedy.fit',
			params: {
				position: 3,
				scoreKind: 'votes',
				score: '1204',
				perCost: false,
				costCents: cost,
				leftCents: left
			}
		};
		expect(formatBecause(because, scale)).toBe(
			`3rd by votes (1,204 votes); cost ${text} fit in ${leftText} left`
		);
	});
});

describe('becauseInCents', () => {
	it('turns exact money into cents, nested steps too, and leaves the rest as it is', () => {
		const because: Because = {
			code: 'greedyCompletion.unfunded',
			params: {
				mes: { code: 'mes.sharesRanOut', params: { heldCents: 8_920_749, costCents: 164_000n } },
				greedy: {
					code: 'greedy.tooDear',
					params: {
						position: 2,
						scoreKind: 'votes',
						score: '161',
						perCost: false,
						costCents: 164_000n,
						leftCents: 36_000n
					}
				}
			}
		};
		const cents = becauseInCents(because, 1n);
		expect(cents).toEqual({
			code: 'greedyCompletion.unfunded',
			params: {
				mes: { code: 'mes.sharesRanOut', params: { heldCents: 8_920_749, costCents: 16_400_000 } },
				greedy: {
					code: 'greedy.tooDear',
					params: {
						position: 2,
						scoreKind: 'votes',
						score: '161',
						perCost: false,
						costCents: 16_400_000,
						leftCents: 3_600_000
					}
				}
			}
		});
		expect(formatBecause(cents, 100n)).toBe(formatBecause(because, 1n));
	});
});

describe('approximate amounts', () => {
	it('round to the cent exactly as the reasons always did', () => {
		fc.assert(
			fc.property(
				fc.bigInt({ min: 0n, max: 10n ** 12n }),
				fc.bigInt({ min: 1n, max: 10n ** 9n }),
				fc.constantFrom(1n, 100n, 1000n),
				(num, den, scale) => {
					expect(centsText(approxCents(num, den, scale))).toBe(approxMoney(num, den, scale));
				}
			),
			{ numRuns: 500 }
		);
	});

	it.each([
		{ num: 1n, den: 200n, scale: 1n, cents: 1 },
		{ num: 1n, den: 201n, scale: 1n, cents: 0 },
		{ num: 123_456n, den: 1n, scale: 100n, cents: 123_456 },
		{ num: 2n, den: 3n, scale: 1n, cents: 67 }
	])('$num/$den at scale $scale is $cents cents', ({ num, den, scale, cents }) => {
		expect(approxCents(num, den, scale)).toBe(cents);
	});
});

describe('asStep', () => {
	it('refuses to wrap a wrapped reason', () => {
		const wrapped = BECAUSE_EXAMPLES.find((e) => e.because.code === 'comparison.greedy')!;
		expect(() => asStep(wrapped.because)).toThrow(TypeError);
	});
});
