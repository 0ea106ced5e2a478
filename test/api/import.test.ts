import { ballots } from '@allot/db';
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../api/src/modules/audit/audit.repo.ts';
import { findCycleBySlug } from '../../api/src/modules/cycles/cycles.repo.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import {
	adminToken,
	bearer,
	expectNoChange,
	expectProblem,
	staffToken,
	uniqueSlug
} from '../helpers/factories.ts';

let t: TestContext;
beforeAll(async () => {
	t = await createTestApp();
});
afterAll(() => t.close());

const fixture = (name: string) =>
	readFileSync(new URL(`../fixtures/pabulib/${name}`, import.meta.url), 'utf8');
const NADWISLE = fixture('Poland_Warszawa_2017_Nadwisle.pb');

async function importFile(body: string, query = '', headers: Record<string, string> = {}) {
	return t.app.inject({
		method: 'POST',
		url: `/api/import/pabulib${query}`,
		headers: {
			'content-type': 'text/plain; charset=utf-8',
			...bearer(await adminToken(t)),
			...headers
		},
		payload: body
	});
}

describe('POST /api/import/pabulib', () => {
	it('creates a tallying cycle with the file’s projects (ids and order kept) and its ballots', async () => {
		const res = await importFile(NADWISLE);
		expect(res.statusCode, res.body).toBe(201);
		const body = res.json();
		expect(body).toMatchObject({
			slug: 'warszawa-nadwisle-2017',
			projects: 5,
			ballots: 108,
			voteType: 'approval',
			allocation: { rule: 'from-file' }
		});
		const cycle = (await t.app.inject({ method: 'GET', url: `/api/cycles/${body.slug}` })).json();
		expect(cycle).toMatchObject({
			phase: 'tallying',
			currency: 'PLN',
			rulesLocked: true,
			ballot: { kind: 'approval' }
		});
		const lines = NADWISLE.split(/\r?\n/);
		const fileIds = lines
			.slice(lines.indexOf('PROJECTS') + 2, lines.indexOf('VOTES'))
			.map((l) => l.split(';')[0]);
		expect(cycle.projects.map((p: { id: string }) => p.id)).toEqual(fileIds);
		const id = (await findCycleBySlug(t.deps.db, body.slug))!.id;
		const rows = await t.deps.db.select().from(ballots).where(eq(ballots.cycleId, id));
		expect(rows).toHaveLength(108);
		expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(['import']));
		const audit = await listAudit(t.deps.db, { cycleId: id, limit: 5 });
		expect(audit.find((e) => e.action === 'pabulib.imported')?.detail).toMatchObject({
			meta: { unit: 'Warszawa', rule: 'greedy' }
		});
		const preview = await t.app.inject({
			method: 'POST',
			url: `/api/cycles/${body.slug}/results/preview`,
			headers: bearer(await adminToken(t))
		});
		expect(preview.statusCode, preview.body).toBe(200);
	});

	it('takes ?slug=, refuses a taken one with 409 SLUG_TAKEN, and numbers derived ones', async () => {
		const slug = uniqueSlug('imported');
		expect((await importFile(NADWISLE, `?slug=${slug}`)).json().slug).toBe(slug);
		expectProblem(await importFile(NADWISLE, `?slug=${slug}`), 409, 'SLUG_TAKEN');
		const again = await importFile(NADWISLE);
		expect(again.json().slug).toMatch(/^warszawa-nadwisle-2017-\d+$/);
		expectProblem(await importFile(NADWISLE, '?slug=Not_A_Slug'), 400, 'VALIDATION_FAILED');
	});

	it('answers 400 PABULIB_INVALID with the line of a malformed file, and writes nothing', async () => {
		await expectNoChange(t, async () => {
			const lines = NADWISLE.split(/\r?\n/);
			const row = lines.indexOf('PROJECTS') + 2;
			lines[row] = `${lines[row]};one cell too many`;
			const res = await importFile(lines.join('\n'));
			expectProblem(res, 400, 'PABULIB_INVALID');
			expect(res.json().line).toBe(row + 1);
			expect(res.json().detail).toMatch(/^line \d+: PROJECTS row has/);
			const unknown = await importFile(
				NADWISLE.replace(/(\nvoter_id;vote[^\n]*\n\d+;)[^;\n]*/, '$1999')
			);
			expectProblem(unknown, 400, 'PABULIB_INVALID');
			expect(unknown.json().detail).toMatch(/^line \d+: vote lists unknown project "999"/);
			expectProblem(await importFile('META\nkey;value\n'), 400, 'PABULIB_INVALID');
			expectProblem(await importFile(''), 400, 'VALIDATION_FAILED');
		});
	});

	it('takes text/plain here only, and only from admins', async () => {
		const json = await importFile(JSON.stringify({ file: NADWISLE }), '', {
			'content-type': 'application/json'
		});
		expectProblem(json, 400, 'VALIDATION_FAILED');
		const plainElsewhere = await t.app.inject({
			method: 'POST',
			url: '/api/cycles',
			headers: { 'content-type': 'text/plain', ...bearer(await adminToken(t)) },
			payload: 'hello'
		});
		expectProblem(plainElsewhere, 415, 'UNSUPPORTED_MEDIA_TYPE');
		const reviewer = await staffToken(t, 'reviewer');
		expectProblem(await importFile(NADWISLE, '', bearer(reviewer.token)), 403, 'FORBIDDEN');
		const anonymous = await t.app.inject({
			method: 'POST',
			url: '/api/import/pabulib',
			headers: { 'content-type': 'text/plain' },
			payload: NADWISLE
		});
		expectProblem(anonymous, 401, 'UNAUTHENTICATED');
	});

	it('accepts files above the app-wide 1 MB body limit', async () => {
		const big = fixture('Poland_Katowice_2023.pb');
		expect(big.length).toBeGreaterThan(1024 * 1024);
		const res = await importFile(big);
		expect(res.statusCode, res.body).toBe(201);
		expect(res.json()).toMatchObject({ ballots: 39_828, voteType: 'cumulative' });
	});
});
