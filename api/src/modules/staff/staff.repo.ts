import { staffUsers, type DbOrTx } from '@allot/db';
import type { StaffRole } from '@allot/shared/domain/policy';
import { and, asc, eq, isNull } from 'drizzle-orm';

export type StaffRow = typeof staffUsers.$inferSelect;

export async function findStaffByEmail(db: DbOrTx, email: string): Promise<StaffRow | undefined> {
	const [row] = await db.select().from(staffUsers).where(eq(staffUsers.email, email));
	return row;
}

export async function findStaffById(
	db: DbOrTx,
	id: string,
	opts: { forUpdate?: boolean } = {}
): Promise<StaffRow | undefined> {
	const query = db.select().from(staffUsers).where(eq(staffUsers.id, id));
	const [row] = await (opts.forUpdate ? query.for('update') : query);
	return row;
}

export async function listStaff(db: DbOrTx): Promise<StaffRow[]> {
	return db.select().from(staffUsers).orderBy(asc(staffUsers.createdAt), asc(staffUsers.email));
}

export async function insertStaff(
	db: DbOrTx,
	p: {
		email: string;
		displayName: string;
		role: StaffRole;
		passwordHash: string;
		temporary: boolean;
		now: Date;
	}
): Promise<StaffRow | undefined> {
	const [row] = await db
		.insert(staffUsers)
		.values({
			email: p.email,
			displayName: p.displayName,
			role: p.role,
			passwordHash: p.passwordHash,
			passwordTemporary: p.temporary,
			createdAt: p.now
		})
		.onConflictDoNothing({ target: staffUsers.email })
		.returning();
	return row;
}

export async function updateStaff(
	db: DbOrTx,
	id: string,
	p: Partial<
		Pick<StaffRow, 'displayName' | 'role' | 'disabledAt' | 'passwordHash' | 'passwordTemporary'>
	>
): Promise<StaffRow> {
	const [row] = await db.update(staffUsers).set(p).where(eq(staffUsers.id, id)).returning();
	return row!;
}

/** Active admins, locked so two concurrent demotions cannot remove the last one together. */
export async function countActiveAdmins(db: DbOrTx): Promise<number> {
	const admins = await db
		.select({ id: staffUsers.id })
		.from(staffUsers)
		.where(and(eq(staffUsers.role, 'admin'), isNull(staffUsers.disabledAt)))
		.for('update');
	return admins.length;
}
