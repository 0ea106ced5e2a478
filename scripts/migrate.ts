#!/usr/bin/env tsx
/** `npm run migrate`: apply the committed migrations to DATABASE_URL or the embedded database. */
import { createDb, migrate } from '@allot/db';
import { loadConfig } from '../api/src/config.ts';

const config = loadConfig();
const db = await createDb({ url: config.DATABASE_URL, dataDir: config.DATABASE_URL ? undefined : `${config.DATA_DIR}/pglite` });
await migrate(db);
await db.close();
console.log(`migrated (${db.kind})`);
