import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	add,
	compare,
	compareFractions,
	div,
	equals,
	fromDecimal,
	fromNumber,
	gcd,
	lcm,
	mul,
	rational,
	sub,
	toDecimal,
	toExactString,
	toNumber,
	type Rational
} from './rational.ts';

const r = (n: bigint, d = 1n) => rational(n, d);

describe('gcd and lcm', () => {
	it.each([
		[12n, 18n, 6n],
		[-12n, 18n, 6n],
		[0n, 5n, 5n],
		[0n, 0n, 0n],
		[2n ** 80n * 3n, 2n ** 70n * 9n, 2n ** 70n * 3n],
		[(1n << 200n) + 1n, 1n << 100n, 1n]
	])('gcd(%s, %s) = %s', (a, b, g) => {
		expect(gcd(a, b)).toBe(g);
		expect(gcd(b, a)).toBe(g);
	});

	it('lcm is |a·b| / gcd and 0 with a zero', () => {
		expect(lcm(4n, -6n)).toBe(12n);
		expect(lcm(0n, 6n)).toBe(0n);
	});
});

describe('normal form', () => {
	it.each([
		[6n, 8n, 3n, 4n],
		[6n, -8n, -3n, 4n],
		[-6n, -8n, 3n, 4n],
		[0n, -5n, 0n, 1n],
		[7n, 1n, 7n, 1n]
	])('%s/%s is stored as %s/%s', (n, d, nn, dd) => {
		expect(rational(n, d)).toEqual({ n: nn, d: dd });
	});

	it('refuses a zero denominator', () => {
		expect(() => rational(1n, 0n)).toThrow(RangeError);
		expect(() => div(r(1n), r(0n))).toThrow(RangeError);
	});
});

describe('arithmetic on small cases', () => {
	it.each([
		['1/2 + 1/3', add(r(1n, 2n), r(1n, 3n)), r(5n, 6n)],
		['1/2 - 1/3', sub(r(1n, 2n), r(1n, 3n)), r(1n, 6n)],
		['2/3 · 9/4', mul(r(2n, 3n), r(9n, 4n)), r(3n, 2n)],
		['(2/3) / (-4/9)', div(r(2n, 3n), r(-4n, 9n)), r(-3n, 2n)],
		['1/4 + 1/4', add(r(1n, 4n), r(1n, 4n)), r(1n, 2n)],
		['0 · 5/7', mul(r(0n), r(5n, 7n)), r(0n)]
	])('%s', (_, got, want) => {
		expect(got).toEqual(want);
	});

	it('compares by cross-multiplication, signs included', () => {
		expect(compare(r(1n, 3n), r(1n, 2n))).toBe(-1);
		expect(compare(r(-1n, 3n), r(-1n, 2n))).toBe(1);
		expect(compare(r(2n, 4n), r(1n, 2n))).toBe(0);
		expect(compareFractions(1n, 3n, 2n, 6n)).toBe(0);
		expect(equals(r(2n, 4n), r(1n, 2n))).toBe(true);
	});
});

describe('decimal text', () => {
	it.each([
		['500000.00', r(500000n)],
		['748772.64', r(74877264n, 100n)],
		['-1.5', r(-3n, 2n)],
		['2e3', r(2000n)],
		['.25', r(1n, 4n)],
		['1.5E-2', r(3n, 200n)]
	])('parses %s exactly', (text, want) => {
		expect(fromDecimal(text)).toEqual(want);
	});

	it.each(['', '.', 'abc', '1,5', '1.2.3'])('refuses %j', (text) => {
		expect(() => fromDecimal(text)).toThrow(RangeError);
	});

	it('reads doubles exactly as their shortest decimal', () => {
		expect(fromNumber(0.1)).toEqual(r(1n, 10n));
		expect(fromNumber(3)).toEqual(r(3n));
		expect(() => fromNumber(Number.NaN)).toThrow(RangeError);
	});

	it.each([
		[r(1n, 3n), 2, '0.33'],
		[r(2n, 3n), 2, '0.67'],
		[r(-2n, 3n), 1, '-0.7'],
		[r(1n, 2n), 0, '1'],
		[r(-1n, 1000n), 2, '0.00'],
		[r(12345n), 2, '12345.00']
	])('rounds %o to %i places as %s', (value, digits, text) => {
		expect(toDecimal(value, digits)).toBe(text);
	});

	it('prints terminating values exactly and others as fractions', () => {
		expect(toExactString(r(74877264n, 100n))).toBe('748772.64');
		expect(toExactString(r(1n, 8n))).toBe('0.125');
		expect(toExactString(r(1n, 3n))).toBe('1/3');
	});
});

const rationalArb: fc.Arbitrary<Rational> = fc
	.tuple(
		fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
		fc.bigInt({ min: 1n, max: 10n ** 20n })
	)
	.map(([n, d]) => rational(n, d));

describe('field laws (property)', () => {
	it('(a + b) − b = a and (a · b) / b = a', () => {
		fc.assert(
			fc.property(rationalArb, rationalArb, (a, b) => {
				expect(sub(add(a, b), b)).toEqual(a);
				if (b.n !== 0n) expect(div(mul(a, b), b)).toEqual(a);
			})
		);
	});

	it('results are always normalised', () => {
		fc.assert(
			fc.property(rationalArb, rationalArb, (a, b) => {
				for (const x of [add(a, b), sub(a, b), mul(a, b)]) {
					expect(x.d > 0n).toBe(true);
					expect(gcd(x.n, x.d)).toBe(x.n === 0n ? x.d : 1n);
				}
			})
		);
	});

	it('compare agrees with subtraction and roughly with doubles', () => {
		fc.assert(
			fc.property(rationalArb, rationalArb, (a, b) => {
				const c = compare(a, b);
				expect(c).toBe(Math.sign(Number(sub(a, b).n)));
				if (Math.abs(toNumber(a) - toNumber(b)) > 1e-6) {
					expect(c).toBe(Math.sign(toNumber(a) - toNumber(b)));
				}
			})
		);
	});
});
