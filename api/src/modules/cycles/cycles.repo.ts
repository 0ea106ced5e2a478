import { cycles, projects, type DbOrTx } from '@allot/db';
import { asc, count, desc, eq } from 'drizzle-orm';

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

export async function findCycleBySlug(db: DbOrTx, slug: string) {
	const [row] = await db.select().from(cycles).where(eq(cycles.slug, slug));
	return row;
}

export async function listProjects(db: DbOrTx, cycleId: string) {
	return db
		.select()
		.from(projects)
		.where(eq(projects.cycleId, cycleId))
		.orderBy(asc(projects.position), asc(projects.code));
}
