import { accessCodes, voters } from '@allot/db';
import { normalizeAccessCode } from '@allot/shared/domain/access-codes';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../api/src/modules/audit/audit.repo.ts';
import { findCycleBySlug } from '../../api/src/modules/cycles/cycles.repo.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import {
	bearer,
	createCycle,
	expectNoChange,
	expectProblem,
	setPhase,
	staffToken,
	votingCycle
} from '../helpers/factories.ts';
import { adminGet, adminPost, generateCodes, newVoter, redeem } from '../helpers/voting.ts';

let t: TestContext;
beforeAll(async () => {
	t = await createTestApp();
});
afterAll(() => t.close());

const CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

describe('POST /api/cycles/:slug/access-codes', () => {
	it('generates distinct grouped codes, shown once and stored only as hashes', async () => {
		const cycle = await createCycle(t);
		const res = await adminPost(t, `/api/cycles/${cycle.slug}/access-codes`, {
			count: 50,
			label: 'Madison Park HS'
		});
		expect(res.statusCode, res.body).toBe(201);
		const body = res.json();
		expect(body).toMatchObject({ label: 'Madison Park HS', batchId: expect.any(String) });
		expect(body.codes).toHaveLength(50);
		expect(new Set(body.codes).size).toBe(50);
		for (const code of body.codes) expect(code).toMatch(CODE);
		const rows = await t.deps.db
			.select()
			.from(accessCodes)
			.where(eq(accessCodes.batchId, body.batchId));
		expect(rows).toHaveLength(50);
		const stored = rows.map((r) => r.codeHash).join(' ');
		for (const code of body.codes as string[]) {
			expect(stored).not.toContain(code);
			expect(stored).not.toContain((normalizeAccessCode(code) as { code: string }).code);
		}
		expect(rows[0]!.codeHash).toMatch(/^[0-9a-f]{64}$/);
		const id = (await findCycleBySlug(t.deps.db, cycle.slug))!.id;
		const audit = await listAudit(t.deps.db, { cycleId: id, limit: 10 });
		expect(audit.find((e) => e.action === 'accessCodes.generated')?.detail).toMatchObject({
			count: 50
		});
		expect(JSON.stringify(audit)).not.toContain(body.codes[0]);
	});

	it('returns a CSV file or a printable HTML sheet from the same call', async () => {
		const cycle = await createCycle(t);
		const csv = await adminPost(t, `/api/cycles/${cycle.slug}/access-codes?format=csv`, {
			count: 3,
			label: 'Room, "204"'
		});
		expect(csv.statusCode).toBe(201);
		expect(csv.headers['content-type']).toMatch(/^text\/csv/);
		expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="access-codes-/);
		expect(csv.headers['cache-control']).toBe('no-store');
		const lines = csv.body.trim().split('\r\n');
		expect(lines[0]).toBe('n,code,label,vote_url');
		expect(lines).toHaveLength(4);
		expect(lines[1]).toMatch(
			new RegExp(
				`^1,[0-9A-Z-]{19},"Room, ""204""",http://localhost:\\d+/cycles/${cycle.slug}/vote$`
			)
		);
		const html = await adminPost(t, `/api/cycles/${cycle.slug}/access-codes?format=html`, {
			count: 4,
			label: '<Youth centre>'
		});
		expect(html.statusCode).toBe(201);
		expect(html.headers['content-type']).toMatch(/^text\/html/);
		expect(html.body).toContain('<!doctype html>');
		expect(html.body.match(/class="code"/g)).toHaveLength(4);
		expect(html.body).toContain('&#60;Youth centre&#62;');
		expect(html.body).not.toContain('<Youth centre>');
	});

	it('refuses non-admins, bad bodies, unknown cycles and closed votes', async () => {
		const cycle = await createCycle(t);
		const url = `/api/cycles/${cycle.slug}/access-codes`;
		const payload = { count: 2, label: 'x' };
		const worker = await staffToken(t, 'poll_worker');
		await expectNoChange(t, async () => {
			expectProblem(await t.app.inject({ method: 'POST', url, payload }), 401, 'UNAUTHENTICATED');
			expectProblem(
				await t.app.inject({ method: 'POST', url, payload, headers: bearer(worker.token) }),
				403,
				'FORBIDDEN'
			);
			expectProblem(await adminPost(t, url, { count: 0, label: 'x' }), 400, 'VALIDATION_FAILED');
			expectProblem(await adminPost(t, url, { count: 5001, label: 'x' }), 400, 'VALIDATION_FAILED');
			expectProblem(await adminPost(t, url, { count: 2, label: '  ' }), 400, 'VALIDATION_FAILED');
			expectProblem(await adminPost(t, `${url}?format=pdf`, payload), 400, 'VALIDATION_FAILED');
			expectProblem(
				await adminPost(t, '/api/cycles/no-such-cycle/access-codes', payload),
				404,
				'NOT_FOUND'
			);
		});
	});

	it('stops issuing codes once the vote is closed', async () => {
		const cycle = await votingCycle(t);
		const { codes } = await generateCodes(t, cycle.slug, 1);
		const token = await newVoter(t, cycle.slug, codes[0]!);
		await t.app.inject({
			method: 'PUT',
			url: `/api/cycles/${cycle.slug}/ballot`,
			headers: bearer(token),
			payload: { ranking: ['P01'] }
		});
		await setPhase(t, cycle.slug, 'tallying');
		expectProblem(
			await adminPost(t, `/api/cycles/${cycle.slug}/access-codes`, { count: 1, label: 'late' }),
			409,
			'PHASE_CLOSED'
		);
	});
});

describe('batches: list and void', () => {
	it('lists batches with how many codes were used and voided', async () => {
		const cycle = await votingCycle(t);
		const a = await generateCodes(t, cycle.slug, 3, 'A');
		await generateCodes(t, cycle.slug, 2, 'B');
		await newVoter(t, cycle.slug, a.codes[0]!);
		const res = await adminGet(t, `/api/cycles/${cycle.slug}/access-codes/batches`);
		expect(res.statusCode).toBe(200);
		const items = res.json().items as {
			label: string;
			size: number;
			redeemed: number;
			voided: number;
		}[];
		expect(items.map((b) => [b.label, b.size, b.redeemed, b.voided]).sort()).toEqual([
			['A', 3, 1, 0],
			['B', 2, 0, 0]
		]);
	});

	it('voids a batch: its unused codes stop working, voters it made stay', async () => {
		const cycle = await votingCycle(t);
		const batch = await generateCodes(t, cycle.slug, 3);
		await newVoter(t, cycle.slug, batch.codes[0]!);
		const res = await adminPost(
			t,
			`/api/cycles/${cycle.slug}/access-codes/batches/${batch.batchId}/void`
		);
		expect(res.statusCode, res.body).toBe(200);
		expect(res.json()).toMatchObject({
			id: batch.batchId,
			size: 3,
			redeemed: 1,
			voided: 3,
			voidedAt: expect.any(String)
		});
		expectProblem(
			await redeem(t, cycle.slug, batch.codes[1]!, undefined, '192.0.2.50'),
			404,
			'CODE_INVALID'
		);
		const id = (await findCycleBySlug(t.deps.db, cycle.slug))!.id;
		expect(await t.deps.db.select().from(voters).where(eq(voters.cycleId, id))).toHaveLength(1);
		const again = await adminPost(
			t,
			`/api/cycles/${cycle.slug}/access-codes/batches/${batch.batchId}/void`
		);
		expect(again.json().voidedAt).toBe(res.json().voidedAt);
		const other = await createCycle(t);
		expectProblem(
			await adminPost(t, `/api/cycles/${other.slug}/access-codes/batches/${batch.batchId}/void`),
			404,
			'NOT_FOUND'
		);
		expectProblem(
			await adminPost(t, `/api/cycles/${cycle.slug}/access-codes/batches/not-a-uuid/void`),
			400,
			'VALIDATION_FAILED'
		);
	});

	it('voids one code typed from its slip, in any case and grouping', async () => {
		const cycle = await votingCycle(t);
		const { codes } = await generateCodes(t, cycle.slug, 2);
		const typed = codes[0]!.toLowerCase().replaceAll('-', ' ');
		const res = await adminPost(t, `/api/cycles/${cycle.slug}/access-codes/void`, { code: typed });
		expect(res.statusCode, res.body).toBe(200);
		expect(res.json()).toEqual({ voided: true, wasRedeemed: false });
		expectProblem(
			await redeem(t, cycle.slug, codes[0]!, undefined, '192.0.2.51'),
			404,
			'CODE_INVALID'
		);
		await newVoter(t, cycle.slug, codes[1]!);
		expect(
			(await adminPost(t, `/api/cycles/${cycle.slug}/access-codes/void`, { code: codes[1] })).json()
		).toEqual({ voided: true, wasRedeemed: true });
		expectProblem(
			await adminPost(t, `/api/cycles/${cycle.slug}/access-codes/void`, { code: 'nope' }),
			400,
			'CODE_INVALID'
		);
		const other = await generateCodes(t, (await createCycle(t)).slug, 1);
		expectProblem(
			await adminPost(t, `/api/cycles/${cycle.slug}/access-codes/void`, { code: other.codes[0] }),
			404,
			'CODE_INVALID'
		);
	});

	it('keeps batch management to admins', async () => {
		const cycle = await createCycle(t);
		const reviewer = await staffToken(t, 'reviewer');
		const res = await t.app.inject({
			method: 'GET',
			url: `/api/cycles/${cycle.slug}/access-codes/batches`,
			headers: bearer(reviewer.token)
		});
		expectProblem(res, 403, 'FORBIDDEN');
	});
});
