/**
 * Exact decimal text for money, scores and welfare. Nothing here goes through a float: a
 * decimal is a bigint of digits plus a count of decimals, so `748772.64` stays `748772.64`.
 */

/** A decimal number held exactly: value = digits / 10^decimals. */
export interface ExactDecimal {
	digits: bigint;
	decimals: number;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses decimal text (`500000.00`, `-3`, `1e3`, a decimal comma `0,5`) exactly, or returns
 * undefined when the text is not a number. A comma is accepted because pabutools reads
 * `str.replace(",", ".")`.
 */
export function parseDecimal(text: string): ExactDecimal | undefined {
	const match = DECIMAL.exec(text.trim().replace(',', '.'));
	if (!match) return undefined;
	const [, sign, whole = '', fraction = '', exponent] = match;
	if (whole === '' && fraction === '') return undefined;
	let digits = BigInt(`${whole}${fraction}` || '0');
	let decimals = fraction.length - Number(exponent ?? 0);
	if (decimals < 0) {
		digits *= 10n ** BigInt(-decimals);
		decimals = 0;
	}
	return { digits: sign === '-' ? -digits : digits, decimals };
}

/** The exact decimal of a JS number (shortest round-trip text, as `String(x)` gives it). */
export function numberToDecimal(value: number): ExactDecimal {
	const parsed = parseDecimal(String(value));
	if (!parsed || !Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
	return parsed;
}

/** `digits / 10^decimals` rescaled to `scale` (a power of ten at least as fine). */
export function scaleDecimal(value: ExactDecimal, scale: bigint): bigint {
	const factor = scale / 10n ** BigInt(value.decimals);
	if (factor * 10n ** BigInt(value.decimals) !== scale) {
		throw new RangeError(`scale ${scale} cannot hold ${value.decimals} decimals`);
	}
	return value.digits * factor;
}

/** The number of decimals a power-of-ten scale holds (100 → 2), or -1 for any other scale. */
export function decimalsOfScale(scale: bigint): number {
	let decimals = 0;
	let rest = scale;
	while (rest > 1n && rest % 10n === 0n) {
		rest /= 10n;
		decimals++;
	}
	return rest === 1n ? decimals : -1;
}

function gcd(a: bigint, b: bigint): bigint {
	let x = a < 0n ? -a : a;
	let y = b < 0n ? -b : b;
	while (y) [x, y] = [y, x % y];
	return x;
}

/**
 * Exact text of the rational `num / den`: a plain decimal without trailing zeros when it
 * terminates (`12.5`, `748772.64`), otherwise the reduced fraction (`1/3`).
 */
export function formatRational(num: bigint, den: bigint = 1n): string {
	if (den === 0n) throw new RangeError('zero denominator');
	if (den < 0n) [num, den] = [-num, -den];
	const g = gcd(num, den) || 1n;
	num /= g;
	den /= g;
	let rest = den;
	let twos = 0;
	let fives = 0;
	while (rest % 2n === 0n) [rest, twos] = [rest / 2n, twos + 1];
	while (rest % 5n === 0n) [rest, fives] = [rest / 5n, fives + 1];
	if (rest !== 1n) return `${num}/${den}`;
	const decimals = Math.max(twos, fives);
	const digits = (num * 10n ** BigInt(decimals)) / den;
	return withPoint(digits, decimals);
}

function withPoint(digits: bigint, decimals: number): string {
	const negative = digits < 0n;
	const text = (negative ? -digits : digits).toString().padStart(decimals + 1, '0');
	const whole = text.slice(0, text.length - decimals);
	const fraction = text.slice(text.length - decimals).replace(/0+$/, '');
	return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Exact plain decimal of a money amount in minor units (`74877264n`, `100n` → `748772.64`). */
export function moneyToDecimal(amount: bigint, moneyScale: bigint): string {
	return formatRational(amount, moneyScale);
}

/** Groups the whole part of a decimal string in thousands: `1204` → `1,204`. */
export function groupThousands(decimal: string): string {
	const [whole = '', fraction] = decimal.split('.');
	const sign = whole.startsWith('-') ? '-' : '';
	const grouped = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Readable money: `74877264n` at scale 100 → `748,772.64`; whole amounts show no decimals. */
export function formatMoney(amount: bigint, moneyScale: bigint): string {
	return groupThousands(moneyToDecimal(amount, moneyScale));
}

/** `1st`, `2nd`, `3rd`, `11th`, `22nd`: ranks in reasons. */
export function ordinal(n: number): string {
	const mod100 = n % 100;
	const suffix = mod100 >= 11 && mod100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
	return `${n}${suffix}`;
}
