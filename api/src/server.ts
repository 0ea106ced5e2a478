import { createDb, migrate, type DbHandle } from '@allot/db';
import closeWithGrace from 'close-with-grace';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { buildApp } from './app.ts';
import { startAttemptCleanup } from './modules/auth/attempts.cleanup.ts';
import { webHeaders } from './plugins/security-headers.ts';
import type { Config } from './config.ts';
import { ensureAdmin, seedDemo, type AdminBootstrap } from './seed/seed.ts';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

export interface StartedServer {
	url: string;
	db: DbHandle;
	admin: AdminBootstrap;
	seeded: boolean;
	close(): Promise<void>;
}

/**
 * One port for everything: Fastify answers /api/*, the SvelteKit handler (adapter-node build)
 * answers the rest, falling back to Fastify's 404 problem for anything it does not know.
 */
function oneServer(web: NodeHandler | undefined) {
	return (apiHandler: (req: IncomingMessage, res: ServerResponse) => void) =>
		createServer((req, res) => {
			if (!web || req.url === '/api' || req.url?.startsWith('/api/')) return apiHandler(req, res);
			webHeaders(req, res, () => web(req, res, () => apiHandler(req, res)));
		});
}

export async function startServer(config: Config, web?: NodeHandler): Promise<StartedServer> {
	const db = await createDb({
		url: config.DATABASE_URL,
		dataDir: config.DATABASE_URL ? undefined : `${config.DATA_DIR}/pglite`,
		poolSize: config.DATABASE_POOL_SIZE
	});
	await migrate(db);
	const now = new Date();
	const admin = await ensureAdmin(db.db, config, now);
	const deps = { db: db.db, dbKind: db.kind, config, now: () => new Date() };
	const seeded = config.ALLOT_NO_SEED ? false : await seedDemo(deps, admin.email);
	const app = await buildApp(deps, {
		logger: { level: config.LOG_LEVEL },
		serverFactory: oneServer(web)
	});
	await app.listen({ port: config.PORT, host: config.HOST });
	const stopCleanup = startAttemptCleanup(deps, app.log);
	const address = app.server.address();
	const port = typeof address === 'object' && address ? address.port : config.PORT;
	const close = async () => {
		await stopCleanup();
		await app.close();
		await db.close();
	};
	return { url: `http://localhost:${port}`, db, admin, seeded, close };
}

/** Closes the server and database cleanly on SIGTERM/SIGINT, giving requests 10 s to finish. */
export function closeOnSignals(server: StartedServer, log: (msg: string) => void) {
	closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
		if (err) log(`shutting down after error: ${err.message}`);
		else log(`received ${signal}, shutting down`);
		await server.close();
	});
}
