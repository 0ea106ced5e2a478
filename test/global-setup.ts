import { createDb, migrate } from '@allot/db';
import type { TestProject } from 'vitest/node';
import pg from 'pg';

declare module 'vitest' {
	export interface ProvidedContext {
		/** URL of a migrated template database on a real server, or '' to use PGlite */
		pgTemplateUrl: string;
	}
}

const TEMPLATE = `allot_template_${process.pid}`;

/** Replaces the database name in a postgres URL. */
export function withDatabase(url: string, database: string): string {
	const u = new URL(url);
	u.pathname = `/${database}`;
	return u.toString();
}

async function startContainer(): Promise<{ url: string; stop: () => Promise<unknown> }> {
	const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
	const container = await new PostgreSqlContainer('postgres:17-alpine')
		.withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'])
		.start();
	return { url: container.getConnectionUri(), stop: () => container.stop() };
}

/**
 * Integration tests run on PGlite by default (each file migrates its own in-memory database).
 * With TEST_DATABASE_URL (or TEST_DOCKER=1 and a Docker engine) they run on a real server: one
 * migrated template here, one `CREATE DATABASE … TEMPLATE` copy per test file (immich's way).
 */
export default async function setup(project: TestProject) {
	const container = process.env.TEST_DOCKER === '1' ? await startContainer() : undefined;
	const serverUrl = container?.url ?? process.env.TEST_DATABASE_URL;
	if (!serverUrl) {
		project.provide('pgTemplateUrl', '');
		return;
	}
	const admin = new pg.Client({ connectionString: serverUrl });
	await admin.connect();
	await admin.query(`drop database if exists ${TEMPLATE}`);
	await admin.query(`create database ${TEMPLATE}`);
	const templateUrl = withDatabase(serverUrl, TEMPLATE);
	const handle = await createDb({ url: templateUrl, poolSize: 1 });
	await migrate(handle);
	await handle.close();
	project.provide('pgTemplateUrl', templateUrl);
	return async () => {
		await admin.query(`drop database if exists ${TEMPLATE} with (force)`);
		await admin.end();
		await container?.stop();
	};
}
