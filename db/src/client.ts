import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { mkdirSync } from 'node:fs';
import pg from 'pg';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** One drizzle type for both engines: repos never know which one they run on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;
export type DbKind = 'pglite' | 'postgres';

export interface DbHandle {
	db: Db;
	kind: DbKind;
	/** the underlying driver, for migrations and raw maintenance only */
	driver: { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; pool: pg.Pool };
	close(): Promise<void>;
}

export interface DbOptions {
	/** postgres://… selects node-postgres; unset selects embedded PGlite */
	url?: string;
	/** PGlite data directory; `memory://` (the default) keeps everything in memory */
	dataDir?: string;
	/** node-postgres pool size */
	poolSize?: number;
}

// Postgres returns bigint (int8) as a string to avoid precision loss. Our money columns are
// bigint with mode 'number' and stay far below 2^53 (90 trillion dollars), so parse them.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** Opens the database: PGlite when no URL is given, a node-postgres pool otherwise. */
export async function createDb(options: DbOptions = {}): Promise<DbHandle> {
	const config = { schema, casing: 'snake_case' as const };
	if (options.url) {
		const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
		// A connection dies when the server restarts or kills it. Its running query fails (and
		// the request with it), the pool drops it and opens a new one on demand. Without these
		// listeners the 'error' event, on the pool for an idle client or on a client checked out
		// for a transaction, is uncaught and the whole process exits (found by test:chaos).
		pool.on('error', () => {});
		pool.on('connect', (client) => client.on('error', () => {}));
		const db = drizzlePg(pool, config) as unknown as Db;
		return { db, kind: 'postgres', driver: { kind: 'postgres', pool }, close: () => pool.end() };
	}
	const dataDir = options.dataDir ?? 'memory://';
	if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
	const client = await PGlite.create(dataDir);
	const db = drizzlePglite(client, config) as unknown as Db;
	return { db, kind: 'pglite', driver: { kind: 'pglite', client }, close: () => client.close() };
}
