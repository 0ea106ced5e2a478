import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/src/config.ts';
import { startServer, type StartedServer } from '../../api/src/server.ts';
import { freePort } from '../../scripts/chaos/pg-cluster.ts';

/**
 * The web pages (SvelteKit, served on the API's port) carry a strict CSP of their own and the
 * same security headers as the API. Needs the web build (`npm run build`, run by npm install).
 */

const handlerPath = fileURLToPath(new URL('../../web/build/handler.js', import.meta.url));
const built = existsSync(handlerPath);

let server: StartedServer | undefined;
let base = '';
beforeAll(async () => {
	if (!built) return;
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	process.env.ALLOT_API_ORIGIN = base;
	const { handler } = await import(handlerPath);
	server = await startServer(
		loadConfig({
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: 'memory://web-headers',
			LOG_LEVEL: 'silent',
			JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789'
		}),
		handler
	);
}, 120_000);
afterAll(() => server?.close());

describe.skipIf(!built)('web pages', () => {
	it.each(['/', '/staff/login', '/no-such-page'])(
		'%s carries a strict CSP and the security headers',
		async (path) => {
			const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(30_000) });
			expect(res.headers.get('content-type')).toMatch(/text\/html/);
			if (res.status === 200) {
				const csp = res.headers.get('content-security-policy') ?? '';
				expect(csp).toContain("base-uri 'none'");
				expect(csp).toContain("frame-ancestors 'none'");
				expect(csp).toContain("object-src 'none'");
				expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'(;|$)/);
				expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
			}
			expect(res.headers.get('x-frame-options')).toBe('DENY');
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			// same-origin: no referrer leaves the site, yet plain form posts keep their Origin header
			// (under no-referrer browsers send `Origin: null` and the no-JS vote was refused).
			expect(res.headers.get('referrer-policy')).toBe('same-origin');
			expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
			expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
			expect(res.headers.get('x-powered-by')).toBeNull();
			// One CSP only: Kit's. A second (helmet's, without the nonce) would block its bootstrap.
			expect(
				(res.headers.get('content-security-policy') ?? '').split('default-src').length
			).toBeLessThanOrEqual(2);
		}
	);
});
