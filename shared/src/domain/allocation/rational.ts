/**
 * Exact rational arithmetic on BigInt, for the allocation rules where a rounding error could
 * change the winners (MES, Phragmén, EAR). A `Rational` is always normalised: the denominator is
 * positive, the sign sits in the numerator, and numerator and denominator share no factor, so
 * `equals` is a field comparison and every value has exactly one representation.
 *
 * The hot loops of the rules do not allocate `Rational` objects: they keep money as integers over
 * a shared denominator and call the raw helpers (`gcd`, `compareFractions`) directly. The object
 * API is for setup, results and explanations.
 */

export interface Rational {
	readonly n: bigint;
	readonly d: bigint;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Greatest common divisor of |a| and |b| (gcd(0, 0) = 0). */
export function gcd(a: bigint, b: bigint): bigint {
	if (a < 0n) a = -a;
	if (b < 0n) b = -b;
	while (b !== 0n) {
		// Once both fit in a double, finish in Number arithmetic: a BigInt `%` costs far more.
		if (a <= SAFE && b <= SAFE) return BigInt(gcdSmall(Number(a), Number(b)));
		const r = a % b;
		a = b;
		b = r;
	}
	return a;
}

function gcdSmall(a: number, b: number): number {
	while (b !== 0) {
		const r = a % b;
		a = b;
		b = r;
	}
	return a;
}

/** Least common multiple of |a| and |b| (0 if either is 0). */
export function lcm(a: bigint, b: bigint): bigint {
	if (a === 0n || b === 0n) return 0n;
	const g = gcd(a, b);
	const m = (a / g) * b;
	return m < 0n ? -m : m;
}

/** Builds n/d in normal form. Throws on a zero denominator, which is always a bug upstream. */
export function rational(n: bigint, d: bigint = 1n): Rational {
	if (d === 0n) throw new RangeError('rational: zero denominator');
	if (d < 0n) {
		n = -n;
		d = -d;
	}
	if (d === 1n) return { n, d };
	const g = gcd(n, d);
	return g === 1n ? { n, d } : { n: n / g, d: d / g };
}

/** 0 and 1 in normal form. */
export const ZERO: Rational = { n: 0n, d: 1n };
export const ONE: Rational = { n: 1n, d: 1n };

/** Sign of an/ad − bn/bd for positive denominators, by cross-multiplication (no division). */
export function compareFractions(an: bigint, ad: bigint, bn: bigint, bd: bigint): number {
	const l = an * bd;
	const r = bn * ad;
	return l < r ? -1 : l > r ? 1 : 0;
}

/** Sign of a − b. */
export function compare(a: Rational, b: Rational): number {
	if (a.d === b.d) return a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
	return compareFractions(a.n, a.d, b.n, b.d);
}

/** True when a = b (normal forms are unique, so fields compare). */
export function equals(a: Rational, b: Rational): boolean {
	return a.n === b.n && a.d === b.d;
}

/** a + b, normalised. */
export function add(a: Rational, b: Rational): Rational {
	if (a.d === b.d) return rational(a.n + b.n, a.d);
	return rational(a.n * b.d + b.n * a.d, a.d * b.d);
}

/** a − b, normalised. */
export function sub(a: Rational, b: Rational): Rational {
	if (a.d === b.d) return rational(a.n - b.n, a.d);
	return rational(a.n * b.d - b.n * a.d, a.d * b.d);
}

/** a · b, normalised. */
export function mul(a: Rational, b: Rational): Rational {
	// Cross-reduce first so the products stay as small as the result.
	const g1 = gcd(a.n, b.d);
	const g2 = gcd(b.n, a.d);
	const n = (a.n / (g1 || 1n)) * (b.n / (g2 || 1n));
	const d = (a.d / (g2 || 1n)) * (b.d / (g1 || 1n));
	return n === 0n ? ZERO : { n, d };
}

/** a / b, normalised; throws when b is 0. */
export function div(a: Rational, b: Rational): Rational {
	if (b.n === 0n) throw new RangeError('rational: division by zero');
	return mul(a, b.n < 0n ? { n: -b.d, d: -b.n } : { n: b.d, d: b.n });
}

/** −a. */
export function neg(a: Rational): Rational {
	return { n: -a.n, d: a.d };
}

/** The smaller of a and b (a on a tie). */
export function min(a: Rational, b: Rational): Rational {
	return compare(a, b) <= 0 ? a : b;
}

/** The larger of a and b (a on a tie). */
export function max(a: Rational, b: Rational): Rational {
	return compare(a, b) >= 0 ? a : b;
}

/**
 * Parses an exact decimal such as `"500000.00"`, `"-1.5"` or `"2e3"` (pabulib costs and points).
 * Throws on anything else: callers validate their input before it reaches the engine.
 */
export function fromDecimal(text: string): Rational {
	const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
	if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new RangeError(`not a decimal: ${text}`);
	const frac = m[3] ?? '';
	let n = BigInt((m[2] || '0') + frac);
	if (m[1] === '-') n = -n;
	const exp = Number(m[4] ?? '0') - frac.length;
	return exp >= 0 ? rational(n * 10n ** BigInt(exp)) : rational(n, 10n ** BigInt(-exp));
}

/** Exact rational value of a finite JS number (every double is a dyadic rational). */
export function fromNumber(x: number): Rational {
	if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
	if (Number.isInteger(x)) return { n: BigInt(x), d: 1n };
	return fromDecimal(x.toString());
}

/**
 * Decimal text rounded half away from zero to `digits` places, trailing zeros kept
 * (`toDecimal({n: 1n, d: 3n}, 2)` is `"0.33"`). For display and for `score` strings.
 */
export function toDecimal(a: Rational, digits = 0): string {
	const scale = 10n ** BigInt(digits);
	const negative = a.n < 0n;
	const abs = negative ? -a.n : a.n;
	const rounded = (abs * scale * 2n + a.d) / (2n * a.d);
	const intPart = rounded / scale;
	const fracPart = (rounded % scale).toString().padStart(digits, '0');
	const sign = negative && rounded !== 0n ? '-' : '';
	return digits > 0 ? `${sign}${intPart}.${fracPart}` : `${sign}${intPart}`;
}

/** Exact decimal text when the denominator divides a power of ten, otherwise `n/d`. */
export function toExactString(a: Rational): string {
	let d = a.d;
	let twos = 0;
	let fives = 0;
	while (d % 2n === 0n) {
		d /= 2n;
		twos++;
	}
	while (d % 5n === 0n) {
		d /= 5n;
		fives++;
	}
	if (d !== 1n) return `${a.n}/${a.d}`;
	return toDecimal(a, Math.max(twos, fives));
}

/** Nearest double, for charts and logs only; never feed it back into a rule. */
export function toNumber(a: Rational): number {
	const whole = a.n / a.d;
	const rest = a.n - whole * a.d;
	const shift = 64n;
	return Number(whole) + Number((rest << shift) / a.d) / 2 ** 64;
}
