import { sql } from 'drizzle-orm';
import { boolean, check, pgTable, text, integer } from 'drizzle-orm/pg-core';
import { at, createdAt, id } from './columns.ts';

export const staffRoles = ['admin', 'reviewer', 'moderator', 'poll_worker'] as const;

export const staffUsers = pgTable(
	'staff_users',
	{
		id: id(),
		email: text().notNull().unique(),
		displayName: text().notNull(),
		passwordHash: text().notNull(),
		role: text({ enum: staffRoles }).notNull(),
		/** set while the password is the temporary one an admin handed out */
		passwordTemporary: boolean().notNull().default(false),
		disabledAt: at(),
		createdAt: createdAt()
	},
	(t) => [check('staff_role_known', sql`${t.role} in ('admin','reviewer','moderator','poll_worker')`)]
);

/**
 * Failed-attempt counters for logins and access-code redemption. They live in the database, not
 * in process memory, so a lockout survives restarts and holds across replicas.
 */
export const attemptCounters = pgTable('attempt_counters', {
	key: text().primaryKey(),
	failures: integer().notNull().default(0),
	windowStartedAt: at().notNull().defaultNow(),
	lockedUntil: at()
});
