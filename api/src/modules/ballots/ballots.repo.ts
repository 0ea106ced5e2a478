import { ballots, cycles, type DbOrTx } from '@allot/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

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

export async function findBallotByKey(db: DbOrTx, p: { cycleId: string; voterKey: string }) {
	const [row] = await db
		.select()
		.from(ballots)
		.where(and(eq(ballots.cycleId, p.cycleId), eq(ballots.voterKey, p.voterKey)));
	return row;
}

// ---- the hot path of voting: one prepared statement per online ballot ---------------------

/**
 * Named prepared statements, built once per database handle: no query building per request,
 * and PostgreSQL parses and plans each statement once per connection instead of per ballot.
 */
function preparedOnce<T>(make: (db: DbOrTx) => T) {
	const bySession = new WeakMap<object, T>();
	return (db: DbOrTx): T => {
		let prepared = bySession.get(db._.session);
		if (!prepared) bySession.set(db._.session, (prepared = make(db)));
		return prepared;
	};
}

const ballotContextQuery = preparedOnce((db) =>
	db
		.select({
			id: cycles.id,
			phase: cycles.phase,
			ballotRules: cycles.ballotRules,
			potCents: cycles.potCents,
			linkKey: cycles.linkKey,
			rulesLockedAt: cycles.rulesLockedAt,
			projects: sql<{ id: string; costCents: number }[]>`coalesce((
				select json_agg(json_build_object('id', p.code, 'costCents', p.cost_cents) order by p.position, p.code)
				from projects p where p.cycle_id = "cycles"."id"), '[]'::json)`
		})
		.from(cycles)
		.where(eq(cycles.slug, sql.placeholder('slug')))
		.prepare('allot_ballot_context')
);

/**
 * Everything a ballot write needs to know about its cycle, in one round trip: phase, rules, pot,
 * link key and the projects' ids and costs (the hot path of voting reads nothing else).
 */
export async function findBallotContext(db: DbOrTx, slug: string) {
	const [row] = await ballotContextQuery(db).execute({ slug });
	return row;
}

export type OnlineCast =
	| { ok: true; ballot: typeof ballots.$inferSelect }
	| { ok: false; reason: 'NO_VOTER' | 'VOTED_IN_PERSON' | 'CLOSED'; phase: string | null };

interface CastRow {
	voter_found: boolean;
	voted_in_person: boolean;
	phase: string | null;
	id: string | null;
	cycle_id: string;
	voter_key: string;
	content: unknown;
	receipt: string;
	channel: Channel;
	polling_site_id: string | null;
	revision: number;
	age_bracket: string | null;
	neighborhood: string | null;
	cast_at: Date | string;
	updated_at: Date | string;
}

const $ = (name: string) => sql.placeholder(name);
const castOnlineSql = sql`
	with voter as (
		select age_bracket, neighborhood, voted_in_person_at is not null as voted_in_person
		from voters where id = ${$('voterId')} and cycle_id = ${$('cycleId')} for update
	), cycle as (
		-- the voter's lock first, as everywhere else: this scan runs only after the voter's
		select phase, link_key = ${$('linkKey')} as same_key from cycles
		where id = ${$('cycleId')} and (select true from voter) for share
	), ballot as (
		insert into ballots (cycle_id, voter_key, content, receipt, channel, age_bracket, neighborhood, cast_at, updated_at)
		select ${$('cycleId')}, ${$('voterKey')}, ${$('content')}::jsonb, ${$('receipt')}, 'online',
			voter.age_bracket, voter.neighborhood, ${$('at')}::timestamptz, ${$('at')}::timestamptz
		from voter, cycle
		where not voter.voted_in_person and cycle.phase = 'voting' and cycle.same_key
		on conflict (cycle_id, voter_key) do update set content = excluded.content,
			channel = excluded.channel, polling_site_id = excluded.polling_site_id,
			revision = ballots.revision + 1, updated_at = excluded.updated_at
		-- named columns, not *: a prepared statement's result type must survive a migration that
		-- adds a column (PostgreSQL refuses a cached plan whose result changed)
		returning id, cycle_id, voter_key, content, receipt, channel, polling_site_id, revision,
			age_bracket, neighborhood, cast_at, updated_at
	)
	select exists (select 1 from voter) as voter_found,
		coalesce((select voted_in_person from voter), false) as voted_in_person,
		(select phase from cycle) as phase, ballot.id, ballot.cycle_id, ballot.voter_key,
		ballot.content, ballot.receipt, ballot.channel, ballot.polling_site_id, ballot.revision,
		ballot.age_bracket, ballot.neighborhood, ballot.cast_at, ballot.updated_at
	from (select 1) as one left join ballot on true`;

const castOnlineQuery = preparedOnce((db) =>
	db._.session.prepareQuery(
		new PgDialect().sqlToQuery(castOnlineSql),
		undefined,
		'allot_cast_online_ballot',
		false
	)
);

const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/**
 * An online ballot (first or revision) as one statement, so one round trip and no explicit
 * transaction: a single statement is atomic. It takes the same locks, in the same order, as
 * the general path (castBallot): the voter's row `for update` (an in-person ballot and an online
 * revision never interleave), then the cycle's row `for share` (a phase change waits for the
 * ballots in flight; a ballot waiting on a phase change sees the new phase and writes nothing).
 * Nothing is written unless the voter exists and has not voted in person, and the cycle is in
 * voting with the link key the voter key was made from. For cycles whose rules are already
 * locked (the first ballot of a cycle takes the general path, which locks them and audits it).
 */
export async function castOnlineBallot(
	db: DbOrTx,
	p: {
		cycleId: string;
		voterId: string;
		voterKey: string;
		linkKey: Buffer;
		content: unknown;
		receipt: string;
		at: Date;
	}
): Promise<OnlineCast> {
	const result = await castOnlineQuery(db).execute({
		...p,
		content: JSON.stringify(p.content),
		at: p.at.toISOString()
	});
	const row = (result as { rows: CastRow[] }).rows[0]!;
	if (row.id === null) {
		const reason = !row.voter_found
			? 'NO_VOTER'
			: row.voted_in_person
				? 'VOTED_IN_PERSON'
				: 'CLOSED';
		return { ok: false, reason, phase: row.phase };
	}
	return {
		ok: true,
		ballot: {
			id: row.id,
			cycleId: row.cycle_id,
			voterKey: row.voter_key,
			content: row.content,
			receipt: row.receipt,
			channel: row.channel,
			pollingSiteId: row.polling_site_id,
			revision: row.revision,
			ageBracket: row.age_bracket,
			neighborhood: row.neighborhood,
			castAt: asDate(row.cast_at),
			updatedAt: asDate(row.updated_at)
		}
	};
}
