import { sql } from 'drizzle-orm';
import {
	check,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { at, createdAt, id } from './columns.ts';
import { cycles } from './cycles.ts';
import { staffUsers } from './staff.ts';

export const channels = ['online', 'kiosk', 'paper', 'import'] as const;

export const accessCodeBatches = pgTable('access_code_batches', {
	id: id(),
	cycleId: uuid()
		.notNull()
		.references(() => cycles.id, { onDelete: 'cascade' }),
	label: text().notNull(),
	size: integer().notNull(),
	createdBy: uuid().references(() => staffUsers.id),
	voidedAt: at(),
	createdAt: createdAt()
});

/** Single-use codes, stored only as a hash (the plain code is shown once, at generation). */
export const accessCodes = pgTable(
	'access_codes',
	{
		id: id(),
		cycleId: uuid()
			.notNull()
			.references(() => cycles.id, { onDelete: 'cascade' }),
		batchId: uuid()
			.notNull()
			.references(() => accessCodeBatches.id, { onDelete: 'cascade' }),
		codeHash: text().notNull(),
		redeemedAt: at(),
		voidedAt: at(),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('access_codes_hash_uq').on(t.cycleId, t.codeHash)]
);

export const pollingSites = pgTable('polling_sites', {
	id: id(),
	cycleId: uuid()
		.notNull()
		.references(() => cycles.id, { onDelete: 'cascade' }),
	name: text().notNull(),
	neighborhood: text(),
	createdAt: createdAt()
});

/**
 * A voter holds no name and no birth date: only what eligibility and the suppressed turnout
 * statistics need. `votedInPersonAt` blocks online voting after a kiosk or paper ballot.
 */
export const voters = pgTable(
	'voters',
	{
		id: id(),
		cycleId: uuid()
			.notNull()
			.references(() => cycles.id, { onDelete: 'cascade' }),
		accessCodeId: uuid().references(() => accessCodes.id),
		ageBracket: text(),
		residencyBasis: text(),
		neighborhood: text(),
		channel: text({ enum: channels }).notNull(),
		pollingSiteId: uuid().references(() => pollingSites.id),
		votedInPersonAt: at(),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('voters_access_code_uq').on(t.accessCodeId),
		index('voters_cycle_idx').on(t.cycleId)
	]
);

export const kioskSessions = pgTable('kiosk_sessions', {
	id: id(),
	cycleId: uuid()
		.notNull()
		.references(() => cycles.id, { onDelete: 'cascade' }),
	pollingSiteId: uuid()
		.notNull()
		.references(() => pollingSites.id),
	workerId: uuid()
		.notNull()
		.references(() => staffUsers.id),
	openedAt: createdAt(),
	lastSeenAt: at().notNull().defaultNow(),
	closedAt: at()
});

/**
 * Ballots are keyed by voter_key = HMAC(cycle link key, voter id), never by voter id: once the
 * link key is destroyed at archive, no one can tell whose ballot is whose. One row per voter
 * per cycle; a revision overwrites it (the last one counts).
 */
export const ballots = pgTable(
	'ballots',
	{
		id: id(),
		cycleId: uuid()
			.notNull()
			.references(() => cycles.id, { onDelete: 'cascade' }),
		voterKey: text().notNull(),
		/** { ranking } | { approvals } | { points } as validated by the cycle's ballot rules */
		content: jsonb().notNull(),
		receipt: text().notNull(),
		channel: text({ enum: channels }).notNull(),
		pollingSiteId: uuid().references(() => pollingSites.id),
		revision: integer().notNull().default(1),
		ageBracket: text(),
		neighborhood: text(),
		castAt: at().notNull().defaultNow(),
		updatedAt: at().notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('ballots_cycle_voter_uq').on(t.cycleId, t.voterKey),
		uniqueIndex('ballots_receipt_uq').on(t.receipt),
		check('ballot_channel_known', sql`${t.channel} in ('online','kiosk','paper','import')`)
	]
);

export const resultKinds = ['preview', 'published'] as const;

export const results = pgTable(
	'results',
	{
		id: id(),
		cycleId: uuid()
			.notNull()
			.references(() => cycles.id, { onDelete: 'cascade' }),
		kind: text({ enum: resultKinds }).notNull(),
		params: jsonb().notNull(),
		outcome: jsonb().notNull(),
		overrides: jsonb().notNull().default([]),
		ballotsSha256: text().notNull(),
		createdBy: uuid().references(() => staffUsers.id),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('results_one_published_uq')
			.on(t.cycleId)
			.where(sql`${t.kind} = 'published'`)
	]
);
