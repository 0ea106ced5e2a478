import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { expectProblem } from '../helpers/factories.ts';

/**
 * The HTTP baseline every API answer carries (DESIGN "Security baseline"): helmet headers with a
 * strict CSP, CORS closed unless CORS_ORIGINS names an origin, and load shed with 503 problems.
 */

const FOREIGN = 'https://evil.example';

describe('security headers', () => {
	let t: TestContext;
	beforeAll(async () => {
		t = await createTestApp();
	});
	afterAll(() => t.close());

	it.each([
		['GET', '/api/health'],
		['GET', '/api/cycles'],
		['GET', '/api/no-such-route'],
		['POST', '/api/auth/login']
	])('%s %s carries a strict CSP, no framing, nosniff and no referrer', async (method, url) => {
		const res = await t.app.inject({
			method: method as 'GET',
			url,
			payload: method === 'POST' ? '{' : undefined,
			headers: method === 'POST' ? { 'content-type': 'application/json' } : {}
		});
		const csp = String(res.headers['content-security-policy']);
		expect(csp).toContain("base-uri 'none'");
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("object-src 'none'");
		expect(csp).toContain("default-src 'self'");
		expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
		expect(res.headers['x-frame-options']).toBe('DENY');
		expect(res.headers['x-content-type-options']).toBe('nosniff');
		expect(res.headers['referrer-policy']).toBe('no-referrer');
		expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
		expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
		expect(res.headers['x-powered-by']).toBeUndefined();
	});
});

describe('router errors', () => {
	it('answers a path parameter over 100 characters and a malformed URL with problem+json', async () => {
		const t = await createTestApp();
		try {
			const long = await t.app.inject({ method: 'GET', url: `/api/cycles/${'x'.repeat(300)}` });
			expectProblem(long, 414, 'VALIDATION_FAILED');
			const bad = await t.app.inject({ method: 'GET', url: '/api/cycles/%E0%A4%A' });
			expect(bad.statusCode).toBe(400);
			expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
		} finally {
			await t.close();
		}
	});
});

describe('CORS', () => {
	it('is closed by default: no Access-Control-Allow-Origin for a foreign origin, no preflight', async () => {
		const t = await createTestApp();
		try {
			const get = await t.app.inject({
				method: 'GET',
				url: '/api/cycles',
				headers: { origin: FOREIGN }
			});
			expect(get.statusCode).toBe(200);
			expect(get.headers['access-control-allow-origin']).toBeUndefined();
			const preflight = await t.app.inject({
				method: 'OPTIONS',
				url: '/api/cycles',
				headers: { origin: FOREIGN, 'access-control-request-method': 'POST' }
			});
			expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
			expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
		} finally {
			await t.close();
		}
	});

	it('opens to exactly the origins in CORS_ORIGINS, without credentials', async () => {
		const t = await createTestApp({ CORS_ORIGINS: 'https://city.example, https://other.example/' });
		try {
			for (const origin of ['https://city.example', 'https://other.example']) {
				const res = await t.app.inject({ method: 'GET', url: '/api/cycles', headers: { origin } });
				expect(res.headers['access-control-allow-origin']).toBe(origin);
				expect(res.headers['access-control-allow-credentials']).toBeUndefined();
			}
			const preflight = await t.app.inject({
				method: 'OPTIONS',
				url: '/api/cycles',
				headers: { origin: 'https://city.example', 'access-control-request-method': 'POST' }
			});
			expect(preflight.statusCode).toBe(204);
			expect(preflight.headers['access-control-allow-origin']).toBe('https://city.example');
			for (const origin of [FOREIGN, 'https://city.example.evil.example', 'http://city.example']) {
				const res = await t.app.inject({ method: 'GET', url: '/api/cycles', headers: { origin } });
				expect(res.headers['access-control-allow-origin'], origin).toBeUndefined();
			}
		} finally {
			await t.close();
		}
	});
});

describe('load shedding', () => {
	it('answers 503 OVERLOADED with Retry-After past OVERLOAD_MAX_IN_FLIGHT, and recovers', async () => {
		const t = await createTestApp({
			OVERLOAD_MAX_IN_FLIGHT: '3',
			OVERLOAD_RETRY_AFTER_SECONDS: '7'
		});
		try {
			const burst = await Promise.all(
				Array.from({ length: 30 }, () => t.app.inject({ method: 'GET', url: '/api/cycles' }))
			);
			const shed = burst.filter((r) => r.statusCode === 503);
			expect(shed.length).toBeGreaterThan(0);
			expect(burst.every((r) => r.statusCode === 200 || r.statusCode === 503)).toBe(true);
			for (const r of shed) {
				expectProblem(r, 503, 'OVERLOADED');
				expect(r.headers['retry-after']).toBe('7');
				// A refusal is an answer like any other: it carries the security headers too.
				expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
				expect(r.headers['x-content-type-options']).toBe('nosniff');
			}
			// Every answered request gave its slot back: sequential requests all pass again.
			for (let i = 0; i < 10; i++) {
				expect((await t.app.inject({ method: 'GET', url: '/api/cycles' })).statusCode).toBe(200);
			}
		} finally {
			await t.close();
		}
	});

	it('never sheds the health check', async () => {
		const t = await createTestApp({ OVERLOAD_MAX_IN_FLIGHT: '1' });
		try {
			const burst = await Promise.all(
				Array.from({ length: 20 }, () => t.app.inject({ method: 'GET', url: '/api/health' }))
			);
			expect(burst.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
		} finally {
			await t.close();
		}
	});
});
