import {
	auditEvents,
	ballots,
	cycles,
	ideas,
	results,
	voters,
	type DbOrTx
} from '@allot/db';
import { and, asc, eq, sql } from 'drizzle-orm';

/** Every counted ballot's content (one row per voter: the last revision). No identities. */
export async function ballotContents(db: DbOrTx, cycleId: string): Promise<unknown[]> {
	const rows = await db
		.select({ content: ballots.content })
		.from(ballots)
		.where(eq(ballots.cycleId, cycleId));
	return rows.map((r) => r.content);
}

/** Changes whenever the ballot set does: how many ballots, and the latest write among them. */
export async function ballotVersion(db: DbOrTx, cycleId: string) {
	const [row] = await db
		.select({
			count: sql<number>`count(*)::int`,
			lastChange: sql<string | null>`max(${ballots.updatedAt})::text`
		})
		.from(ballots)
		.where(eq(ballots.cycleId, cycleId));
	return { count: row?.count ?? 0, lastChange: row?.lastChange ?? '' };
}

/** What the published turnout counts: first cast day, channel, bracket, neighbourhood, site. */
export async function turnoutRows(db: DbOrTx, cycleId: string) {
	return db
		.select({
			day: sql<string>`to_char(${ballots.castAt} at time zone 'UTC', 'YYYY-MM-DD')`,
			channel: ballots.channel,
			ageBracket: ballots.ageBracket,
			neighborhood: ballots.neighborhood,
			siteId: ballots.pollingSiteId
		})
		.from(ballots)
		.where(eq(ballots.cycleId, cycleId));
}

export async function findPublished(db: DbOrTx, cycleId: string) {
	const [row] = await db
		.select()
		.from(results)
		.where(and(eq(results.cycleId, cycleId), eq(results.kind, 'published')));
	return row;
}

export async function insertPublished(
	db: DbOrTx,
	r: {
		cycleId: string;
		params: unknown;
		outcome: unknown;
		overrides: unknown;
		ballotsSha256: string;
		createdBy: string | null;
		at: Date;
	}
) {
	await db.insert(results).values({ kind: 'published', ...r, createdAt: r.at });
}

/** The META of the pabulib file a cycle was imported from (kept in its audit entry), if any. */
export async function importedMeta(
	db: DbOrTx,
	cycleId: string
): Promise<Record<string, string> | undefined> {
	const [row] = await db
		.select({ detail: auditEvents.detail })
		.from(auditEvents)
		.where(and(eq(auditEvents.cycleId, cycleId), eq(auditEvents.action, 'pabulib.imported')))
		.orderBy(asc(auditEvents.seq))
		.limit(1);
	return (row?.detail as { meta?: Record<string, string> } | undefined)?.meta;
}

export async function receipts(db: DbOrTx, cycleId: string): Promise<string[]> {
	const rows = await db
		.select({ receipt: ballots.receipt })
		.from(ballots)
		.where(eq(ballots.cycleId, cycleId))
		.orderBy(asc(ballots.receipt));
	return rows.map((r) => r.receipt);
}

export async function hasReceipt(
	db: DbOrTx,
	p: { cycleId: string; receipt: string }
): Promise<boolean> {
	const [row] = await db
		.select({ id: ballots.id })
		.from(ballots)
		.where(and(eq(ballots.cycleId, p.cycleId), eq(ballots.receipt, p.receipt)));
	return row !== undefined;
}

export async function setPhase(db: DbOrTx, p: { cycleId: string; phase: 'results'; at: Date }) {
	await db.update(cycles).set({ phase: p.phase, updatedAt: p.at }).where(eq(cycles.id, p.cycleId));
}

export async function lockCycle(db: DbOrTx, cycleId: string) {
	const [row] = await db
		.select({ phase: cycles.phase })
		.from(cycles)
		.where(eq(cycles.id, cycleId))
		.for('update');
	return row;
}

/**
 * Archive: destroys the link key (no ballot can be tied to a voter again) and purges what is
 * personal. Timestamps are cut to the day, because a voter row created at 10:31:07 and a ballot
 * cast at 10:31:09 would link them again without any key.
 */
export async function purgeForArchive(db: DbOrTx, cycleId: string) {
	const day = (column: unknown) => sql`date_trunc('day', ${column})`;
	await db.update(cycles).set({ linkKey: null }).where(eq(cycles.id, cycleId));
	await db
		.update(voters)
		.set({
			ageBracket: null,
			neighborhood: null,
			residencyBasis: null,
			createdAt: day(voters.createdAt),
			votedInPersonAt: day(voters.votedInPersonAt)
		})
		.where(eq(voters.cycleId, cycleId));
	await db
		.update(ballots)
		.set({
			ageBracket: null,
			neighborhood: null,
			castAt: day(ballots.castAt),
			updatedAt: day(ballots.updatedAt)
		})
		.where(eq(ballots.cycleId, cycleId));
	await db.update(ideas).set({ contact: null }).where(eq(ideas.cycleId, cycleId));
}
