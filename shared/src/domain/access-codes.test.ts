import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	accessCodeFromBytes,
	checkSymbol,
	CODE_ALPHABET,
	normalizeAccessCode,
	TOKEN_BYTES
} from './access-codes.ts';
import { normalizeReceipt, receiptFromBytes } from './receipts.ts';

const bytes = (fill: number[]) => Uint8Array.from(fill);
const randomBytes = fc.uint8Array({ minLength: TOKEN_BYTES, maxLength: TOKEN_BYTES });

describe('access codes', () => {
	it('formats 16 symbols in four groups from the unambiguous alphabet', () => {
		const code = accessCodeFromBytes(bytes([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
		expect(code).toBe('0000-0000-0000-0000');
		fc.assert(
			fc.property(randomBytes, (b) => {
				const c = accessCodeFromBytes(b);
				expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
				expect(c).not.toMatch(/[ILOU]/);
			})
		);
	});

	it('uses the first 75 random bits: the 73rd changes the code, the 76th does not', () => {
		const ones = accessCodeFromBytes(bytes(Array(10).fill(255)));
		expect(ones.replaceAll('-', '').slice(0, 15)).toBe('Z'.repeat(15));
		const bit73 = accessCodeFromBytes(bytes([...Array(9).fill(255), 0x7f]));
		const bit76 = accessCodeFromBytes(bytes([...Array(9).fill(255), 0xef]));
		expect(bit73).not.toBe(ones);
		expect(bit76).toBe(ones);
	});

	it('reads back what it wrote, forgiving case, spaces, dashes and O/I/L', () => {
		fc.assert(
			fc.property(randomBytes, (b) => {
				const code = accessCodeFromBytes(b);
				const plain = code.replaceAll('-', '');
				expect(normalizeAccessCode(code)).toEqual({ ok: true, code: plain });
				expect(normalizeAccessCode(` ${code.toLowerCase().replaceAll('-', ' ')} `)).toEqual({
					ok: true,
					code: plain
				});
			})
		);
		const withZeros = accessCodeFromBytes(bytes([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
		expect(normalizeAccessCode(withZeros.replaceAll('0', 'O')).ok).toBe(true);
	});

	it('detects every single mistyped symbol with the check symbol', () => {
		fc.assert(
			fc.property(randomBytes, fc.nat(15), fc.nat(30), (b, position, shift) => {
				const plain = accessCodeFromBytes(b).replaceAll('-', '');
				const value = CODE_ALPHABET.indexOf(plain[position]!);
				const wrong = CODE_ALPHABET[(value + shift + 1) % 32]!;
				const typo = plain.slice(0, position) + wrong + plain.slice(position + 1);
				expect(normalizeAccessCode(typo)).toEqual({ ok: false, problem: 'check' });
			})
		);
	});

	it.each([
		{ input: 'K7QD-3M9X-TR2P', problem: 'length' },
		{ input: 'K7QD-3M9X-TR2P-8HVAX', problem: 'length' },
		{ input: 'K7QD-3M9X-TR2P-8HVU', problem: 'alphabet' },
		{ input: 'K7QD-3M9X-TR2P-8HV*', problem: 'alphabet' }
	])('refuses $input ($problem)', ({ input, problem }) => {
		expect(normalizeAccessCode(input)).toEqual({ ok: false, problem });
	});

	it('computes the Luhn mod 32 check symbol', () => {
		expect(checkSymbol('000000000000000')).toBe('0');
		expect(checkSymbol('000000000000001')).toBe('Y');
	});
});

describe('receipts', () => {
	it('gives 80-bit trackers that read back in canonical form', () => {
		fc.assert(
			fc.property(randomBytes, (b) => {
				const receipt = receiptFromBytes(b);
				expect(receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
				expect(normalizeReceipt(receipt.toLowerCase().replaceAll('-', ''))).toBe(receipt);
			})
		);
		expect(normalizeReceipt('nope')).toBeUndefined();
		expect(normalizeReceipt('UUUU-UUUU-UUUU-UUUU')).toBeUndefined();
	});
});
