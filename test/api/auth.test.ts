import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ADMIN, type TestContext } from '../helpers/app.ts';
import {
	adminToken,
	bearer,
	expectNoChange,
	expectProblem,
	staffToken
} from '../helpers/factories.ts';

let t: TestContext;
beforeAll(async () => {
	t = await createTestApp();
});
afterAll(() => t.close());

let ipCounter = 0;
/** Each test signs in from its own address so rate limits and IP lockouts stay separate. */
const freshIp = () => `192.0.2.${++ipCounter}`;

const login = (payload: unknown, remoteAddress = freshIp()) =>
	t.app.inject({
		method: 'POST',
		url: '/api/auth/login',
		payload: payload as object,
		remoteAddress
	});
const MINUTE = 60_000;

describe('POST /api/auth/login', () => {
	it('returns a token that /api/auth/me accepts', async () => {
		const res = await login(TEST_ADMIN);
		expect(res.statusCode).toBe(200);
		const { token } = res.json();
		const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
		expect(me.statusCode).toBe(200);
		expect(me.json()).toMatchObject({
			email: TEST_ADMIN.email,
			role: 'admin',
			mustChangePassword: false
		});
	});

	it('accepts the email in any case', async () => {
		const res = await login({ ...TEST_ADMIN, email: TEST_ADMIN.email.toUpperCase() });
		expect(res.statusCode).toBe(200);
	});

	it('answers a wrong password and an unknown email with the same 401 LOGIN_FAILED', async () => {
		const wrong = await login({ email: TEST_ADMIN.email, password: 'not the password' });
		const unknown = await login({ email: 'nobody@test.allot', password: 'not the password' });
		expectProblem(wrong, 401, 'LOGIN_FAILED');
		expectProblem(unknown, 401, 'LOGIN_FAILED');
		expect(wrong.json().detail).toBe(unknown.json().detail);
	});

	it('refuses a malformed body with 400 VALIDATION_FAILED', async () => {
		expectProblem(await login({ email: TEST_ADMIN.email }), 400, 'VALIDATION_FAILED');
	});

	it('locks an account after 5 failures, even for the right password, until the lock ends', async () => {
		const staff = await staffToken(t, 'reviewer');
		for (let i = 0; i < 5; i++) {
			expectProblem(
				await login({ email: staff.email, password: 'wrong password!' }),
				401,
				'LOGIN_FAILED'
			);
		}
		const locked = await login({ email: staff.email, password: staff.password });
		expectProblem(locked, 429, 'LOCKED_OUT');
		expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
		t.clock.advance(16 * MINUTE);
		expect((await login({ email: staff.email, password: staff.password })).statusCode).toBe(200);
	});

	it('locks an unknown email the same way, so lockouts do not reveal accounts', async () => {
		for (let i = 0; i < 5; i++)
			await login({ email: 'ghost@test.allot', password: 'wrong password!' });
		expectProblem(await login({ email: 'ghost@test.allot', password: 'x' }), 429, 'LOCKED_OUT');
	});

	it('locks an address that fails on many accounts, and only that address', async () => {
		const ip = freshIp();
		for (let i = 0; i < 20; i++) {
			// spaced out, so the per-minute rate limit is not what stops them
			t.clock.advance(7_000);
			expectProblem(
				await login({ email: `someone${i}@test.allot`, password: 'guess' }, ip),
				401,
				'LOGIN_FAILED'
			);
		}
		expectProblem(await login(TEST_ADMIN, ip), 429, 'LOCKED_OUT');
		expect((await login(TEST_ADMIN)).statusCode).toBe(200);
	});

	it('rate-limits bursts from one address with 429 RATE_LIMITED', async () => {
		const ip = freshIp();
		const codes: number[] = [];
		for (let i = 0; i < 11; i++)
			codes.push((await login({ email: 'a@b.c', password: 'p' }, ip)).statusCode);
		expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
		const limited = await login(TEST_ADMIN, ip);
		expectProblem(limited, 429, 'RATE_LIMITED');
		expect(limited.headers['retry-after']).toBeDefined();
		t.clock.advance(20 * MINUTE);
	});

	it('refuses a disabled account with LOGIN_FAILED and its existing tokens with TOKEN_INVALID', async () => {
		const staff = await staffToken(t, 'moderator');
		const before = await t.app.inject({
			method: 'GET',
			url: '/api/auth/me',
			headers: bearer(staff.token)
		});
		expect(before.statusCode).toBe(200);
		const disable = await t.app.inject({
			method: 'PATCH',
			url: `/api/staff/${staff.id}`,
			headers: bearer(await adminToken(t)),
			payload: { disabled: true }
		});
		expect(disable.statusCode).toBe(200);
		const after = await t.app.inject({
			method: 'GET',
			url: '/api/auth/me',
			headers: bearer(staff.token)
		});
		expectProblem(after, 401, 'TOKEN_INVALID');
		expectProblem(
			await login({ email: staff.email, password: staff.password }),
			401,
			'LOGIN_FAILED'
		);
	});
});

describe('GET /api/auth/me', () => {
	it('asks for a token with 401 UNAUTHENTICATED', async () => {
		expectProblem(
			await t.app.inject({ method: 'GET', url: '/api/auth/me' }),
			401,
			'UNAUTHENTICATED'
		);
	});

	it('refuses a forged, unsigned or foreign-issuer token with 401 TOKEN_INVALID', async () => {
		const admin = await adminToken(t);
		const [header, payload] = admin.split('.');
		const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
		const foreign = t.app.jwt.sign(
			{ sub: 'x', kind: 'staff', role: 'admin' },
			{ iss: 'someone-else' }
		);
		for (const token of [`${header}.${payload}.bad-signature`, none, foreign]) {
			const res = await t.app.inject({
				method: 'GET',
				url: '/api/auth/me',
				headers: bearer(token)
			});
			expectProblem(res, 401, 'TOKEN_INVALID');
		}
	});

	it('uses the current role, not the one in the token', async () => {
		const staff = await staffToken(t, 'reviewer');
		await t.app.inject({
			method: 'PATCH',
			url: `/api/staff/${staff.id}`,
			headers: bearer(await adminToken(t)),
			payload: { role: 'moderator' }
		});
		const me = await t.app.inject({
			method: 'GET',
			url: '/api/auth/me',
			headers: bearer(staff.token)
		});
		expect(me.json().role).toBe('moderator');
	});

	it('answers a voter token with 403 FORBIDDEN', async () => {
		const voter = t.app.jwt.sign({ sub: 'v1', kind: 'voter', cycle: 'c1', channel: 'online' });
		const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(voter) });
		expectProblem(res, 403, 'FORBIDDEN');
	});
});

describe('POST /api/auth/password', () => {
	it('replaces a temporary password', async () => {
		const staff = await staffToken(t, 'reviewer');
		const me = () =>
			t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(staff.token) });
		expect((await me()).json().mustChangePassword).toBe(true);
		const newPassword = 'a much better passphrase';
		const res = await t.app.inject({
			method: 'POST',
			url: '/api/auth/password',
			headers: bearer(staff.token),
			payload: { currentPassword: staff.password, newPassword }
		});
		expect(res.statusCode).toBe(204);
		expect((await me()).json().mustChangePassword).toBe(false);
		expect((await login({ email: staff.email, password: newPassword })).statusCode).toBe(200);
	});

	it('refuses a wrong current password or a short new one, changing nothing', async () => {
		const staff = await staffToken(t, 'reviewer');
		const change = (payload: object) =>
			t.app.inject({
				method: 'POST',
				url: '/api/auth/password',
				headers: bearer(staff.token),
				payload,
				remoteAddress: freshIp()
			});
		await expectNoChange(t, async () => {
			expectProblem(
				await change({ currentPassword: 'wrong', newPassword: 'long enough password' }),
				400,
				'VALIDATION_FAILED'
			);
			expectProblem(
				await change({ currentPassword: staff.password, newPassword: 'short' }),
				400,
				'VALIDATION_FAILED'
			);
		});
		expectProblem(
			await t.app.inject({
				method: 'POST',
				url: '/api/auth/password',
				payload: { currentPassword: 'x', newPassword: 'y'.repeat(12) }
			}),
			401,
			'UNAUTHENTICATED'
		);
	});
});
