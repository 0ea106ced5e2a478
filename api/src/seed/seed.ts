import { cycles, staffUsers, type Db } from '@allot/db';
import { CycleCreateBody } from '@allot/shared';
import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Deps } from '../deps.ts';
import { appendAudit } from '../modules/audit/audit.repo.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { createCycle } from '../modules/cycles/cycles.service.ts';
import { changePhase } from '../modules/cycles/phase.service.ts';
import { createProject } from '../modules/projects/projects.service.ts';
import { findStaffByEmail } from '../modules/staff/staff.repo.ts';
import { demoCycle, demoProjects } from './demo-data.ts';
import { seedHistory } from './history.ts';

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

/**
 * Seeds the demo cycle once (when no cycle exists) through the same services an admin's
 * requests use, acting as the first admin: the cycle, its 12 projects and the move to voting
 * are validated and audited like any other; then last year's published cycle (history.ts).
 * One transaction around it all (the services' own transactions become savepoints), so a
 * crash never leaves half a demo behind.
 */
export async function seedDemo(deps: Deps, adminEmail: string): Promise<boolean> {
	const [any] = await deps.db.select({ id: cycles.id }).from(cycles).limit(1);
	if (any) return false;
	const admin = await findStaffByEmail(deps.db, adminEmail.toLowerCase());
	if (!admin) throw new Error(`seedDemo: no staff account ${adminEmail}`);
	const actor = { kind: 'staff', id: admin.id, role: admin.role } as const;
	const { ballotRules, phase, ...cycle } = demoCycle;
	await deps.db.transaction(async (tx) => {
		const inTx: Deps = { ...deps, db: tx as unknown as Db };
		await createCycle(inTx, actor, CycleCreateBody.parse({ ...cycle, ballot: ballotRules }));
		for (const p of demoProjects) {
			await createProject(inTx, actor, cycle.slug, {
				id: p.code,
				title: p.title,
				summary: p.summary,
				description: p.summary,
				costCents: p.costCents,
				category: p.category,
				translations: { es: { title: p.es }, ar: { title: p.ar } }
			});
		}
		await changePhase(inTx, actor, cycle.slug, { phase });
		// last year's cycle, closed and published, so results and open data have history
		await seedHistory(tx as unknown as Db, deps.now());
	});
	return true;
}
