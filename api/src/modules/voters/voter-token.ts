import type { VoterToken } from '@allot/shared';
import type { FastifyInstance } from 'fastify';

/**
 * Online voter tokens last 2 hours (one visit). Kiosk tokens last 5 minutes: the booth logs the
 * walk-in out by itself if they walk away, and the next person cannot use their session.
 * Expiry is checked by the JWT library against the real clock, so it is computed from it too.
 */
export const VOTER_TOKEN_TTL = { online: 2 * 60 * 60, kiosk: 5 * 60 } as const;

export function signVoterToken(
	app: FastifyInstance,
	p: { voterId: string; cycleId: string; channel: 'online' | 'kiosk' }
): VoterToken {
	const ttl = VOTER_TOKEN_TTL[p.channel];
	const token = app.jwt.sign(
		{ sub: p.voterId, kind: 'voter', cycle: p.cycleId, channel: p.channel },
		{ expiresIn: ttl }
	);
	const expiresAt = new Date(Date.now() + ttl * 1000).toISOString();
	return { token, expiresAt, channel: p.channel };
}
