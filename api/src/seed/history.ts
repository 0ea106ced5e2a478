import { seededRandom } from '@allot/shared/domain/random';
import {
	ballots,
	cycles,
	pollingSites,
	projects,
	results,
	voters,
	type Db,
	type DbOrTx
} from '@allot/db';
import type { AllocationParams } from '@allot/shared';
import { sql } from 'drizzle-orm';
import { randomBytes, randomUUID } from 'node:crypto';
import { appendAudit } from '../modules/audit/audit.repo.ts';
import { newReceipt, voterKey } from '../modules/ballots/voter-key.ts';
import type { CycleRow } from '../modules/ballots/cycle-access.ts';
import { loadBallotSet } from '../modules/results/ballot-set.ts';
import { publishedPayload } from '../modules/results/results.service.ts';
import { computeOutcome } from '../modules/results/tally.ts';
import {
	AGE_SHARES,
	CHANNEL_SHARES,
	HISTORY_BALLOTS,
	HISTORY_SITES,
	historyCycle,
	historyProjects,
	NEIGHBORHOOD_SHARES,
	VOTING_DAYS,
	VOTING_START,
	type HistoryProject
} from './history-data.ts';

function pick<T>(random: () => number, shares: readonly [T, number][]): T {
	let r = random() * shares.reduce((s, [, w]) => s + w, 0);
	for (const [value, weight] of shares) if ((r -= weight) < 0) return value;
	return shares[shares.length - 1]![0];
}

function appeal(p: HistoryProject, age: string, area: string): number {
	return p.appeal * (p.ages?.[age] ?? 1) * (p.area === area ? 2.5 : 1);
}

/** A ranking of 1–5 projects drawn by appeal without replacement (Plackett–Luce). */
function ranking(random: () => number, age: string, area: string): string[] {
	const length = pick(random, [
		[1, 0.08],
		[2, 0.1],
		[3, 0.2],
		[4, 0.17],
		[5, 0.45]
	] as [number, number][]);
	const pool = historyProjects.map((p) => [p.code, appeal(p, age, area)] as [string, number]);
	const out: string[] = [];
	while (out.length < length) {
		const code = pick(random, pool);
		out.push(code);
		pool.splice(
			pool.findIndex(([c]) => c === code),
			1
		);
	}
	return out;
}

/** A voting day with weekend peaks and a last-days surge, and a time between 7 am and 7 pm (EDT). */
function castAt(random: () => number): Date {
	const days = Array.from({ length: VOTING_DAYS }, (_, d) => {
		const weekday = new Date(VOTING_START + d * 86_400_000).getUTCDay();
		const weekend = weekday === 0 || weekday === 6 ? 1.6 : 1;
		return [d, weekend * (d === 0 ? 2 : 1) * (d >= VOTING_DAYS - 3 ? 2.4 : 1)] as [number, number];
	});
	const day = pick(random, days);
	return new Date(VOTING_START + day * 86_400_000 + (11 + random() * 12) * 3_600_000);
}

type Row = Record<string, string | number | null>;

function generate(linkKey: Buffer, siteIds: string[]) {
	const random = seededRandom(2026);
	const voterRows: Row[] = [];
	const ballotRows: Row[] = [];
	for (let i = 0; i < HISTORY_BALLOTS; i++) {
		const age = pick(random, AGE_SHARES);
		const area = pick(random, NEIGHBORHOOD_SHARES);
		const channel = pick(random, CHANNEL_SHARES);
		const site = channel === 'online' ? null : siteIds[Math.floor(random() * siteIds.length)]!;
		const at = castAt(random).toISOString();
		const content = JSON.stringify({ ranking: ranking(random, age, area) });
		const [id, ballotId] = [randomUUID(), randomUUID()];
		const person = { age_bracket: age, neighborhood: area, polling_site_id: site, channel };
		voterRows.push({
			id,
			residency_basis: 'live',
			voted_in_person_at: site && at,
			created_at: at,
			...person
		});
		const key = voterKey(linkKey, id);
		ballotRows.push({
			id: ballotId,
			voter_key: key,
			content,
			receipt: newReceipt(),
			cast_at: at,
			...person
		});
	}
	return { voterRows, ballotRows };
}

/**
 * Bulk insert through jsonb_to_recordset: one JSON parameter per 2,000 rows instead of a
 * VALUES list, several times faster on PGlite (seeding must stay well under 5 seconds).
 */
async function bulkInsert(
	tx: DbOrTx,
	table: typeof voters | typeof ballots,
	cycleId: string,
	columns: [string, string][],
	rows: Row[]
) {
	const names = columns.map(([name]) => name).join(', ');
	const types = columns.map(([name, type]) => `${name} ${type}`).join(', ');
	for (let i = 0; i < rows.length; i += 2_000) {
		const json = JSON.stringify(rows.slice(i, i + 2_000));
		await tx.execute(
			sql`insert into ${table} (cycle_id, ${sql.raw(names)})
				select ${cycleId}::uuid, ${sql.raw(names)}
				from jsonb_to_recordset(${json}::jsonb) as r(${sql.raw(types)})`
		);
	}
}

const PERSON: [string, string][] = [
	['age_bracket', 'text'],
	['neighborhood', 'text'],
	['polling_site_id', 'uuid'],
	['channel', 'text']
];

async function insertElection(tx: DbOrTx, cycle: CycleRow) {
	await tx.insert(projects).values(
		historyProjects.map((p, position) => ({
			cycleId: cycle.id,
			code: p.code,
			title: p.title,
			summary: p.summary,
			description: p.summary,
			costCents: p.costCents,
			category: p.category,
			position
		}))
	);
	const sites = await tx
		.insert(pollingSites)
		.values(HISTORY_SITES.map((s) => ({ cycleId: cycle.id, ...s })))
		.returning({ id: pollingSites.id });
	const rows = generate(
		cycle.linkKey!,
		sites.map((s) => s.id)
	);
	const at = (name: string): [string, string] => [name, 'timestamptz'];
	await bulkInsert(
		tx,
		voters,
		cycle.id,
		[
			['id', 'uuid'],
			['residency_basis', 'text'],
			at('voted_in_person_at'),
			at('created_at'),
			...PERSON
		],
		rows.voterRows
	);
	await bulkInsert(
		tx,
		ballots,
		cycle.id,
		[
			['id', 'uuid'],
			['voter_key', 'text'],
			['content', 'jsonb'],
			['receipt', 'text'],
			at('cast_at'),
			...PERSON
		],
		rows.ballotRows
	);
}

/**
 * Seeds last year's closed and published cycle (< 1 s on PGlite): projects, polling sites,
 * 3,200 voters and their ranked ballots from a seeded PRNG, and the published result computed
 * by the same code as POST …/results/publish, with its audit trail.
 */
export async function seedHistory(db: Db, now: Date): Promise<void> {
	const published = new Date(Date.UTC(2026, 4, 4, 16));
	await db.transaction(async (tx) => {
		const [cycle] = await tx
			.insert(cycles)
			.values({
				...historyCycle,
				phase: 'results',
				linkKey: randomBytes(32),
				rulesLockedAt: new Date(VOTING_START),
				createdAt: new Date(VOTING_START - 60 * 86_400_000)
			})
			.returning();
		await insertElection(tx, cycle!);
		const set = await loadBallotSet(tx, cycle!);
		const outcome = computeOutcome(set, historyCycle.allocation as AllocationParams);
		const payload = await publishedPayload(tx, cycle!, outcome, published);
		await tx.insert(results).values({
			cycleId: cycle!.id,
			kind: 'published',
			params: outcome.params,
			outcome: payload,
			overrides: [],
			ballotsSha256: set.sha256,
			createdAt: published
		});
		const audit = (action: string, detail: Record<string, unknown>) =>
			appendAudit(tx, { cycleId: cycle!.id, actor: 'system', action, detail, at: now });
		await audit('cycle.seeded', { slug: historyCycle.slug, history: true });
		await audit('ballots.frozen', { ballotsSha256: set.sha256, ballotCount: set.ballotCount });
		await audit('results.published', {
			ballotsSha256: set.sha256,
			params: outcome.params,
			overrides: [],
			funded: outcome.funded.map((f) => f.id)
		});
	});
}
