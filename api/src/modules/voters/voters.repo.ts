import { voters, type DbOrTx } from '@allot/db';
import { and, eq } from 'drizzle-orm';

type Channel = 'online' | 'kiosk' | 'paper' | 'import';

export interface NewVoter {
	cycleId: string;
	accessCodeId: string | null;
	ageBracket: string | null;
	residencyBasis: string;
	neighborhood: string | null;
	channel: Channel;
	pollingSiteId?: string | null;
	at: Date;
}

export async function insertVoter(db: DbOrTx, v: NewVoter): Promise<string> {
	const [row] = await db
		.insert(voters)
		.values({
			cycleId: v.cycleId,
			accessCodeId: v.accessCodeId,
			ageBracket: v.ageBracket,
			residencyBasis: v.residencyBasis,
			neighborhood: v.neighborhood,
			channel: v.channel,
			pollingSiteId: v.pollingSiteId ?? null,
			createdAt: v.at
		})
		.returning({ id: voters.id });
	return row!.id;
}

/**
 * Locks the voter's row for the rest of the transaction. Every ballot write of one voter goes
 * through this lock, so an online revision and an in-person ballot can never interleave
 * (lock, then check "voted in person", then write).
 */
export async function findVoterForUpdate(db: DbOrTx, p: { voterId: string; cycleId: string }) {
	const [row] = await db
		.select()
		.from(voters)
		.where(and(eq(voters.id, p.voterId), eq(voters.cycleId, p.cycleId)))
		.for('update');
	return row;
}

export async function findVoter(db: DbOrTx, p: { voterId: string; cycleId: string }) {
	const [row] = await db
		.select()
		.from(voters)
		.where(and(eq(voters.id, p.voterId), eq(voters.cycleId, p.cycleId)));
	return row;
}

export async function findVoterByCode(db: DbOrTx, p: { accessCodeId: string; cycleId: string }) {
	const [row] = await db
		.select({ id: voters.id })
		.from(voters)
		.where(and(eq(voters.accessCodeId, p.accessCodeId), eq(voters.cycleId, p.cycleId)));
	return row;
}

export async function markVotedInPerson(
	db: DbOrTx,
	p: { voterId: string; at: Date; pollingSiteId: string | null }
) {
	await db
		.update(voters)
		.set({ votedInPersonAt: p.at, pollingSiteId: p.pollingSiteId })
		.where(eq(voters.id, p.voterId));
}

/** Binds a voter to the polling site where they checked in (their booth's session guards the ballot). */
export async function setPollingSite(db: DbOrTx, p: { voterId: string; pollingSiteId: string }) {
	await db.update(voters).set({ pollingSiteId: p.pollingSiteId }).where(eq(voters.id, p.voterId));
}
