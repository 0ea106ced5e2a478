import jwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import type { Actor, StaffRole } from '@allot/shared/domain/policy';
import { AppError } from '../errors.ts';

// The actor and roles are defined beside the policy table that decides what each may do.
export type { Actor, StaffRole } from '@allot/shared/domain/policy';

/** What the auth plugin needs to know about a staff account on every request. */
export type StaffStatus = (
	id: string
) => Promise<{ role: StaffRole; disabledAt: Date | null } | undefined>;

/**
 * Whether a kiosk credential's session may still be used: open, not idle, and opened by an
 * account that may still run kiosks. Asked on every request that carries a kiosk token.
 */
export type KioskStatus = (p: { sessionId: string; cycleId: string }) => Promise<boolean>;

export type TokenClaims =
	| { sub: string; kind: 'staff'; role: StaffRole }
	| { sub: string; kind: 'voter'; cycle: string; channel: 'online' | 'kiosk' }
	/** `sub` is the kiosk session: the credential a device gets when it becomes a kiosk */
	| { sub: string; kind: 'kiosk'; cycle: string; site: string };

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

interface Status {
	staffStatus: StaffStatus;
	kioskStatus: KioskStatus;
}

/**
 * A staff token is only as good as the account behind it: a disabled (or deleted) account is
 * refused at once, not when its token expires, and a changed role applies on the next request.
 * A kiosk token is only as good as its session: once closed (or idle, or its poll worker
 * disabled) it is refused everywhere, whatever its expiry says.
 */
async function toActor(claims: TokenClaims, status: Status): Promise<Actor> {
	if (claims.kind === 'voter') {
		return { kind: 'voter', id: claims.sub, cycleId: claims.cycle, channel: claims.channel };
	}
	if (claims.kind === 'kiosk') {
		if (!(await status.kioskStatus({ sessionId: claims.sub, cycleId: claims.cycle }))) {
			throw new AppError('TOKEN_INVALID', 401, 'This kiosk session is closed');
		}
		return { kind: 'kiosk', sessionId: claims.sub, cycleId: claims.cycle, siteId: claims.site };
	}
	if (claims.kind !== 'staff') throw new AppError('TOKEN_INVALID', 401, 'Unknown kind of token');
	const account = await status.staffStatus(claims.sub);
	if (!account || account.disabledAt) {
		throw new AppError('TOKEN_INVALID', 401, 'This account is disabled');
	}
	return { kind: 'staff', id: claims.sub, role: account.role };
}

/**
 * JWT auth, HS256 pinned (no `alg: none`, no RS/HS confusion), `iss`, `aud` and `exp` required.
 * Staff tokens last 8 hours (a working day); voter tokens 2 hours (one visit); kiosk tokens no
 * longer than the staff sign-in that opened the kiosk.
 */
export const authPlugin = fp(
	async (app: FastifyInstance, { config, ...status }: { config: Config } & Status) => {
		await app.register(jwt, {
			secret: config.JWT_SECRET,
			sign: {
				algorithm: 'HS256',
				iss: config.JWT_ISSUER,
				aud: config.JWT_AUDIENCE,
				expiresIn: '8h'
			},
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
			let claims: TokenClaims;
			try {
				claims = await request.jwtVerify<TokenClaims>();
			} catch {
				throw new AppError('TOKEN_INVALID', 401, 'The token is invalid or expired');
			}
			request.actor = await toActor(claims, status);
		});
		app.decorate('identify', async (request: FastifyRequest) => {
			request.actor = { kind: 'anonymous' };
			if (request.headers.authorization) await app.authenticate(request);
		});
	}
);
