import { createDb, migrate, type DbHandle } from '@allot/db';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a copy of the
 * migrated template on the real server when the run has one (TEST_DATABASE_URL / TEST_DOCKER).
 */
export async function freshDb(): Promise<DbHandle> {
	const templateUrl = inject('pgTemplateUrl');
	if (!templateUrl) {
		const handle = await createDb();
		await migrate(handle);
		return handle;
	}
	const template = new URL(templateUrl);
	const name = `allot_t_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: templateUrl });
	await admin.connect();
	await admin.query(`create database ${name} template ${template.pathname.slice(1)}`);
	await admin.end();
	const url = new URL(templateUrl);
	url.pathname = `/${name}`;
	const handle = await createDb({ url: url.toString(), poolSize: 10 });
	return {
		...handle,
		close: async () => {
			await handle.close();
			const cleanup = new pg.Client({ connectionString: templateUrl });
			await cleanup.connect();
			await cleanup.query(`drop database if exists ${name} with (force)`);
			await cleanup.end();
		}
	};
}
