import { accessCodeBatches, accessCodes, type DbOrTx } from '@allot/db';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';

export async function insertBatch(
	db: DbOrTx,
	p: { cycleId: string; label: string; codeHashes: string[]; createdBy: string | null; at: Date }
) {
	const [batch] = await db
		.insert(accessCodeBatches)
		.values({
			cycleId: p.cycleId,
			label: p.label,
			size: p.codeHashes.length,
			createdBy: p.createdBy,
			createdAt: p.at
		})
		.returning();
	// Chunked: one statement per 1,000 rows keeps the parameter count far below the limit.
	for (let i = 0; i < p.codeHashes.length; i += 1_000) {
		await db.insert(accessCodes).values(
			p.codeHashes.slice(i, i + 1_000).map((codeHash) => ({
				cycleId: p.cycleId,
				batchId: batch!.id,
				codeHash,
				createdAt: p.at
			}))
		);
	}
	return batch!;
}

export async function listBatches(db: DbOrTx, cycleId: string) {
	return db
		.select({
			id: accessCodeBatches.id,
			label: accessCodeBatches.label,
			size: accessCodeBatches.size,
			createdAt: accessCodeBatches.createdAt,
			voidedAt: accessCodeBatches.voidedAt,
			redeemed: count(accessCodes.redeemedAt),
			voided: count(accessCodes.voidedAt)
		})
		.from(accessCodeBatches)
		.leftJoin(accessCodes, eq(accessCodes.batchId, accessCodeBatches.id))
		.where(eq(accessCodeBatches.cycleId, cycleId))
		.groupBy(accessCodeBatches.id)
		.orderBy(desc(accessCodeBatches.createdAt));
}

/** Voids a batch and its unused codes; returns the batch, or undefined when it is not in the cycle. */
export async function voidBatch(db: DbOrTx, p: { cycleId: string; batchId: string; at: Date }) {
	const [batch] = await db
		.update(accessCodeBatches)
		.set({
			voidedAt: sql`coalesce(${accessCodeBatches.voidedAt}, ${p.at.toISOString()}::timestamptz)`
		})
		.where(and(eq(accessCodeBatches.id, p.batchId), eq(accessCodeBatches.cycleId, p.cycleId)))
		.returning();
	if (!batch) return undefined;
	await db
		.update(accessCodes)
		.set({ voidedAt: p.at })
		.where(and(eq(accessCodes.batchId, p.batchId), isNull(accessCodes.voidedAt)));
	return batch;
}

/** A code by its hash, with whether its batch was voided. */
export async function findCode(db: DbOrTx, p: { cycleId: string; codeHash: string }) {
	const [row] = await db
		.select({
			id: accessCodes.id,
			redeemedAt: accessCodes.redeemedAt,
			voidedAt: accessCodes.voidedAt,
			batchVoidedAt: accessCodeBatches.voidedAt
		})
		.from(accessCodes)
		.innerJoin(accessCodeBatches, eq(accessCodeBatches.id, accessCodes.batchId))
		.where(and(eq(accessCodes.cycleId, p.cycleId), eq(accessCodes.codeHash, p.codeHash)));
	return row;
}

export async function voidCode(db: DbOrTx, p: { codeId: string; at: Date }) {
	await db
		.update(accessCodes)
		.set({ voidedAt: sql`coalesce(${accessCodes.voidedAt}, ${p.at.toISOString()}::timestamptz)` })
		.where(eq(accessCodes.id, p.codeId));
}

/**
 * Marks a code used, atomically: only one of two concurrent redemptions updates the row, so a
 * code can never make two voters. Returns false when it was already used or voided.
 */
export async function redeemCode(db: DbOrTx, p: { codeId: string; at: Date }): Promise<boolean> {
	const rows = await db
		.update(accessCodes)
		.set({ redeemedAt: p.at })
		.where(
			and(
				eq(accessCodes.id, p.codeId),
				isNull(accessCodes.redeemedAt),
				isNull(accessCodes.voidedAt)
			)
		)
		.returning({ id: accessCodes.id });
	return rows.length === 1;
}
