import { describe, expect, it } from 'vitest';
import {
	decimalsOfScale,
	formatMoney,
	formatRational,
	groupThousands,
	ordinal,
	parseDecimal
} from './outcome-format.ts';

describe('parseDecimal', () => {
	it.each([
		{ text: '748772.64', digits: 74877264n, decimals: 2 },
		{ text: '500000.00', digits: 50000000n, decimals: 2 },
		{ text: '12', digits: 12n, decimals: 0 },
		{ text: ' 0,5 ', digits: 5n, decimals: 1 },
		{ text: '-3.25', digits: -325n, decimals: 2 },
		{ text: '1e3', digits: 1000n, decimals: 0 },
		{ text: '2.5e-3', digits: 25n, decimals: 4 },
		{ text: '.5', digits: 5n, decimals: 1 }
	])('reads $text exactly', ({ text, digits, decimals }) => {
		expect(parseDecimal(text)).toEqual({ digits, decimals });
	});

	it.each(['', 'abc', '1.2.3', '1,000,000', '.', 'none'])('refuses "%s"', (text) => {
		expect(parseDecimal(text)).toBeUndefined();
	});
});

describe('formatRational', () => {
	it.each([
		{ num: 74877264n, den: 100n, text: '748772.64' },
		{ num: 50000000n, den: 100n, text: '500000' },
		{ num: 1n, den: 8n, text: '0.125' },
		{ num: -1n, den: 4n, text: '-0.25' },
		{ num: 1n, den: 3n, text: '1/3' },
		{ num: 4n, den: -6n, text: '-2/3' },
		{ num: 0n, den: 7n, text: '0' }
	])('$num/$den is $text', ({ num, den, text }) => {
		expect(formatRational(num, den)).toBe(text);
	});
});

describe('readable text', () => {
	it('groups thousands and keeps decimals exact', () => {
		expect(formatMoney(74877264n, 100n)).toBe('748,772.64');
		expect(formatMoney(120000n, 1n)).toBe('120,000');
		expect(groupThousands('-1204.5')).toBe('-1,204.5');
		expect(groupThousands('999')).toBe('999');
	});

	it.each([
		[1, '1st'],
		[2, '2nd'],
		[3, '3rd'],
		[4, '4th'],
		[11, '11th'],
		[12, '12th'],
		[13, '13th'],
		[21, '21st'],
		[102, '102nd'],
		[111, '111th']
	])('%i is %s', (n, text) => {
		expect(ordinal(n)).toBe(text);
	});

	it('knows the decimals of a power-of-ten scale', () => {
		expect(decimalsOfScale(1n)).toBe(0);
		expect(decimalsOfScale(100n)).toBe(2);
		expect(decimalsOfScale(12n)).toBe(-1);
	});
});
