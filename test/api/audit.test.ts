import { createDb, migrate, type DbHandle } from '@allot/db';
import { sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../scripts/cli/audit.ts';
import { appendAudit } from '../../api/src/modules/audit/audit.repo.ts';
import { verifyAuditLog } from '../../api/src/modules/audit/audit.service.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import {
	addProject,
	adminToken,
	bearer,
	createCycle,
	expectProblem,
	staffToken
} from '../helpers/factories.ts';

let t: TestContext;
beforeAll(async () => {
	t = await createTestApp();
});
afterAll(() => t.close());
afterEach(() => vi.restoreAllMocks());

const audit = async (query = '', token?: string) =>
	t.app.inject({
		method: 'GET',
		url: `/api/audit${query}`,
		headers: bearer(token ?? (await adminToken(t)))
	});

/** Superuser tampering, as an attacker with database access would do it: the trigger goes first. */
async function tamper(handle: DbHandle, statement: string) {
	await handle.db.execute(
		sql.raw('drop trigger if exists audit_events_append_only on audit_events')
	);
	await handle.db.execute(sql.raw(statement));
}

/** Runs the CLI and captures what it prints. */
async function cli(argv: string[], env: NodeJS.ProcessEnv) {
	let out = '';
	vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
	vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
	const code = await run(argv, env);
	vi.restoreAllMocks();
	return { code, out };
}

describe('GET /api/audit', () => {
	it('lists staff actions newest first, by cycle, a page at a time', async () => {
		const cycle = await createCycle(t);
		await addProject(t, cycle.slug);
		await addProject(t, cycle.slug);
		const page1 = (await audit(`?cycle=${cycle.slug}&limit=2`)).json();
		expect(page1.items.map((e: { action: string }) => e.action)).toEqual([
			'project.create',
			'project.create'
		]);
		expect(page1.nextBefore).toBe(page1.items[1].seq);
		const page2 = (await audit(`?cycle=${cycle.slug}&limit=2&before=${page1.nextBefore}`)).json();
		expect(page2.items.map((e: { action: string }) => e.action)).toEqual(['cycle.create']);
		expect(page2.nextBefore).toBeNull();
		const all = (await audit()).json().items;
		expect(all.at(-1)).toMatchObject({ seq: 1, action: 'staff.bootstrap', actor: 'system' });
	});

	it('is for admins only, and checks its query', async () => {
		const reviewer = await staffToken(t, 'reviewer');
		expectProblem(await audit('', reviewer.token), 403, 'FORBIDDEN');
		expectProblem(await t.app.inject({ method: 'GET', url: '/api/audit' }), 401, 'UNAUTHENTICATED');
		expectProblem(await audit('?cycle=no-such-cycle'), 404, 'NOT_FOUND');
		expectProblem(await audit('?limit=0'), 400, 'VALIDATION_FAILED');
		expectProblem(await audit('?before=abc'), 400, 'VALIDATION_FAILED');
	});
});

describe('tamper evidence', () => {
	it('refuses UPDATE and DELETE on the audit log while the trigger stands', async () => {
		await expect(t.deps.db.execute(sql`update audit_events set actor = 'x'`)).rejects.toThrow();
		await expect(t.deps.db.execute(sql`delete from audit_events`)).rejects.toThrow();
	});

	it('detects a change to any row, and an intact chain again once it is undone', async () => {
		const cycle = await createCycle(t);
		await addProject(t, cycle.slug);
		const verify = async () =>
			(
				await t.app.inject({
					method: 'GET',
					url: '/api/audit/verify',
					headers: bearer(await adminToken(t))
				})
			).json();
		const before = await verify();
		expect(before).toMatchObject({ ok: true, problems: [] });
		for (let seq = 1; seq <= before.count; seq++) {
			await tamper(
				t.db,
				`update audit_events set detail = detail || '{"edited": true}' where seq = ${seq}`
			);
			expect(await verify()).toMatchObject({
				ok: false,
				problems: [{ seq, problem: 'hash-mismatch' }]
			});
			await t.deps.db.execute(
				sql.raw(`update audit_events set detail = detail - 'edited' where seq = ${seq}`)
			);
		}
		expect((await verifyAuditLog(t.deps.db)).ok).toBe(true);
		await tamper(t.db, `update audit_events set actor = 'someone-else' where seq = 2`);
		expect((await verifyAuditLog(t.deps.db)).problems).toEqual([
			{ seq: 2, problem: 'hash-mismatch' }
		]);
	});

	it('the CLI prints OK on an intact log and each problem after tampering (exit 1)', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'allot-audit-'));
		try {
			const handle = await createDb({ dataDir: join(dir, 'pglite') });
			await migrate(handle);
			for (const action of ['cycle.create', 'project.create', 'cycle.phase']) {
				await handle.db.transaction((tx) =>
					appendAudit(tx, { actor: 'staff-1', action, at: new Date('2027-01-01T00:00:00Z') })
				);
			}
			await handle.close();
			const env = { DATA_DIR: dir };
			expect(await cli(['verify'], env)).toEqual({
				code: 0,
				out: 'OK: 3 audit entries, hash chain intact\n'
			});

			const again = await createDb({ dataDir: join(dir, 'pglite') });
			await tamper(again, `delete from audit_events where seq = 2`);
			await again.close();
			const tampered = await cli(['verify'], env);
			expect(tampered.code).toBe(1);
			expect(tampered.out).toContain('entry 3: gap');
			expect(tampered.out).toContain('entry 3: broken-link');
			expect(tampered.out).toContain('TAMPERED');
			expect((await cli(['verify', '--json'], env)).out).toContain('"ok":false');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('the CLI checks the server database given in DATABASE_URL', async () => {
		if (t.db.driver.kind !== 'postgres') return; // covered on the PostgreSQL run
		const url = (t.db.driver.pool as pg.Pool & { options: { connectionString: string } }).options
			.connectionString;
		const result = await cli(['verify'], { DATABASE_URL: url });
		expect(result.code).toBe(1); // this file's database was tampered with above
		expect(result.out).toContain('entry 2: hash-mismatch');
	});

	it('the CLI explains its usage (exit 2)', async () => {
		expect((await cli([], {})).code).toBe(2);
		expect((await cli(['rewrite'], {})).code).toBe(2);
		expect((await cli(['verify'], { DATA_DIR: '/nonexistent-allot' })).code).toBe(2);
	});
});
