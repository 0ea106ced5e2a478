#!/usr/bin/env tsx
/**
 * `npm start`: migrate, seed the demo on first run, serve API + web on one port.
 * Builds the web app first if no build exists (a fresh clone after `npm install` has one).
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../api/src/config.ts';
import { closeOnSignals, startServer } from '../api/src/server.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const handlerPath = `${root}web/build/handler.js`;
if (!existsSync(handlerPath)) {
	console.log('allot: building the web app (first run)…');
	execSync('npm run build', { cwd: root, stdio: 'inherit' });
}

/**
 * On the embedded database, keep a generated JWT secret beside the data so staff and voter
 * sessions survive a restart. A server deployment (DATABASE_URL) must set JWT_SECRET itself,
 * shared by all replicas.
 */
function embeddedJwtSecret(dataDir: string): string {
	const file = `${dataDir}/jwt-secret`;
	if (existsSync(file)) return readFileSync(file, 'utf8').trim();
	mkdirSync(dataDir, { recursive: true });
	const secret = randomBytes(32).toString('base64url');
	writeFileSync(file, secret, { mode: 0o600 });
	return secret;
}

const env = { ...process.env };
if (!env.JWT_SECRET && !env.DATABASE_URL) env.JWT_SECRET = embeddedJwtSecret(env.DATA_DIR || './.data');
const config = loadConfig(env);
// The web tier's server-side loads call the API over loopback on the same port.
process.env.ALLOT_API_ORIGIN ??= `http://127.0.0.1:${config.PORT}`;
const { handler } = (await import(handlerPath)) as { handler: Parameters<typeof startServer>[1] };
const server = await startServer(config, handler);
closeOnSignals(server, (m) => console.log(`allot: ${m}`));

const lines = [
	`allot is running at ${server.url} (database: ${server.db.kind}${server.db.kind === 'pglite' ? `, data in ${config.DATA_DIR}` : ''})`,
	server.seeded ? 'seeded the demo cycle "Youth Lead the Change 2027"' : undefined,
	`staff login: ${server.admin.email}` +
		(server.admin.generatedPassword
			? ` / ${server.admin.generatedPassword}  (shown once: note it now)`
			: server.admin.created
				? ' (password from ALLOT_ADMIN_PASSWORD)'
				: ' (password as set at first start)'),
	config.jwtSecretGenerated ? 'JWT_SECRET not set: sessions end when the process stops' : undefined
];
for (const line of lines) if (line) console.log(`allot: ${line}`);
