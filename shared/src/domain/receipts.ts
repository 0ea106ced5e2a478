/**
 * Receipt trackers: what a voter keeps to check, after the vote closes, that their ballot was
 * counted. 16 random Crockford symbols (80 bits), so nobody can guess someone else's tracker;
 * no check symbol, because a tracker is copied or photographed rather than typed under pressure.
 * A tracker names a ballot, never its content: the public list of counted trackers is sorted,
 * not in casting order, and the ballot export is shuffled independently of it.
 */
import { base32, CODE_ALPHABET, groupSymbols, symbolValue } from './access-codes.ts';

export const RECEIPT_SYMBOLS = 16;

/** A receipt tracker from ≥ 10 random bytes, grouped in fours. */
export function receiptFromBytes(bytes: Uint8Array): string {
	return groupSymbols(base32(bytes, RECEIPT_SYMBOLS));
}

/** A typed receipt in canonical grouped form (case, dashes, O/I/L forgiven), or undefined. */
export function normalizeReceipt(input: string): string | undefined {
	const text = input.toUpperCase().replace(/[\s-]/g, '');
	if (text.length !== RECEIPT_SYMBOLS) return undefined;
	let out = '';
	for (const char of text) {
		const value = symbolValue(char);
		if (value < 0) return undefined;
		out += CODE_ALPHABET[value];
	}
	return groupSymbols(out);
}
