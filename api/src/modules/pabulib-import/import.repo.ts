import { ballots, cycles, projects, type DbOrTx } from '@allot/db';
import { eq, like, or, sql } from 'drizzle-orm';

export async function slugsLike(db: DbOrTx, base: string): Promise<Set<string>> {
	const rows = await db
		.select({ slug: cycles.slug })
		.from(cycles)
		.where(or(eq(cycles.slug, base), like(cycles.slug, `${base}-%`)));
	return new Set(rows.map((r) => r.slug));
}

export async function insertCycle(db: DbOrTx, c: typeof cycles.$inferInsert) {
	const [row] = await db.insert(cycles).values(c).returning({ id: cycles.id });
	return row!.id;
}

export async function insertProjects(db: DbOrTx, rows: (typeof projects.$inferInsert)[]) {
	for (let i = 0; i < rows.length; i += 1_000)
		await db.insert(projects).values(rows.slice(i, i + 1_000));
}

export interface ImportedBallot {
	voterKey: string;
	content: unknown;
	receipt: string;
	ageBracket: string | null;
	neighborhood: string | null;
}

/**
 * Bulk insert of imported ballots: each chunk of 5,000 rows goes as one JSON parameter expanded
 * by jsonb_to_recordset, about three times faster than a multi-row VALUES list (which also runs
 * into the 65,535-parameter limit) on both engines.
 */
export async function insertBallots(
	db: DbOrTx,
	p: { cycleId: string; at: Date; rows: readonly ImportedBallot[] }
) {
	const at = p.at.toISOString();
	for (let i = 0; i < p.rows.length; i += 5_000) {
		const chunk = JSON.stringify(
			p.rows.slice(i, i + 5_000).map((r) => ({
				voter_key: r.voterKey,
				content: r.content,
				receipt: r.receipt,
				age_bracket: r.ageBracket,
				neighborhood: r.neighborhood
			}))
		);
		await db.execute(sql`
			insert into ${ballots} (cycle_id, voter_key, content, receipt, channel, age_bracket, neighborhood, cast_at, updated_at)
			select ${p.cycleId}::uuid, r.voter_key, r.content, r.receipt, 'import', r.age_bracket, r.neighborhood,
				${at}::timestamptz, ${at}::timestamptz
			from jsonb_to_recordset(${chunk}::jsonb)
				as r(voter_key text, content jsonb, receipt text, age_bracket text, neighborhood text)`);
	}
}
