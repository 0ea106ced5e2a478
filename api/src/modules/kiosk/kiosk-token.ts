import type { KioskToken } from '@allot/shared';
import type { FastifyInstance } from 'fastify';

/** A kiosk credential lasts at most one shift, and never past the sign-in that opened it. */
export const KIOSK_TOKEN_MAX_TTL = 8 * 60 * 60;

/**
 * Signs the credential a device keeps while it is a kiosk: `kind: 'kiosk'`, the session as
 * `sub`, its cycle and site. What it may do is the policy's `kiosk` row (this session only);
 * whether it still works is its session row, checked on every request (see the auth plugin).
 * `notAfter` is the opening staff token's `exp` (seconds), so handing a device over never
 * extends the worker's own sign-in. Expiry is checked against the real clock, so computed from it.
 */
export function signKioskToken(
	app: FastifyInstance,
	p: { sessionId: string; cycleId: string; siteId: string; notAfter?: number }
): KioskToken {
	const nowSeconds = Math.floor(Date.now() / 1000);
	const left = p.notAfter === undefined ? KIOSK_TOKEN_MAX_TTL : p.notAfter - nowSeconds;
	const ttl = Math.max(1, Math.min(KIOSK_TOKEN_MAX_TTL, left));
	const token = app.jwt.sign(
		{ sub: p.sessionId, kind: 'kiosk', cycle: p.cycleId, site: p.siteId },
		{ expiresIn: ttl }
	);
	return { token, expiresAt: new Date((nowSeconds + ttl) * 1000).toISOString() };
}
