import { spawn, execSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		adminEmail: string;
		adminPassword: string;
	}
}

const ADMIN = { email: 'e2e-admin@allot.test', password: 'e2e-password-long-enough' };

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
		});
	});
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
		const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
		if (ok) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`server did not answer ${url}/api/health within ${timeoutMs} ms`);
}

function buildWeb(root: string) {
	try {
		execSync('npm run build', { cwd: root, stdio: 'pipe' });
	} catch (err) {
		const output = (err as { stdout?: Buffer; stderr?: Buffer }).stdout?.toString() ?? '';
		throw new Error(`npm run build failed:\n${output.slice(-4000)}`, { cause: err });
	}
}

/**
 * Browser tests run against the real thing: a fresh build, `scripts/start.ts` on a free port with
 * an empty embedded database (so the demo is seeded) and known admin credentials.
 */
export default async function setup(project: TestProject) {
	const root = join(import.meta.dirname, '..', '..');
	if (process.env.E2E_SKIP_BUILD !== '1') buildWeb(root);
	const dataDir = mkdtempSync(join(tmpdir(), 'allot-e2e-'));
	const port = await freePort();
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			DATABASE_URL: '',
			ALLOT_ADMIN_EMAIL: ADMIN.email,
			ALLOT_ADMIN_PASSWORD: ADMIN.password,
			LOG_LEVEL: 'warn',
			// Every browser test signs staff in from 127.0.0.1; the production limit (10/min) would
			// turn the suite's own sign-ins into 429s.
			LOGIN_RATE_LIMIT_PER_MINUTE: '1000'
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
	const baseUrl = `http://127.0.0.1:${port}`;
	await waitForHealth(baseUrl, child, 60_000);
	project.provide('baseUrl', baseUrl);
	project.provide('adminEmail', ADMIN.email);
	project.provide('adminPassword', ADMIN.password);
	return async () => {
		child.kill('SIGTERM');
		await new Promise((r) => child.once('exit', r));
		rmSync(dataDir, { recursive: true, force: true });
	};
}
