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

const staff = async (
	method: 'GET' | 'POST' | 'PATCH',
	url = '',
	payload?: object,
	token?: string
) =>
	t.app.inject({
		method,
		url: `/api/staff${url}`,
		headers: bearer(token ?? (await adminToken(t))),
		payload
	});
const invite = {
	email: 'New.Reviewer@City.example',
	displayName: 'New Reviewer',
	role: 'reviewer'
};

describe('/api/staff', () => {
	it('invites a member with a temporary password that signs in once shown', async () => {
		const res = await staff('POST', '', invite);
		expect(res.statusCode).toBe(201);
		const { staff: member, temporaryPassword } = res.json();
		expect(member).toMatchObject({
			email: 'new.reviewer@city.example',
			role: 'reviewer',
			disabled: false,
			disabledAt: null
		});
		expect(temporaryPassword).toMatch(/^[\w-]{20,}$/);
		const login = await t.app.inject({
			method: 'POST',
			url: '/api/auth/login',
			payload: { email: member.email, password: temporaryPassword },
			remoteAddress: '203.0.113.9'
		});
		expect(login.statusCode).toBe(200);
		const list = (await staff('GET')).json().items;
		expect(list.map((s: { email: string }) => s.email)).toEqual([TEST_ADMIN.email, member.email]);
		expect(JSON.stringify(list)).not.toMatch(/password/i);
	});

	it('answers a taken email (any case) with 409 EMAIL_TAKEN, writing nothing', async () => {
		await expectNoChange(t, async () =>
			expectProblem(
				await staff('POST', '', { ...invite, email: TEST_ADMIN.email.toUpperCase() }),
				409,
				'EMAIL_TAKEN'
			)
		);
	});

	it.each([
		['an unknown role', { ...invite, email: 'x@city.example', role: 'mayor' }],
		['a malformed email', { ...invite, email: 'not-an-email' }],
		['no display name', { ...invite, email: 'y@city.example', displayName: ' ' }]
	])('refuses %s with 400 VALIDATION_FAILED, writing nothing', async (_name, body) => {
		await expectNoChange(t, async () =>
			expectProblem(await staff('POST', '', body), 400, 'VALIDATION_FAILED')
		);
	});

	it('changes a role, disables and re-enables a member, each audited', async () => {
		const member = await staffToken(t, 'moderator');
		const changed = await staff('PATCH', `/${member.id}`, {
			role: 'reviewer',
			displayName: 'Renamed'
		});
		expect(changed.json()).toMatchObject({
			role: 'reviewer',
			displayName: 'Renamed',
			disabled: false
		});
		const disabled = await staff('PATCH', `/${member.id}`, { disabled: true });
		expect(disabled.json()).toMatchObject({
			disabled: true,
			disabledAt: t.clock.now.toISOString()
		});
		expect((await staff('PATCH', `/${member.id}`, { disabled: false })).json().disabled).toBe(
			false
		);
		const log = (
			await t.app.inject({
				method: 'GET',
				url: '/api/audit?limit=3',
				headers: bearer(await adminToken(t))
			})
		).json();
		expect(log.items.map((e: { action: string }) => e.action)).toEqual([
			'staff.update',
			'staff.update',
			'staff.update'
		]);
	});

	it('refuses to let admins disable or demote themselves (409), writing nothing', async () => {
		const me = (
			await t.app.inject({
				method: 'GET',
				url: '/api/auth/me',
				headers: bearer(await adminToken(t))
			})
		).json();
		await expectNoChange(t, async () => {
			expectProblem(await staff('PATCH', `/${me.id}`, { disabled: true }), 409, 'CONFLICT');
			expectProblem(await staff('PATCH', `/${me.id}`, { role: 'reviewer' }), 409, 'CONFLICT');
		});
	});

	it('answers unknown members (404), bad ids (400), guests (401) and non-admins (403), writing nothing', async () => {
		const reviewer = await staffToken(t, 'reviewer');
		await expectNoChange(t, async () => {
			expectProblem(
				await staff('PATCH', `/${crypto.randomUUID()}`, { role: 'admin' }),
				404,
				'NOT_FOUND'
			);
			expectProblem(
				await staff('PATCH', '/not-a-uuid', { role: 'admin' }),
				400,
				'VALIDATION_FAILED'
			);
			expectProblem(
				await staff('PATCH', `/${reviewer.id}`, { role: 'admin' }, reviewer.token),
				403,
				'FORBIDDEN'
			);
			expectProblem(await staff('GET', '', undefined, reviewer.token), 403, 'FORBIDDEN');
			expectProblem(await staff('POST', '', invite, reviewer.token), 403, 'FORBIDDEN');
			expectProblem(
				await t.app.inject({ method: 'GET', url: '/api/staff' }),
				401,
				'UNAUTHENTICATED'
			);
		});
	});
});
