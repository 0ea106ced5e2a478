import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestContext } from './app.ts';
import { adminToken, bearer } from './factories.ts';

/** Plain-function helpers for the voting tests (issue 5), on top of the cycle factories. */

/** A stated birth date of someone aged `age` on the test cycles' asOf (2027-04-01). */
export const bornAged = (age: number) => `${2027 - age}-01-15`;

export const eligible = (overrides: Record<string, unknown> = {}) => ({
	birthDate: bornAged(16),
	residency: { basis: 'live', neighborhood: 'Roxbury' },
	...overrides
});

let address = 0;
/** A client address no other request of the run used (lockouts are per address). */
export const freshAddress = () => {
	address++;
	return `198.${18 + (Math.floor(address / 65_536) % 2)}.${Math.floor(address / 256) % 256}.${address % 256}`;
};

/** Generates `count` access codes as the admin; returns the plain codes. */
export async function generateCodes(
	t: TestContext,
	slug: string,
	count: number,
	label = 'Test batch'
) {
	const res = await t.app.inject({
		method: 'POST',
		url: `/api/cycles/${slug}/access-codes`,
		headers: bearer(await adminToken(t)),
		payload: { count, label }
	});
	expect(res.statusCode, res.body).toBe(201);
	return res.json() as { batchId: string; codes: string[] };
}

export function redeem(
	t: TestContext,
	slug: string,
	code: string,
	facts: Record<string, unknown> = eligible(),
	remoteAddress = '203.0.113.7'
): Promise<LightMyRequestResponse> {
	return t.app.inject({
		method: 'POST',
		url: `/api/cycles/${slug}/voters`,
		payload: { code, ...facts },
		remoteAddress
	});
}

/** Redeems a fresh code from a fresh address; returns the voter token. */
export async function newVoter(t: TestContext, slug: string, code: string, facts = eligible()) {
	const res = await redeem(t, slug, code, facts, freshAddress());
	expect(res.statusCode, res.body).toBe(201);
	return res.json().token as string;
}

export function putBallot(
	t: TestContext,
	slug: string,
	token: string,
	ballot: Record<string, unknown>
) {
	return t.app.inject({
		method: 'PUT',
		url: `/api/cycles/${slug}/ballot`,
		headers: bearer(token),
		payload: ballot
	});
}

export function getBallot(t: TestContext, slug: string, token: string) {
	return t.app.inject({ method: 'GET', url: `/api/cycles/${slug}/ballot`, headers: bearer(token) });
}

/** POST as the admin; returns the response (not asserted). */
export async function adminPost(t: TestContext, url: string, payload?: unknown) {
	return t.app.inject({
		method: 'POST',
		url,
		headers: bearer(await adminToken(t)),
		...(payload === undefined ? {} : { payload: payload as object })
	});
}

export async function adminGet(t: TestContext, url: string) {
	return t.app.inject({ method: 'GET', url, headers: bearer(await adminToken(t)) });
}
