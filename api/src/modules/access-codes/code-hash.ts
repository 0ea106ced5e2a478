import { createHmac, randomBytes } from 'node:crypto';
import { accessCodeFromBytes, TOKEN_BYTES } from '@allot/shared/domain/access-codes';

/**
 * How access codes are stored: HMAC-SHA256 keyed with a server-side pepper, over the cycle id and
 * the canonical code. Not argon2, on purpose:
 * - redemption must find a code by its hash (`where code_hash = $1`, a unique index). A salted
 *   slow hash has a different salt per row, so every redemption would have to try every code of
 *   the cycle (thousands of argon2 runs per request: a denial of service we would build ourselves);
 * - slow hashing protects low-entropy secrets (passwords). A code carries 75 random bits: even
 *   with a stolen table and the pepper, trying 2^75 codes at a billion SHA-256 per second takes
 *   over a million years; the pepper (kept out of the database) adds that a stolen table alone
 *   cannot be tried offline at all.
 * The cycle id in the message keeps equal codes in two cycles apart.
 */
export function hashAccessCode(pepper: string, cycleId: string, canonicalCode: string): string {
	return createHmac('sha256', `allot-access-code:${pepper}`)
		.update(`${cycleId}:${canonicalCode}`)
		.digest('hex');
}

/** A fresh access code from the operating system's CSPRNG. */
export function newAccessCode(): string {
	return accessCodeFromBytes(randomBytes(TOKEN_BYTES));
}
