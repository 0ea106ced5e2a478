import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { DbHandle } from './client.ts';

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

// Any fixed number: replicas starting together take turns instead of racing on the same DDL.
const MIGRATION_LOCK = 4_217_001;

/** Applies the committed SQL migrations. The one function start, tests and CI all use. */
export async function migrate(handle: DbHandle): Promise<void> {
	if (handle.driver.kind === 'pglite') {
		await migratePglite(drizzlePglite(handle.driver.client), { migrationsFolder });
		return;
	}
	const client = await handle.driver.pool.connect();
	try {
		await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
		await migratePg(drizzlePg(client), { migrationsFolder });
	} finally {
		await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
		client.release();
	}
}
