import { ballotEvents, ballots, cycles, type DbOrTx } from '@allot/db';
import { and, eq, isNull, sql } from 'drizzle-orm';

type Channel = 'online' | 'kiosk' | 'paper' | 'import';

/**
 * Takes the cycle row lock a ballot write needs and returns what the write needs from the row.
 * A ballot holds a share lock on its cycle until commit; a phase change updates the row, which
 * waits for every ballot in flight: so no ballot can commit after the vote closes, and the
 * hash of the frozen ballots taken at close sees all of them.
 * The first ballot also locks the rules; it takes the update lock before any share lock, since
 * upgrading a share lock that others also hold would deadlock.
 */
export async function lockCycleForBallot(
	db: DbOrTx,
	p: { cycleId: string; rulesLocked: boolean; at: Date }
) {
	const fields = { phase: cycles.phase, linkKey: cycles.linkKey };
	if (!p.rulesLocked) {
		const [locked] = await db
			.update(cycles)
			.set({ rulesLockedAt: p.at })
			.where(and(eq(cycles.id, p.cycleId), isNull(cycles.rulesLockedAt)))
			.returning(fields);
		if (locked) return { ...locked, lockedRulesNow: true };
	}
	const [row] = await db.select(fields).from(cycles).where(eq(cycles.id, p.cycleId)).for('share');
	return { ...row!, lockedRulesNow: false };
}

export interface BallotWrite {
	cycleId: string;
	voterKey: string;
	content: unknown;
	receipt: string;
	channel: Channel;
	pollingSiteId: string | null;
	ageBracket: string | null;
	neighborhood: string | null;
	at: Date;
}

/**
 * One statement inserts the first ballot or revises the existing one (revision + 1), so two
 * submissions of one voter can never leave two rows; a revision keeps the receipt and the first
 * cast time.
 */
export async function upsertBallot(db: DbOrTx, b: BallotWrite) {
	const [row] = await db
		.insert(ballots)
		.values({
			cycleId: b.cycleId,
			voterKey: b.voterKey,
			content: b.content,
			receipt: b.receipt,
			channel: b.channel,
			pollingSiteId: b.pollingSiteId,
			ageBracket: b.ageBracket,
			neighborhood: b.neighborhood,
			castAt: b.at,
			updatedAt: b.at
		})
		.onConflictDoUpdate({
			target: [ballots.cycleId, ballots.voterKey],
			set: {
				content: sql`excluded.content`,
				channel: sql`excluded.channel`,
				pollingSiteId: sql`excluded.polling_site_id`,
				revision: sql`${ballots.revision} + 1`,
				updatedAt: sql`excluded.updated_at`
			}
		})
		.returning();
	return row!;
}

/** Turnout over time: one row per acknowledged submission, with no voter identity. */
export async function insertBallotEvent(
	db: DbOrTx,
	e: { cycleId: string; ballotId: string; revision: number; channel: Channel; at: Date }
) {
	await db.insert(ballotEvents).values(e);
}

export async function findBallotByKey(db: DbOrTx, p: { cycleId: string; voterKey: string }) {
	const [row] = await db
		.select()
		.from(ballots)
		.where(and(eq(ballots.cycleId, p.cycleId), eq(ballots.voterKey, p.voterKey)));
	return row;
}
