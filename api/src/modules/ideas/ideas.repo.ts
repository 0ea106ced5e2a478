import { ideas, proposalIdeas, type DbOrTx } from '@allot/db';
import { and, count, desc, eq, ilike, inArray, isNull, or, type SQL } from 'drizzle-orm';

export type IdeaRow = typeof ideas.$inferSelect & { proposalId: string | null };
export type NewIdea = typeof ideas.$inferInsert;

const columns = {
	id: ideas.id,
	cycleId: ideas.cycleId,
	title: ideas.title,
	description: ideas.description,
	category: ideas.category,
	neighborhood: ideas.neighborhood,
	latitude: ideas.latitude,
	longitude: ideas.longitude,
	submitterAgeBracket: ideas.submitterAgeBracket,
	contact: ideas.contact,
	hiddenAt: ideas.hiddenAt,
	hiddenReason: ideas.hiddenReason,
	createdAt: ideas.createdAt,
	proposalId: proposalIdeas.proposalId
};

export async function insertIdea(db: DbOrTx, values: NewIdea): Promise<IdeaRow> {
	const [row] = await db.insert(ideas).values(values).returning();
	return { ...row!, proposalId: null };
}

export async function findIdea(
	db: DbOrTx,
	cycleId: string,
	id: string
): Promise<IdeaRow | undefined> {
	const [row] = await db
		.select(columns)
		.from(ideas)
		.leftJoin(proposalIdeas, eq(proposalIdeas.ideaId, ideas.id))
		.where(and(eq(ideas.cycleId, cycleId), eq(ideas.id, id)));
	return row;
}

/** LIKE pattern for a literal substring: `%` and `_` typed by a user match themselves. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface IdeaFilter {
	cycleId: string;
	q?: string;
	category?: string;
	neighborhood?: string;
	/** false: hidden ideas are left out (public searches must not match withheld text) */
	includeHidden: boolean;
	limit: number;
	offset: number;
}

export async function listIdeas(
	db: DbOrTx,
	f: IdeaFilter
): Promise<{ rows: IdeaRow[]; total: number }> {
	const conditions: (SQL | undefined)[] = [eq(ideas.cycleId, f.cycleId)];
	if (f.q)
		conditions.push(
			or(ilike(ideas.title, containing(f.q)), ilike(ideas.description, containing(f.q)))
		);
	if (f.category) conditions.push(eq(ideas.category, f.category));
	if (f.neighborhood) conditions.push(eq(ideas.neighborhood, f.neighborhood));
	if (!f.includeHidden) conditions.push(isNull(ideas.hiddenAt));
	const where = and(...conditions);
	const rows = await db
		.select(columns)
		.from(ideas)
		.leftJoin(proposalIdeas, eq(proposalIdeas.ideaId, ideas.id))
		.where(where)
		.orderBy(desc(ideas.createdAt), desc(ideas.id))
		.limit(f.limit)
		.offset(f.offset);
	const [total] = await db.select({ n: count() }).from(ideas).where(where);
	return { rows, total: total?.n ?? 0 };
}

/** Titles of the cycle's visible ideas: the candidates for "similar ideas". */
export async function visibleTitles(
	db: DbOrTx,
	cycleId: string
): Promise<{ id: string; title: string }[]> {
	return db
		.select({ id: ideas.id, title: ideas.title })
		.from(ideas)
		.where(and(eq(ideas.cycleId, cycleId), isNull(ideas.hiddenAt)));
}

/** Which of `ids` are ideas of the cycle. */
export async function existingIdeaIds(
	db: DbOrTx,
	cycleId: string,
	ids: string[]
): Promise<Set<string>> {
	const rows = await db
		.select({ id: ideas.id })
		.from(ideas)
		.where(and(eq(ideas.cycleId, cycleId), inArray(ideas.id, ids)));
	return new Set(rows.map((r) => r.id));
}

export async function setHidden(
	db: DbOrTx,
	id: string,
	hidden: { hiddenAt: Date; hiddenReason: string } | null
): Promise<void> {
	await db
		.update(ideas)
		.set(hidden ?? { hiddenAt: null, hiddenReason: null })
		.where(eq(ideas.id, id));
}
