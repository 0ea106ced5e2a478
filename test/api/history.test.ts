import { allocate } from '@allot/shared/domain/allocation/index';
import { parsePabulib, toElection } from '@allot/shared/domain/pabulib/index';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../api/src/modules/audit/audit.service.ts';
import { historyCycle, HISTORY_BALLOTS } from '../../api/src/seed/history-data.ts';
import { findCycleBySlug } from '../../api/src/modules/cycles/cycles.repo.ts';
import { loadBallotSet } from '../../api/src/modules/results/ballot-set.ts';
import { publicTurnout } from '../../api/src/modules/results/results.service.ts';
import { seedHistory } from '../../api/src/seed/history.ts';
import { seedDemo } from '../../api/src/seed/seed.ts';
import { createTestApp, TEST_ADMIN, type TestContext } from '../helpers/app.ts';
import { freshDb } from '../helpers/db.ts';

let t: TestContext;
let seconds = 0;
beforeAll(async () => {
	t = await createTestApp();
	const started = performance.now();
	await seedDemo(t.deps, TEST_ADMIN.email);
	seconds = (performance.now() - started) / 1000;
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('demo with history', () => {
	it('seeds last year’s cycle, published, next to this year’s, in a few seconds', async () => {
		expect(seconds).toBeLessThan(5);
		const list = (await get('/api/cycles'))
			.json()
			.items.map((c: { slug: string; phase: string }) => [c.slug, c.phase]);
		expect(list).toEqual([
			['youth-lead-the-change-2027', 'voting'],
			[historyCycle.slug, 'results']
		]);
		expect((await verifyAuditLog(t.deps.db)).ok).toBe(true);
	});

	it('publishes a result computed from the generated ranked ballots, with real-looking turnout', async () => {
		const res = await get(`/api/cycles/${historyCycle.slug}/results`);
		expect(res.statusCode).toBe(200);
		const r = res.json();
		expect(r).toMatchObject({
			rule: 'greedy',
			ballotCount: HISTORY_BALLOTS,
			potCents: 1_000_000_00
		});
		expect(r.funded.length).toBeGreaterThanOrEqual(4);
		expect(r.spentCents + r.leftCents).toBe(1_000_000_00);
		const t2 = r.turnout;
		expect(t2.total).toBe(HISTORY_BALLOTS);
		expect(t2.byDay).toHaveLength(21);
		expect(t2.byChannel.map((c: { key: string }) => c.key)).toEqual(['kiosk', 'online', 'paper']);
		expect(t2.byAgeBracket.map((c: { key: string }) => c.key)).toEqual([
			'12-14',
			'15-17',
			'18-21',
			'22-25'
		]);
		expect(t2.byNeighborhood).toHaveLength(6);
		expect(t2.bySite).toHaveLength(3);
		const sum = (cells: { count: number }[]) => cells.reduce((s, c) => s + c.count, 0);
		expect(sum(t2.byChannel)).toBe(HISTORY_BALLOTS);
	});

	it('exports ballots that hash to the manifest and re-tally to the published outcome', async () => {
		const r = (await get(`/api/cycles/${historyCycle.slug}/results`)).json();
		const file = (await get(`/api/cycles/${historyCycle.slug}/export.pb`)).body;
		expect(createHash('sha256').update(file).digest('hex')).toBe(r.manifest.ballotsSha256);
		const { instance, profile } = toElection(parsePabulib(file));
		const again = allocate(instance, profile, r.manifest.params);
		expect(again.funded.map((f) => f.id)).toEqual(r.funded.map((f: { id: string }) => f.id));
	});

	it('generates the same election on every install (seeded PRNG)', async () => {
		const published = (await get(`/api/cycles/${historyCycle.slug}/results`)).json();
		const other = await freshDb();
		await seedHistory(other.db, new Date());
		const cycle = (await findCycleBySlug(other.db, historyCycle.slug))!;
		expect((await loadBallotSet(other.db, cycle)).sha256).toBe(published.manifest.ballotsSha256);
		expect(await publicTurnout(other.db, cycle.id)).toEqual(published.turnout);
		await other.close();
	});
});
