import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';

let t: TestContext;
beforeAll(async () => {
	t = await createTestApp();
});
afterAll(() => t.close());

describe('health and conventions', () => {
	it('answers health with the engine in use', async () => {
		const res = await t.app.inject({ method: 'GET', url: '/api/health' });
		expect(res.statusCode).toBe(200);
		expect(res.json()).toEqual({ status: 'ok', database: t.db.kind });
	});

	it('answers an unknown route with a problem+json 404', async () => {
		const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
		expect(res.statusCode).toBe(404);
		expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
		expect(res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
	});

	it('sets strict security headers', async () => {
		const res = await t.app.inject({ method: 'GET', url: '/api/health' });
		expect(res.headers['content-security-policy']).toContain("base-uri 'none'");
		expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
		expect(res.headers['x-content-type-options']).toBe('nosniff');
	});

	it('publishes an OpenAPI document with the health route', async () => {
		const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
		expect(res.statusCode).toBe(200);
		const doc = res.json();
		expect(doc.openapi).toMatch(/^3\./);
		expect(doc.paths['/api/health'].get.responses['200']).toBeDefined();
	});

	it('serves the docs UI', async () => {
		const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
		expect([200, 302]).toContain(res.statusCode);
	});

	it('lists the cycles (none yet) and 404s an unknown cycle', async () => {
		const list = await t.app.inject({ method: 'GET', url: '/api/cycles' });
		expect(list.json()).toEqual({ items: [] });
		const one = await t.app.inject({ method: 'GET', url: '/api/cycles/nope' });
		expect(one.statusCode).toBe(404);
		expect(one.json().code).toBe('NOT_FOUND');
	});
});
