import type { StaffRole } from '@allot/shared/domain/policy';
import { sql, type SQL } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { TEST_ADMIN, type TestContext } from './app.ts';

/** Plain-function factories for integration tests: each drives the real API through inject. */

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

let counter = 0;
/** A slug no other test in the run uses. */
export const uniqueSlug = (prefix = 'cycle') =>
	`${prefix}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

/** Asserts a problem+json answer with the given status and stable code. */
export function expectProblem(res: LightMyRequestResponse, status: number, code: string) {
	expect(res.headers['content-type'], res.body).toMatch(/^application\/problem\+json/);
	expect({ status: res.statusCode, code: res.json().code }, res.body).toEqual({ status, code });
}

const adminTokens = new WeakMap<TestContext, string>();

/** Signs in as TEST_ADMIN through POST /api/auth/login, once per test app. */
export async function adminToken(t: TestContext): Promise<string> {
	const cached = adminTokens.get(t);
	if (cached) return cached;
	const res = await t.app.inject({
		method: 'POST',
		url: '/api/auth/login',
		payload: TEST_ADMIN,
		remoteAddress: '10.0.0.1'
	});
	expect(res.statusCode, res.body).toBe(200);
	const token = res.json().token as string;
	adminTokens.set(t, token);
	return token;
}

/**
 * A staff account with `role` (invited by the admin through the API) and a token for it,
 * signed directly so tests do not spend the login rate limit.
 */
export async function staffToken(
	t: TestContext,
	role: StaffRole
): Promise<{ id: string; token: string; email: string; password: string }> {
	const email = `${role}-${++counter}@test.allot`;
	const res = await t.app.inject({
		method: 'POST',
		url: '/api/staff',
		headers: bearer(await adminToken(t)),
		payload: { email, displayName: `Test ${role}`, role }
	});
	expect(res.statusCode, res.body).toBe(201);
	const { staff, temporaryPassword } = res.json();
	const token = t.app.jwt.sign({ sub: staff.id, kind: 'staff', role });
	return { id: staff.id, token, email, password: temporaryPassword };
}

/** A valid POST /api/cycles body (the DESIGN contract), overridable field by field. */
export function cycleBody(overrides: Record<string, unknown> = {}) {
	return {
		slug: uniqueSlug(),
		name: 'Youth Lead the Change (test)',
		potCents: 1_000_000_00,
		currency: 'USD',
		ballot: { kind: 'ranked', maxRanks: 5 },
		allocation: { rule: 'greedy', score: 'pabulib-borda', tie: 'lexicographic' },
		eligibility: {
			minAge: 12,
			maxAge: 25,
			asOf: '2027-04-01',
			residency: ['live', 'work', 'school']
		},
		categories: ['parks', 'schools', 'streets'],
		neighborhoods: ['Dorchester', 'Roxbury'],
		...overrides
	};
}

/** Creates a cycle as the admin; returns the 201 body. */
export async function createCycle(t: TestContext, overrides: Record<string, unknown> = {}) {
	const res = await t.app.inject({
		method: 'POST',
		url: '/api/cycles',
		headers: bearer(await adminToken(t)),
		payload: cycleBody(overrides)
	});
	expect(res.statusCode, res.body).toBe(201);
	return res.json();
}

/** Adds a ballot project as the admin; returns the 201 body. */
export async function addProject(
	t: TestContext,
	slug: string,
	overrides: Record<string, unknown> = {}
) {
	const res = await t.app.inject({
		method: 'POST',
		url: `/api/cycles/${slug}/projects`,
		headers: bearer(await adminToken(t)),
		payload: {
			title: 'Lights for the skate park',
			description: 'LED lights',
			costCents: 100_000_00,
			...overrides
		}
	});
	expect(res.statusCode, res.body).toBe(201);
	return res.json();
}

/** Changes the phase as the admin; returns the response (not asserted). */
export async function changePhase(t: TestContext, slug: string, phase: string) {
	return t.app.inject({
		method: 'POST',
		url: `/api/cycles/${slug}/phase`,
		headers: bearer(await adminToken(t)),
		payload: { phase }
	});
}

/** Changes the phase and asserts it worked. */
export async function setPhase(t: TestContext, slug: string, phase: string) {
	const res = await changePhase(t, slug, phase);
	expect(res.statusCode, res.body).toBe(200);
	return res.json();
}

/**
 * A cycle open for voting with `projects` ballot projects (P01, P02, …): what the voting tests
 * start from. Overrides go to the cycle body (ballot rules, allocation, eligibility, pot).
 */
export async function votingCycle(
	t: TestContext,
	overrides: Record<string, unknown> = {},
	projects = 3
) {
	const cycle = await createCycle(t, overrides);
	for (let i = 0; i < projects; i++) {
		await addProject(t, cycle.slug, { title: `Project ${i + 1}`, costCents: (i + 1) * 100_000_00 });
	}
	return setPhase(t, cycle.slug, 'voting');
}

/**
 * Row count and a content hash of every table except the counters the rate limiter and
 * lockouts write: two equal snapshots mean a request changed nothing.
 */
export async function snapshot(t: TestContext): Promise<Record<string, string>> {
	// Both drivers answer execute() with { rows }; the shared Db type cannot say so.
	const rows = async <T>(query: SQL) =>
		((await t.deps.db.execute(query)) as unknown as { rows: T[] }).rows;
	const tables = await rows<{ name: string }>(
		sql`select tablename as name from pg_tables where schemaname = 'public' and tablename <> 'attempt_counters' order by 1`
	);
	const out: Record<string, string> = {};
	for (const { name } of tables) {
		const [row] = await rows<{ n: string | number; h: string }>(
			sql.raw(
				`select count(*) as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${name}" x`
			)
		);
		out[name] = `${row!.n}:${row!.h}`;
	}
	return out;
}

/** Runs `act` and asserts that no table changed. Returns what `act` returned. */
export async function expectNoChange<T>(t: TestContext, act: () => Promise<T>): Promise<T> {
	const before = await snapshot(t);
	const result = await act();
	expect(await snapshot(t)).toEqual(before);
	return result;
}

let ipCounter = 0;
/** A fresh client address, so per-address rate limits on public writes never trip in tests. */
export const freshIp = () => `198.51.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

/** Submits an idea (as a guest unless `token` is given); returns the 201 body. */
export async function submitIdea(
	t: TestContext,
	slug: string,
	overrides: Record<string, unknown> = {},
	token?: string
) {
	const res = await t.app.inject({
		method: 'POST',
		url: `/api/cycles/${slug}/ideas`,
		headers: token ? bearer(token) : {},
		remoteAddress: freshIp(),
		payload: {
			title: 'Lights for the skate park',
			description: 'It is dark by 5 pm in winter',
			...overrides
		}
	});
	expect(res.statusCode, res.body).toBe(201);
	return res.json();
}

/** Merges ideas into a proposal as the admin; returns the 201 body. */
export async function createProposal(
	t: TestContext,
	slug: string,
	ideaIds: string[],
	overrides: Record<string, unknown> = {}
) {
	const res = await t.app.inject({
		method: 'POST',
		url: `/api/cycles/${slug}/proposals`,
		headers: bearer(await adminToken(t)),
		payload: {
			title: 'Light up the parks',
			description: 'LED lights in two parks',
			ideaIds,
			...overrides
		}
	});
	expect(res.statusCode, res.body).toBe(201);
	return res.json();
}

/** Records a feasibility decision as the admin; returns the 200 body. */
export async function reviewProposal(
	t: TestContext,
	slug: string,
	proposalId: string,
	review: Record<string, unknown>
) {
	const res = await t.app.inject({
		method: 'POST',
		url: `/api/cycles/${slug}/proposals/${proposalId}/review`,
		headers: bearer(await adminToken(t)),
		payload: review
	});
	expect(res.statusCode, res.body).toBe(200);
	return res.json();
}
