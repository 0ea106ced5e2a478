/**
 * Access codes and receipt trackers: random tokens people read off paper and type on a phone.
 *
 * Both use Crockford's base32 alphabet (digits and capitals without I, L, O, U), so nothing looks
 * like anything else, and both are grouped in fours: `K7QD-3M9X-TR2P-8HVA`. An access code is 15
 * random symbols (75 bits) plus one Luhn mod 32 check symbol, which catches every single mistyped
 * symbol and most swapped neighbours before the server is asked (a typo then costs the voter no
 * lockout attempt in the web form). Receipt trackers (receipts.ts) use the same alphabet.
 *
 * Pure: the caller passes the random bytes (crypto.getRandomValues or node:crypto).
 */

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** random symbols in an access code; 15 × 5 = 75 bits of entropy */
export const CODE_RANDOM_SYMBOLS = 15;
/** random bytes an access code or receipt needs (80 bits, of which a code uses 75) */
export const TOKEN_BYTES = 10;

const BASE = CODE_ALPHABET.length;

/** Symbol value (0..31) of a Crockford character, -1 if none, with its decoding aliases (O→0, I and L→1). */
export function symbolValue(char: string): number {
	const aliased = char === 'O' ? '0' : char === 'I' || char === 'L' ? '1' : char;
	return CODE_ALPHABET.indexOf(aliased);
}

/** The first `symbols` 5-bit groups of `bytes`, as alphabet characters (big-endian bits). */
export function base32(bytes: Uint8Array, symbols: number): string {
	if (bytes.length * 8 < symbols * 5) {
		throw new RangeError(`need ${Math.ceil((symbols * 5) / 8)} random bytes`);
	}
	let out = '';
	let buffer = 0;
	let bits = 0;
	for (const byte of bytes) {
		buffer = (buffer << 8) | byte;
		bits += 8;
		while (bits >= 5 && out.length < symbols) {
			bits -= 5;
			out += CODE_ALPHABET[(buffer >> bits) & 31];
		}
		buffer &= (1 << bits) - 1;
	}
	return out;
}

/**
 * Luhn mod N check symbol over `symbols` (N = 32): catches any single wrong symbol and most swaps
 * of two neighbours (as Luhn's mod-10 form misses 0↔9, a few pairs slip through).
 */
export function checkSymbol(symbols: string): string {
	let factor = 2;
	let sum = 0;
	for (let i = symbols.length - 1; i >= 0; i--) {
		const addend = factor * symbolValue(symbols[i]!);
		sum += Math.floor(addend / BASE) + (addend % BASE);
		factor = factor === 2 ? 1 : 2;
	}
	return CODE_ALPHABET[(BASE - (sum % BASE)) % BASE]!;
}

/** `K7QDM3...` → `K7QD-M3..-....-....`: groups of four for reading aloud and typing. */
export function groupSymbols(symbols: string): string {
	return symbols.match(/.{1,4}/g)?.join('-') ?? '';
}

/** A new access code from ≥ 10 random bytes: 15 random symbols and a check symbol, grouped. */
export function accessCodeFromBytes(bytes: Uint8Array): string {
	const random = base32(bytes, CODE_RANDOM_SYMBOLS);
	return groupSymbols(random + checkSymbol(random));
}

export type CodeProblem = 'length' | 'alphabet' | 'check';

export type NormalizedCode = { ok: true; code: string } | { ok: false; problem: CodeProblem };

/**
 * Reads what a person typed: case, spaces and dashes do not matter and O, I, L read as 0, 1, 1.
 * Returns the canonical 16 symbols (what is hashed) or why the text cannot be a code, so the
 * form can say "looks mistyped" without asking the server.
 */
export function normalizeAccessCode(input: string): NormalizedCode {
	const text = input.toUpperCase().replace(/[\s-]/g, '');
	if (text.length !== CODE_RANDOM_SYMBOLS + 1) return { ok: false, problem: 'length' };
	let code = '';
	for (const char of text) {
		const value = symbolValue(char);
		if (value < 0) return { ok: false, problem: 'alphabet' };
		code += CODE_ALPHABET[value];
	}
	const body = code.slice(0, CODE_RANDOM_SYMBOLS);
	if (checkSymbol(body) !== code[CODE_RANDOM_SYMBOLS]) return { ok: false, problem: 'check' };
	return { ok: true, code };
}
