import { cycles, projects, staffUsers, type Db } from '@allot/db';
import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import { appendAudit } from '../modules/audit/audit.repo.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { demoCycle, demoProjects } from './demo-data.ts';

export const DEMO_ADMIN_EMAIL = 'admin@allot.local';

export interface AdminBootstrap {
	email: string;
	/** set only when this run created the admin with a generated password (shown once) */
	generatedPassword?: string;
	created: boolean;
}

/**
 * Makes sure a first admin exists: ALLOT_ADMIN_EMAIL / ALLOT_ADMIN_PASSWORD when set, else a
 * demo admin with a random password returned once for printing. Existing accounts are untouched.
 */
export async function ensureAdmin(db: Db, config: Config, now: Date): Promise<AdminBootstrap> {
	const email = (config.ALLOT_ADMIN_EMAIL ?? DEMO_ADMIN_EMAIL).toLowerCase();
	const [existing] = await db
		.select({ id: staffUsers.id })
		.from(staffUsers)
		.where(eq(staffUsers.email, email));
	if (existing) return { email, created: false };
	const generatedPassword = config.ALLOT_ADMIN_PASSWORD
		? undefined
		: randomBytes(12).toString('base64url');
	const passwordHash = await hashPassword(config.ALLOT_ADMIN_PASSWORD ?? generatedPassword!);
	await db.transaction(async (tx) => {
		const [admin] = await tx
			.insert(staffUsers)
			.values({ email, displayName: 'Administrator', passwordHash, role: 'admin' })
			.returning({ id: staffUsers.id });
		await appendAudit(tx, {
			actor: 'system',
			action: 'staff.bootstrap',
			detail: { staffId: admin!.id, email },
			at: now
		});
	});
	return { email, generatedPassword, created: true };
}

/** Seeds the demo cycle once: when any cycle exists, nothing is written. */
export async function seedDemo(db: Db, now: Date): Promise<boolean> {
	const [any] = await db.select({ id: cycles.id }).from(cycles).limit(1);
	if (any) return false;
	await db.transaction(async (tx) => {
		const [cycle] = await tx
			.insert(cycles)
			.values({ ...demoCycle, linkKey: randomBytes(32) })
			.returning({ id: cycles.id });
		await tx.insert(projects).values(
			demoProjects.map((p, position) => ({
				cycleId: cycle!.id,
				code: p.code,
				title: p.title,
				summary: p.summary,
				description: p.summary,
				costCents: p.costCents,
				category: p.category,
				position,
				translations: { es: { title: p.es }, ar: { title: p.ar } }
			}))
		);
		await appendAudit(tx, {
			cycleId: cycle!.id,
			actor: 'system',
			action: 'cycle.seeded',
			detail: { slug: demoCycle.slug },
			at: now
		});
	});
	return true;
}
