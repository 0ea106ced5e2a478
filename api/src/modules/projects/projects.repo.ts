import { projects, type DbOrTx } from '@allot/db';
import { and, eq, max, sql } from 'drizzle-orm';

export type ProjectRow = typeof projects.$inferSelect;
export type NewProject = typeof projects.$inferInsert;

export async function findProject(
	db: DbOrTx,
	cycleId: string,
	code: string
): Promise<ProjectRow | undefined> {
	const [row] = await db
		.select()
		.from(projects)
		.where(and(eq(projects.cycleId, cycleId), eq(projects.code, code)));
	return row;
}

export async function findProjectByProposal(
	db: DbOrTx,
	proposalId: string
): Promise<ProjectRow | undefined> {
	const [row] = await db.select().from(projects).where(eq(projects.proposalId, proposalId));
	return row;
}

/** The next generated id, `P<n>` one above the highest `P<number>` in the cycle (P01, P02, …). */
export async function nextProjectCode(db: DbOrTx, cycleId: string): Promise<string> {
	const [row] = await db
		.select({ n: sql<number | null>`max(substring(${projects.code} from 2)::int)` })
		.from(projects)
		.where(and(eq(projects.cycleId, cycleId), sql`${projects.code} ~ '^P[0-9]{1,9}$'`));
	return `P${String(Number(row?.n ?? 0) + 1).padStart(2, '0')}`;
}

/** New projects go to the end of the ballot. */
export async function nextPosition(db: DbOrTx, cycleId: string): Promise<number> {
	const [row] = await db
		.select({ n: max(projects.position) })
		.from(projects)
		.where(eq(projects.cycleId, cycleId));
	return row?.n == null ? 0 : row.n + 1;
}

/** Inserts a project; undefined when its id is taken in the cycle. */
export async function insertProject(
	db: DbOrTx,
	values: NewProject
): Promise<ProjectRow | undefined> {
	const [row] = await db
		.insert(projects)
		.values(values)
		.onConflictDoNothing({ target: [projects.cycleId, projects.code] })
		.returning();
	return row;
}

export async function updateProject(
	db: DbOrTx,
	id: string,
	changes: Partial<NewProject>
): Promise<ProjectRow> {
	const [row] = await db.update(projects).set(changes).where(eq(projects.id, id)).returning();
	return row!;
}

export async function deleteProject(db: DbOrTx, id: string): Promise<void> {
	await db.delete(projects).where(eq(projects.id, id));
}
