import { bigserial, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at } from './columns.ts';

/**
 * Append-only, hash-chained log of every staff action and phase change. A trigger (see the
 * custom migration) refuses UPDATE and DELETE; `hash = sha256(prevHash || canonical entry)`, so
 * `allot audit verify` detects any row changed behind the database's back.
 */
export const auditEvents = pgTable(
	'audit_events',
	{
		seq: bigserial({ mode: 'number' }).primaryKey(),
		cycleId: uuid(),
		actor: text().notNull(),
		action: text().notNull(),
		detail: jsonb().notNull().default({}),
		at: at().notNull().defaultNow(),
		prevHash: text().notNull(),
		hash: text().notNull()
	},
	(t) => [index('audit_events_cycle_idx').on(t.cycleId, t.seq)]
);
