import jwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';

export type StaffRole = 'admin' | 'reviewer' | 'moderator' | 'poll_worker';

/** Who is calling: a staff member, a voter scoped to one cycle, or nobody. */
export type Actor =
	| { kind: 'staff'; id: string; role: StaffRole }
	| { kind: 'voter'; id: string; cycleId: string; channel: 'online' | 'kiosk' }
	| { kind: 'anonymous' };

export type TokenClaims =
	| { sub: string; kind: 'staff'; role: StaffRole }
	| { sub: string; kind: 'voter'; cycle: string; channel: 'online' | 'kiosk' };

declare module '@fastify/jwt' {
	interface FastifyJWT {
		payload: TokenClaims;
		user: TokenClaims;
	}
}

declare module 'fastify' {
	interface FastifyRequest {
		actor: Actor;
	}
	interface FastifyInstance {
		/** onRequest hook: requires a valid token and sets `request.actor` */
		authenticate: (request: FastifyRequest) => Promise<void>;
		/** onRequest hook: sets `request.actor` from a token when one is sent, else anonymous */
		identify: (request: FastifyRequest) => Promise<void>;
	}
}

function toActor(claims: TokenClaims): Actor {
	if (claims.kind === 'staff') return { kind: 'staff', id: claims.sub, role: claims.role };
	return { kind: 'voter', id: claims.sub, cycleId: claims.cycle, channel: claims.channel };
}

/**
 * JWT auth, HS256 pinned (no `alg: none`, no RS/HS confusion), `iss`, `aud` and `exp` required.
 * Staff tokens last 8 hours (a working day); voter tokens 2 hours (one visit).
 */
export const authPlugin = fp(async (app: FastifyInstance, { config }: { config: Config }) => {
	await app.register(jwt, {
		secret: config.JWT_SECRET,
		sign: { algorithm: 'HS256', iss: config.JWT_ISSUER, aud: config.JWT_AUDIENCE, expiresIn: '8h' },
		verify: {
			algorithms: ['HS256'],
			allowedIss: config.JWT_ISSUER,
			allowedAud: config.JWT_AUDIENCE,
			requiredClaims: ['iss', 'aud', 'exp', 'sub']
		}
	});
	// Set by authenticate/identify before any handler reads it.
	app.decorateRequest('actor', null as never);
	app.decorate('authenticate', async (request: FastifyRequest) => {
		if (!request.headers.authorization) {
			throw new AppError('UNAUTHENTICATED', 401, 'Send Authorization: Bearer <token>');
		}
		try {
			request.actor = toActor(await request.jwtVerify<TokenClaims>());
		} catch {
			throw new AppError('TOKEN_INVALID', 401, 'The token is invalid or expired');
		}
	});
	app.decorate('identify', async (request: FastifyRequest) => {
		request.actor = { kind: 'anonymous' };
		if (request.headers.authorization) await app.authenticate(request);
	});
});
