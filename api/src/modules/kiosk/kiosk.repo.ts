import { ballots, kioskSessions, pollingSites, staffUsers, type DbOrTx } from '@allot/db';
import { and, asc, count, eq, gt, isNull, sql } from 'drizzle-orm';

export async function insertSite(
	db: DbOrTx,
	p: { cycleId: string; name: string; neighborhood: string | null; at: Date }
) {
	const [row] = await db
		.insert(pollingSites)
		.values({ cycleId: p.cycleId, name: p.name, neighborhood: p.neighborhood, createdAt: p.at })
		.returning();
	return row!;
}

export async function listSites(db: DbOrTx, cycleId: string) {
	return db
		.select()
		.from(pollingSites)
		.where(eq(pollingSites.cycleId, cycleId))
		.orderBy(asc(pollingSites.name));
}

export async function findSite(db: DbOrTx, p: { cycleId: string; siteId: string }) {
	const [row] = await db
		.select()
		.from(pollingSites)
		.where(and(eq(pollingSites.id, p.siteId), eq(pollingSites.cycleId, p.cycleId)));
	return row;
}

export async function insertSession(
	db: DbOrTx,
	p: { cycleId: string; siteId: string; workerId: string; at: Date }
) {
	const [row] = await db
		.insert(kioskSessions)
		.values({
			cycleId: p.cycleId,
			pollingSiteId: p.siteId,
			workerId: p.workerId,
			openedAt: p.at,
			lastSeenAt: p.at
		})
		.returning();
	return row!;
}

export async function findSession(db: DbOrTx, p: { cycleId: string; sessionId: string }) {
	const [row] = await db
		.select({ session: kioskSessions, siteName: pollingSites.name })
		.from(kioskSessions)
		.innerJoin(pollingSites, eq(pollingSites.id, kioskSessions.pollingSiteId))
		.where(and(eq(kioskSessions.id, p.sessionId), eq(kioskSessions.cycleId, p.cycleId)));
	return row;
}

/** What deciding whether a kiosk credential still works needs: its session and its worker. */
export async function findSessionStatus(db: DbOrTx, p: { cycleId: string; sessionId: string }) {
	const [row] = await db
		.select({
			closedAt: kioskSessions.closedAt,
			lastSeenAt: kioskSessions.lastSeenAt,
			workerRole: staffUsers.role,
			workerDisabledAt: staffUsers.disabledAt
		})
		.from(kioskSessions)
		.innerJoin(staffUsers, eq(staffUsers.id, kioskSessions.workerId))
		.where(and(eq(kioskSessions.id, p.sessionId), eq(kioskSessions.cycleId, p.cycleId)));
	return row;
}

export async function touchSession(db: DbOrTx, p: { sessionId: string; at: Date }) {
	await db.update(kioskSessions).set({ lastSeenAt: p.at }).where(eq(kioskSessions.id, p.sessionId));
}

export async function closeSession(db: DbOrTx, p: { sessionId: string; at: Date }) {
	await db
		.update(kioskSessions)
		.set({ closedAt: sql`coalesce(${kioskSessions.closedAt}, ${p.at.toISOString()}::timestamptz)` })
		.where(eq(kioskSessions.id, p.sessionId));
}

/** An open session at the site seen after `since`; touching it keeps the booth alive. */
export async function touchOpenSessionAtSite(
	db: DbOrTx,
	p: { siteId: string; since: Date; at: Date }
): Promise<boolean> {
	const rows = await db
		.update(kioskSessions)
		.set({ lastSeenAt: p.at })
		.where(
			and(
				eq(kioskSessions.pollingSiteId, p.siteId),
				isNull(kioskSessions.closedAt),
				gt(kioskSessions.lastSeenAt, p.since)
			)
		)
		.returning({ id: kioskSessions.id });
	return rows.length > 0;
}

/** Counted ballots per channel and per site, first submissions per UTC day, all submissions. */
export async function liveTurnout(db: DbOrTx, cycleId: string) {
	const byChannel = await db
		.select({ key: ballots.channel, count: count() })
		.from(ballots)
		.where(eq(ballots.cycleId, cycleId))
		.groupBy(ballots.channel);
	const bySite = await db
		.select({ key: pollingSites.id, name: pollingSites.name, count: count(ballots.id) })
		.from(pollingSites)
		.leftJoin(ballots, eq(ballots.pollingSiteId, pollingSites.id))
		.where(eq(pollingSites.cycleId, cycleId))
		.groupBy(pollingSites.id, pollingSites.name);
	// A revision keeps its ballot's first cast time and counts itself in `revision`: first
	// submissions per day and all submissions need no log of their own.
	const day = sql<string>`to_char(${ballots.castAt} at time zone 'UTC', 'YYYY-MM-DD')`;
	const byDay = await db
		.select({ key: day, count: count() })
		.from(ballots)
		.where(eq(ballots.cycleId, cycleId))
		.groupBy(day)
		.orderBy(day);
	const [submissions] = await db
		.select({ count: sql<number>`coalesce(sum(${ballots.revision}), 0)::int` })
		.from(ballots)
		.where(eq(ballots.cycleId, cycleId));
	return { byChannel, bySite, byDay, submissions: submissions?.count ?? 0 };
}
