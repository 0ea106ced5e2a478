import type { DbOrTx } from '@allot/db';
import { isIPv4, isIPv6 } from 'node:net';
import { AppError } from '../../errors.ts';
import { countAttempt, lockedUntil, type LockoutLimits } from '../auth/attempts.repo.ts';

/**
 * Failed code redemptions are counted in the database (attempt_counters), so a lockout holds
 * across restarts and replicas. Three keys, because each stops a different abuse:
 * - the client address: one machine guessing (generous, since a school lab shares one address);
 * - its network (/24 for IPv4, /64 for IPv6): one attacker rotating addresses they control;
 * - the code itself: someone holding a real code and guessing a birth date that passes.
 * With 75-bit codes guessing cannot succeed anyway; the lockout keeps it from costing us.
 */
export const CODE_LIMITS = {
	address: { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
	network: { maxFailures: 100, windowMs: 15 * 60_000, lockMs: 30 * 60_000 },
	code: { maxFailures: 5, windowMs: 60 * 60_000, lockMs: 60 * 60_000 }
} satisfies Record<string, LockoutLimits>;

/** The /24 (IPv4) or /64 (IPv6) an address belongs to; IPv4-mapped IPv6 counts as IPv4. */
export function networkOf(ip: string): string {
	const plain = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
	if (isIPv4(plain)) return `${plain.split('.').slice(0, 3).join('.')}.0/24`;
	if (!isIPv6(plain)) return plain;
	const [head = '', tail = ''] = plain.split('::');
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const groups = plain.includes('::')
		? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
		: left;
	return `${groups.slice(0, 4).join(':')}::/64`;
}

export const clientKeys = (ip: string) => ({
	address: `code:ip:${ip}`,
	network: `code:net:${networkOf(ip)}`
});
export const codeKey = (codeId: string) => `code:id:${codeId}`;

/** 429 LOCKED_OUT when any of `keys` is locked. */
export async function assertNotLocked(db: DbOrTx, keys: string[], now: Date): Promise<void> {
	const until = await lockedUntil(db, keys, now);
	if (!until) return;
	const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
	throw new AppError('LOCKED_OUT', 429, 'Too many failed attempts: try again later', {
		retryAfterSeconds
	});
}

/** Counts one failure from this client (and, with a real code, on that code). */
export async function recordFailure(
	db: DbOrTx,
	p: { ip: string; codeId?: string; now: Date }
): Promise<void> {
	const keys = clientKeys(p.ip);
	const { address, network, code } = CODE_LIMITS;
	await countAttempt(db, keys.address, p.now, address.windowMs, address);
	await countAttempt(db, keys.network, p.now, network.windowMs, network);
	if (p.codeId) await countAttempt(db, codeKey(p.codeId), p.now, code.windowMs, code);
}
