import type { DbHandle } from '@allot/db';
import { buildApp, loadConfig, type App, type Config, type Deps } from '@allot/api';
import { ensureAdmin } from '../../api/src/seed/seed.ts';
import { freshDb } from './db.ts';

export const TEST_ADMIN = { email: 'admin@test.allot', password: 'correct horse battery staple' };

export interface TestContext {
	app: App;
	db: DbHandle;
	deps: Deps;
	config: Config;
	/** moves the injected clock */
	clock: { now: Date; advance(ms: number): void };
	close(): Promise<void>;
}

/** Builds the real app on a fresh database with a known admin; tests drive it with app.inject. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestContext> {
	const db = await freshDb();
	const config = loadConfig({
		JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
		ALLOT_ADMIN_EMAIL: TEST_ADMIN.email,
		ALLOT_ADMIN_PASSWORD: TEST_ADMIN.password,
		LOG_LEVEL: 'silent',
		...env
	});
	const clock = {
		now: new Date('2027-04-15T12:00:00Z'),
		advance(ms: number) {
			this.now = new Date(this.now.getTime() + ms);
		}
	};
	const deps: Deps = { db: db.db, dbKind: db.kind, config, now: () => clock.now };
	await ensureAdmin(db.db, config, clock.now);
	const app = await buildApp(deps);
	await app.ready();
	return {
		app,
		db,
		deps,
		config,
		clock,
		close: async () => {
			await app.close();
			await db.close();
		}
	};
}
