import { PHASES } from '@allot/shared/domain/phases';
import { sql } from 'drizzle-orm';
import { char, check, customType, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { at, cents, createdAt, id } from './columns.ts';

// The phase list has one home, the pure domain core; the column accepts exactly those names.
export const phases = PHASES;

export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
	dataType: () => 'bytea',
	fromDriver: (value) => Buffer.from(value)
});

export const cycles = pgTable(
	'cycles',
	{
		id: id(),
		slug: text().notNull().unique(),
		name: text().notNull(),
		description: text().notNull().default(''),
		potCents: cents().notNull(),
		currency: char({ length: 3 }).notNull(),
		categories: jsonb().$type<string[]>().notNull().default([]),
		neighborhoods: jsonb().$type<string[]>().notNull().default([]),
		/** eligibility policy: age window on an as-of date, residency bases */
		eligibility: jsonb().notNull(),
		/** ballot rules object (kind + its rules) as in DESIGN.md "Ballots" */
		ballotRules: jsonb().notNull(),
		/** allocation params named as the CLI flags */
		allocation: jsonb().notNull(),
		phase: text({ enum: phases }).notNull().default('draft'),
		/** optional planned start/end per phase: { voting: { startsAt, endsAt } } */
		timeline: jsonb().notNull().default({}),
		retention: text().notNull().default(''),
		/**
		 * Secret that links ballots to voters (voter_key = HMAC(link_key, voter_id)). Set to NULL at
		 * archive: from then on no one, including the operator, can link a ballot to a voter.
		 */
		linkKey: bytea(),
		rulesLockedAt: at(),
		createdAt: createdAt(),
		updatedAt: at().notNull().defaultNow()
	},
	(t) => [
		check('cycle_pot_nonneg', sql`${t.potCents} >= 0`),
		check(
			'cycle_phase_known',
			sql`${t.phase} in ('draft','ideas','development','voting','tallying','results','implementation','archived')`
		),
		check('cycle_slug_format', sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]{0,62}$'`)
	]
);
