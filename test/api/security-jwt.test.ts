import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { bearer, expectProblem, staffToken } from '../helpers/factories.ts';

/**
 * JWT: HS256 pinned, iss/aud/exp/sub required, signature checked with our secret only. Every
 * forged or incomplete token gets 401 problem+json, on a staff route and on the voter route.
 */

const SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

function sign(
	header: Record<string, unknown>,
	payload: Record<string, unknown>,
	opts: { secret?: string; hash?: string } = {}
) {
	const body = `${b64(header)}.${b64(payload)}`;
	const mac = createHmac(opts.hash ?? 'sha256', opts.secret ?? SECRET).update(body);
	return `${body}.${mac.digest('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);

let t: TestContext;
let admin: { id: string };
let claims: Record<string, unknown>;
beforeAll(async () => {
	t = await createTestApp();
	admin = await staffToken(t, 'admin');
	claims = {
		sub: admin.id,
		kind: 'staff',
		role: 'admin',
		iss: 'allot',
		aud: 'allot-api',
		iat: now(),
		exp: now() + 600
	};
});
afterAll(() => t.close());

const without = (key: string) => {
	const { [key]: _gone, ...rest } = claims;
	return rest;
};

const me = (authorization: string) =>
	t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization } });

describe('JWT verification', () => {
	it('accepts a well-formed HS256 token (the baseline the refusals below differ from)', async () => {
		const res = await me(`Bearer ${sign({ alg: 'HS256', typ: 'JWT' }, claims)}`);
		expect(res.statusCode, res.body).toBe(200);
	});

	const forged: [string, () => string][] = [
		[
			'HS384 with the right secret',
			() => sign({ alg: 'HS384', typ: 'JWT' }, claims, { hash: 'sha384' })
		],
		[
			'HS512 with the right secret',
			() => sign({ alg: 'HS512', typ: 'JWT' }, claims, { hash: 'sha512' })
		],
		['alg none, no signature', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`],
		['alg none with a signature', () => sign({ alg: 'none', typ: 'JWT' }, claims)],
		['RS256 header over an HMAC (key confusion)', () => sign({ alg: 'RS256', typ: 'JWT' }, claims)],
		[
			'a wrong secret',
			() =>
				sign({ alg: 'HS256' }, claims, { secret: 'another-secret-that-is-long-enough-0123456789' })
		],
		['no exp', () => sign({ alg: 'HS256' }, without('exp'))],
		['an expired exp', () => sign({ alg: 'HS256' }, { ...claims, exp: now() - 10 })],
		['no iss', () => sign({ alg: 'HS256' }, without('iss'))],
		['a wrong iss', () => sign({ alg: 'HS256' }, { ...claims, iss: 'someone-else' })],
		['no aud', () => sign({ alg: 'HS256' }, without('aud'))],
		['a wrong aud', () => sign({ alg: 'HS256' }, { ...claims, aud: 'another-api' })],
		['no sub', () => sign({ alg: 'HS256' }, without('sub'))],
		['a not-yet-valid nbf', () => sign({ alg: 'HS256' }, { ...claims, nbf: now() + 3600 })],
		[
			'a changed payload',
			() => {
				const [h, , s] = sign({ alg: 'HS256' }, claims).split('.');
				return `${h}.${b64({ ...claims, role: 'admin', sub: '00000000-0000-0000-0000-000000000000' })}.${s}`;
			}
		],
		['garbage', () => 'not.a.token'],
		['two parts', () => `${b64({ alg: 'HS256' })}.${b64(claims)}`],
		['an empty token', () => '']
	];

	it.each(forged)('refuses a token with %s: 401 problem', async (_what, make) => {
		const res = await me(`Bearer ${make()}`);
		expect(res.statusCode, res.body).toBe(401);
		expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
		expect(['TOKEN_INVALID', 'UNAUTHENTICATED']).toContain(res.json().code);
	});

	it('refuses other schemes and a missing header', async () => {
		expectProblem(await me(`Basic ${Buffer.from('a:b').toString('base64')}`), 401, 'TOKEN_INVALID');
		expectProblem(
			await t.app.inject({ method: 'GET', url: '/api/auth/me' }),
			401,
			'UNAUTHENTICATED'
		);
	});

	it('refuses a forged voter token on the ballot route too', async () => {
		const voter = {
			sub: admin.id,
			kind: 'voter',
			cycle: admin.id,
			channel: 'online',
			iss: 'allot',
			aud: 'allot-api',
			exp: now() + 600
		};
		for (const token of [
			sign({ alg: 'HS384' }, voter, { hash: 'sha384' }),
			`${b64({ alg: 'none' })}.${b64(voter)}.`,
			sign({ alg: 'HS256' }, { ...voter, exp: undefined }),
			sign({ alg: 'HS256' }, voter, { secret: 'x'.repeat(40) })
		]) {
			const res = await t.app.inject({
				method: 'PUT',
				url: '/api/cycles/any-cycle/ballot',
				headers: bearer(token),
				payload: { ranking: ['P01'] }
			});
			expectProblem(res, 401, 'TOKEN_INVALID');
		}
	});

	it('signs what it verifies: HS256 with iss, aud and exp', async () => {
		const token = t.app.jwt.sign({ sub: admin.id, kind: 'staff', role: 'admin' });
		const [header, payload] = token
			.split('.')
			.slice(0, 2)
			.map((p) => JSON.parse(Buffer.from(p!, 'base64url').toString()));
		expect(header.alg).toBe('HS256');
		expect(payload).toMatchObject({ iss: 'allot', aud: 'allot-api' });
		expect(payload.exp).toBeGreaterThan(now());
	});
});
