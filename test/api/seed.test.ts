import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../api/src/modules/audit/audit.repo.ts';
import { verifyAuditLog } from '../../api/src/modules/audit/audit.service.ts';
import { findCycleBySlug } from '../../api/src/modules/cycles/cycles.repo.ts';
import { demoCycle } from '../../api/src/seed/demo-data.ts';
import { seedDemo } from '../../api/src/seed/seed.ts';
import { createTestApp, TEST_ADMIN, type TestContext } from '../helpers/app.ts';
import { expectNoChange } from '../helpers/factories.ts';

let t: TestContext;
beforeAll(async () => {
	t = await createTestApp();
});
afterAll(() => t.close());

describe('seedDemo', () => {
	it('creates the demo cycle once, open for voting with 12 projects, through the audited services', async () => {
		expect(await seedDemo(t.deps, TEST_ADMIN.email)).toBe(true);
		const cycle = (
			await t.app.inject({ method: 'GET', url: `/api/cycles/${demoCycle.slug}` })
		).json();
		expect(cycle).toMatchObject({
			phase: 'voting',
			potCents: 1_000_000_00,
			ballot: { kind: 'ranked', minRanks: 1, maxRanks: 5 },
			allocation: { rule: 'greedy', score: 'pabulib-borda', tie: 'lexicographic' }
		});
		expect(cycle.projects.map((p: { id: string }) => p.id)).toEqual(
			Array.from({ length: 12 }, (_, i) => `P${String(i + 1).padStart(2, '0')}`)
		);
		expect(cycle.projects[0].translations.es.title).toBe(
			'Luces para el skatepark de Franklin Park'
		);
		const id = (await findCycleBySlug(t.deps.db, demoCycle.slug))!.id;
		const actions = (await listAudit(t.deps.db, { cycleId: id, limit: 50 }))
			.map((e) => e.action)
			.reverse();
		expect(actions).toEqual(['cycle.create', ...Array(12).fill('project.create'), 'cycle.phase']);
		expect((await verifyAuditLog(t.deps.db)).ok).toBe(true);
	});

	it('writes nothing when a cycle already exists', async () => {
		await expectNoChange(t, async () =>
			expect(await seedDemo(t.deps, TEST_ADMIN.email)).toBe(false)
		);
	});
});
