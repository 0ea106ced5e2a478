import { ballots, cycles, ideas, projects, proposals, results, type DbOrTx } from '@allot/db';
import type { PhaseFacts } from '@allot/shared/domain/phases';
import { and, asc, count, desc, eq, isNull, min } from 'drizzle-orm';

export type CycleRow = typeof cycles.$inferSelect;
export type NewCycle = typeof cycles.$inferInsert;
export type ProjectRow = typeof projects.$inferSelect;

export async function listCycles(db: DbOrTx) {
	return db
		.select({
			slug: cycles.slug,
			name: cycles.name,
			description: cycles.description,
			phase: cycles.phase,
			potCents: cycles.potCents,
			currency: cycles.currency,
			projectCount: count(projects.id)
		})
		.from(cycles)
		.leftJoin(projects, eq(projects.cycleId, cycles.id))
		.groupBy(cycles.id)
		.orderBy(desc(cycles.createdAt));
}

/**
 * `lock` locks the cycle row for the rest of the transaction. Phase changes take it `update`;
 * writes that depend on the phase or the rules take `update` (staff edits, serialised per
 * cycle) or `share` (public submissions, which may run side by side). Either way no write
 * slips past a phase change: no project lands after voting opened, no idea after ideas closed.
 */
export async function findCycleBySlug(
	db: DbOrTx,
	slug: string,
	opts: { lock?: 'update' | 'share' } = {}
): Promise<CycleRow | undefined> {
	const query = db.select().from(cycles).where(eq(cycles.slug, slug));
	const [row] = await (opts.lock ? query.for(opts.lock) : query);
	return row;
}

export async function findCycleById(db: DbOrTx, id: string): Promise<CycleRow | undefined> {
	const [row] = await db.select().from(cycles).where(eq(cycles.id, id));
	return row;
}

/** Inserts a cycle; undefined when the slug is taken. */
export async function insertCycle(db: DbOrTx, values: NewCycle): Promise<CycleRow | undefined> {
	const [row] = await db
		.insert(cycles)
		.values(values)
		.onConflictDoNothing({ target: cycles.slug })
		.returning();
	return row;
}

export async function updateCycle(
	db: DbOrTx,
	id: string,
	changes: Partial<NewCycle>
): Promise<CycleRow> {
	const [row] = await db.update(cycles).set(changes).where(eq(cycles.id, id)).returning();
	return row!;
}

/**
 * Freezes a cycle's ballot rules, allocation rule, eligibility and pot. Call it in the
 * transaction that stores the cycle's first ballot; later calls keep the first timestamp.
 */
export async function lockRules(tx: DbOrTx, cycleId: string, now: Date): Promise<void> {
	await tx
		.update(cycles)
		.set({ rulesLockedAt: now })
		.where(and(eq(cycles.id, cycleId), isNull(cycles.rulesLockedAt)));
}

export async function listProjects(db: DbOrTx, cycleId: string): Promise<ProjectRow[]> {
	return db
		.select()
		.from(projects)
		.where(eq(projects.cycleId, cycleId))
		.orderBy(asc(projects.position), asc(projects.code));
}

const countWhere = async (db: DbOrTx, query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;

/** What a phase change depends on (see domain/phases.ts). */
export async function phaseFacts(db: DbOrTx, cycle: CycleRow): Promise<PhaseFacts> {
	const [projectStats] = await db
		.select({ n: count(), cheapest: min(projects.costCents) })
		.from(projects)
		.where(eq(projects.cycleId, cycle.id));
	const id = cycle.id;
	const pending = and(eq(proposals.cycleId, id), eq(proposals.feasibility, 'pending'));
	const published = and(eq(results.cycleId, id), eq(results.kind, 'published'));
	return {
		potCents: cycle.potCents,
		ballot: cycle.ballotRules as PhaseFacts['ballot'],
		projectCount: projectStats?.n ?? 0,
		cheapestCostCents: projectStats?.cheapest ?? null,
		ideaCount: await countWhere(
			db,
			db.select({ n: count() }).from(ideas).where(eq(ideas.cycleId, id))
		),
		pendingProposalCount: await countWhere(
			db,
			db.select({ n: count() }).from(proposals).where(pending)
		),
		ballotCount: await countWhere(
			db,
			db.select({ n: count() }).from(ballots).where(eq(ballots.cycleId, id))
		),
		published: (await countWhere(db, db.select({ n: count() }).from(results).where(published))) > 0
	};
}

/**
 * Archiving ends the cycle's personal data: the link key goes (no ballot can be tied to a
 * voter again) and idea submitters' contact details are erased (DESIGN "Privacy").
 */
export async function purgeForArchive(db: DbOrTx, cycleId: string): Promise<void> {
	await db.update(cycles).set({ linkKey: null }).where(eq(cycles.id, cycleId));
	await db.update(ideas).set({ contact: null }).where(eq(ideas.cycleId, cycleId));
}
