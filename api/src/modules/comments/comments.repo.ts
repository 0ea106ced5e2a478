import { comments, type DbOrTx } from '@allot/db';
import { and, asc, eq } from 'drizzle-orm';

export type CommentRow = typeof comments.$inferSelect;
export type CommentTarget = { type: 'idea' | 'proposal'; id: string };

export async function insertComment(
	db: DbOrTx,
	values: typeof comments.$inferInsert
): Promise<CommentRow> {
	const [row] = await db.insert(comments).values(values).returning();
	return row!;
}

export async function listComments(
	db: DbOrTx,
	cycleId: string,
	target: CommentTarget
): Promise<CommentRow[]> {
	return db
		.select()
		.from(comments)
		.where(
			and(
				eq(comments.cycleId, cycleId),
				eq(comments.targetType, target.type),
				eq(comments.targetId, target.id)
			)
		)
		.orderBy(asc(comments.createdAt), asc(comments.id));
}

export async function findComment(
	db: DbOrTx,
	cycleId: string,
	id: string
): Promise<CommentRow | undefined> {
	const [row] = await db
		.select()
		.from(comments)
		.where(and(eq(comments.cycleId, cycleId), eq(comments.id, id)));
	return row;
}

export async function setHidden(
	db: DbOrTx,
	id: string,
	hidden: { hiddenAt: Date; hiddenReason: string } | null
): Promise<CommentRow> {
	const [row] = await db
		.update(comments)
		.set(hidden ?? { hiddenAt: null, hiddenReason: null })
		.where(eq(comments.id, id))
		.returning();
	return row!;
}
