import { createHmac, randomBytes } from 'node:crypto';
import { TOKEN_BYTES } from '@allot/shared/domain/access-codes';
import { receiptFromBytes } from '@allot/shared/domain/receipts';

/**
 * The key a ballot is stored under: HMAC-SHA256(cycle link key, voter id). With the link key the
 * server finds a voter's ballot (to revise it); without it (destroyed at archive) nobody can tell
 * which voter a ballot belongs to, the operator included.
 */
export function voterKey(linkKey: Buffer, voterId: string): string {
	return createHmac('sha256', linkKey).update(voterId).digest('hex');
}

/** A receipt tracker from the CSPRNG: 80 bits, so nobody can guess another voter's. */
export function newReceipt(): string {
	return receiptFromBytes(randomBytes(TOKEN_BYTES));
}
