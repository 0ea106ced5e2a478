#!/usr/bin/env tsx
/**
 * `npm run test:chaos`: ballots survive crashes. On a throwaway PostgreSQL cluster (initdb, see
 * pg-cluster.ts), voters keep submitting and revising ballots while staff keep generating access
 * codes (audited), and meanwhile:
 *   1. the API process is killed with SIGKILL and restarted;
 *   2. PostgreSQL is stopped `-m immediate` (a crash: recovery from the WAL) and restarted;
 *   3. the API is killed once more and restarted.
 * Then, straight from the database:
 *   - every voter with an acknowledged ballot has exactly one ballot row, holding the content of
 *     their last acknowledged submission (or of a later one whose answer was lost in a crash);
 *   - its revision counts the acknowledged submissions (plus at most the unanswered ones), and
 *     the row is whole (receipt, channel, cast time no later than its last revision: nothing
 *     half-written);
 *   - no ballot exists that nobody submitted;
 *   - the audit chain verifies, and every acknowledged code batch is in it.
 * Runs CHAOS_RUNS times (default 1); the last line is `chaos: N passed, N failed`.
 */
import { seededRandom } from '@allot/shared/domain/random';
import { createHmac } from 'node:crypto';
import pg from 'pg';
import { verifyChain, type ChainEntry } from '../../api/src/modules/audit/audit.chain.ts';
import {
	adminLogin,
	randomRanking,
	recreateDatabase,
	setupVoting,
	startApp,
	type AppProcess
} from '../bench/vote-lib.ts';
import { createCluster, findPgBin, freePort, type PgCluster } from './pg-cluster.ts';

const RUNS = Number(process.env.CHAOS_RUNS || 1);
const VOTERS = Number(process.env.CHAOS_VOTERS || 200);
const WORKERS = 16;
const PHASE_MS = Number(process.env.CHAOS_PHASE_MS || 4_000);

const log = (m: string) => console.log(`chaos: ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Outcome = 'ack' | 'refused' | 'unknown';
interface Attempt {
	content: { ranking: string[] };
	outcome: Outcome;
	revision?: number;
}

/** Per voter, one request at a time, so "the last acknowledged" is well defined. */
class Ledger {
	readonly attempts: Attempt[][];
	counts: Record<Outcome | string, number> = {};
	constructor(voters: number) {
		this.attempts = Array.from({ length: voters }, () => []);
	}
	record(voter: number, a: Attempt, label: string) {
		this.attempts[voter]!.push(a);
		this.counts[label] = (this.counts[label] ?? 0) + 1;
	}
}

/** PUT ballot; 2xx acknowledged, 4xx refused (nothing written), anything else unknown. */
async function submit(
	base: () => string,
	slug: string,
	token: string,
	content: Attempt['content']
) {
	try {
		const res = await fetch(`${base()}/api/cycles/${slug}/ballot`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify(content),
			signal: AbortSignal.timeout(5_000)
		});
		const body = (await res.json().catch(() => ({}))) as { revision?: number; code?: string };
		if (res.status === 200)
			return { outcome: 'ack' as const, revision: body.revision, label: '200' };
		const outcome = res.status < 500 ? ('refused' as const) : ('unknown' as const);
		return { outcome, label: `${res.status} ${body.code ?? ''}`.trim() };
	} catch (err) {
		return { outcome: 'unknown' as const, label: (err as Error).name };
	}
}

interface Load {
	stop(): Promise<void>;
	ledger: Ledger;
	batches: { acked: Set<string>; failed: number };
}

function startLoad(
	base: () => string,
	setup: { slug: string; projectIds: string[]; tokens: string[] },
	seed: number
): Load {
	const ledger = new Ledger(setup.tokens.length);
	const random = seededRandom(seed);
	let running = true;
	const voterWorker = async (w: number) => {
		for (let round = 0; running; round++) {
			for (let v = w; v < setup.tokens.length && running; v += WORKERS) {
				const content = randomRanking(random, setup.projectIds);
				const r = await submit(base, setup.slug, setup.tokens[v]!, content);
				ledger.record(v, { content, outcome: r.outcome, revision: r.revision }, r.label);
				if (r.outcome === 'unknown') await sleep(100);
			}
		}
	};
	// Staff keep working too: each batch is an audited write that must survive or vanish whole.
	const batches = { acked: new Set<string>(), failed: 0 };
	const staffWorker = async () => {
		let token = '';
		while (running) {
			try {
				if (!token) token = await adminLogin(base());
				const res = await fetch(`${base()}/api/cycles/${setup.slug}/access-codes`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
					body: JSON.stringify({ count: 2, label: 'chaos' }),
					signal: AbortSignal.timeout(5_000)
				});
				if (res.status === 201)
					batches.acked.add(((await res.json()) as { batchId: string }).batchId);
				else batches.failed++;
			} catch {
				batches.failed++;
			}
			await sleep(150);
		}
	};
	const all = Promise.all([
		...Array.from({ length: WORKERS }, (_, w) => voterWorker(w)),
		staffWorker()
	]);
	return {
		ledger,
		batches,
		stop: async () => {
			running = false;
			await all;
		}
	};
}

interface StoredBallot {
	voter_key: string;
	content: { ranking: string[] };
	revision: number;
	whole: boolean;
}

/** Compares the database with the ledger; returns the problems found (empty: all good). */
async function verify(
	dbUrl: string,
	slug: string,
	tokens: string[],
	load: Load
): Promise<string[]> {
	const client = new pg.Client({ connectionString: dbUrl });
	await client.connect();
	const problems: string[] = [];
	try {
		const cycle = (
			await client.query<{ id: string; link_key: Buffer }>(
				'select id, link_key from cycles where slug = $1',
				[slug]
			)
		).rows[0]!;
		const { rows } = await client.query<StoredBallot>(
			`select voter_key, content, revision,
				coalesce(length(receipt) > 0 and channel = 'online' and cast_at <= updated_at, false) as whole
			 from ballots where cycle_id = $1`,
			[cycle.id]
		);
		const byKey = new Map(rows.map((r) => [r.voter_key, r]));
		const voterId = (token: string) =>
			JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;
		const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
		let matched = 0;
		tokens.forEach((token, v) => {
			const key = createHmac('sha256', cycle.link_key).update(voterId(token)).digest('hex');
			const stored = byKey.get(key);
			byKey.delete(key);
			const attempts = load.ledger.attempts[v]!;
			const acks = attempts.filter((a) => a.outcome === 'ack');
			const lastAck = attempts.findLastIndex((a) => a.outcome === 'ack');
			const laterUnknown = attempts.slice(lastAck + 1).filter((a) => a.outcome === 'unknown');
			const unknown = attempts.filter((a) => a.outcome === 'unknown').length;
			const revisions = acks.map((a) => a.revision ?? 0);
			if (revisions.some((r, i) => i > 0 && r <= revisions[i - 1]!)) {
				problems.push(`voter ${v}: acknowledged revisions not increasing ${revisions.join(',')}`);
			}
			if (!stored) {
				if (acks.length > 0)
					problems.push(`voter ${v}: ${acks.length} acknowledged ballot(s) lost`);
				return;
			}
			matched++;
			const allowed = [...(lastAck >= 0 ? [attempts[lastAck]!] : []), ...laterUnknown].map(
				(a) => a.content
			);
			if (!allowed.some((c) => same(c, stored.content))) {
				problems.push(
					`voter ${v}: stored ${JSON.stringify(stored.content)} is not the last acknowledged ballot`
				);
			}
			if (stored.revision < acks.length || stored.revision > acks.length + unknown) {
				problems.push(
					`voter ${v}: revision ${stored.revision} for ${acks.length} acknowledged and ${unknown} unanswered`
				);
			}
			if (lastAck >= 0 && stored.revision < attempts[lastAck]!.revision!) {
				problems.push(
					`voter ${v}: revision ${stored.revision} below the acknowledged ${attempts[lastAck]!.revision}`
				);
			}
			if (!stored.whole) problems.push(`voter ${v}: half-written ballot row`);
		});
		for (const key of byKey.keys())
			problems.push(`ballot ${key.slice(0, 12)}… belongs to no voter of the test`);
		const audit = (await client.query('select * from audit_events order by seq')).rows.map(
			(r): ChainEntry => ({
				seq: Number(r.seq),
				cycleId: r.cycle_id,
				actor: r.actor,
				action: r.action,
				detail: r.detail,
				at: r.at,
				prevHash: r.prev_hash,
				hash: r.hash
			})
		);
		for (const p of verifyChain(audit)) problems.push(`audit chain: ${p.problem} at ${p.seq}`);
		const audited = new Set(
			audit
				.filter((e) => e.action === 'accessCodes.generated')
				.map((e) => (e.detail as { batchId: string }).batchId)
		);
		const batchRows = (
			await client.query<{ id: string }>('select id from access_code_batches')
		).rows.map((r) => r.id);
		for (const id of load.batches.acked) {
			if (!audited.has(id))
				problems.push(`code batch ${id}: acknowledged but not in the audit log`);
			if (!batchRows.includes(id)) problems.push(`code batch ${id}: acknowledged but lost`);
		}
		for (const id of batchRows)
			if (!audited.has(id)) problems.push(`code batch ${id}: stored without its audit entry`);
		log(
			`verified ${matched} ballots, ${audit.length} audit entries, ${load.batches.acked.size} acknowledged code batches`
		);
	} finally {
		await client.end();
	}
	return problems;
}

async function waitHealthy(base: string, timeoutMs = 30_000) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		try {
			const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2_000) });
			if (res.status === 200) return;
		} catch {
			// not yet
		}
		await sleep(200);
	}
	throw new Error('the API did not become healthy');
}

async function oneRun(bin: string, run: number): Promise<string[]> {
	const cluster: PgCluster = await createCluster(bin);
	let app: AppProcess | undefined;
	try {
		const dbUrl = await recreateDatabase(cluster.url, 'allot_chaos');
		const port = String(await freePort());
		const env = { DATABASE_URL: dbUrl, PORT: port, DATABASE_POOL_SIZE: '16' };
		app = await startApp(env);
		const base = app.url;
		const setup = await setupVoting(base, {
			slug: `chaos-${run}`,
			projects: 20,
			voters: VOTERS,
			log
		});
		const load = startLoad(() => base, setup, run);
		const t0 = Date.now();
		const at = (m: string) => log(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${m}`);
		await sleep(PHASE_MS);
		at('kill -9 the API');
		await app.kill();
		app = await startApp(env);
		at('API restarted');
		await sleep(PHASE_MS);
		at('PostgreSQL stop -m immediate');
		cluster.crash();
		await sleep(1_500);
		cluster.start();
		at('PostgreSQL restarted (recovered from the WAL)');
		await waitHealthy(base);
		await sleep(PHASE_MS);
		at('kill -9 the API again');
		await app.kill();
		app = await startApp(env);
		at('API restarted');
		await sleep(PHASE_MS);
		await load.stop();
		at(
			`load stopped: ${JSON.stringify(load.ledger.counts)}; code batches ${load.batches.acked.size} acknowledged, ${load.batches.failed} failed`
		);
		await app.stop();
		app = undefined;
		const problems = await verify(dbUrl, setup.slug, setup.tokens, load);
		// The database being down is no bug of ours: 503 UNAVAILABLE (retry), never a 500.
		for (const [label, n] of Object.entries(load.ledger.counts)) {
			if (/^5\d\d/.test(label) && !label.startsWith('503')) problems.push(`${n} answers ${label}`);
		}
		const acks = load.ledger.counts['200'] ?? 0;
		if (acks < 100) problems.push(`only ${acks} acknowledged ballots: the test did not test much`);
		return problems;
	} finally {
		await app?.kill();
		cluster.destroy();
	}
}

async function main() {
	const bin = findPgBin();
	if (!bin) {
		console.log('chaos: no PostgreSQL server binaries (initdb, pg_ctl) found: set PG_BIN; skipped');
		console.log('chaos: 0 passed, 0 failed, 1 skipped');
		return;
	}
	let passed = 0;
	let failed = 0;
	for (let run = 1; run <= RUNS; run++) {
		const started = Date.now();
		log(`run ${run}/${RUNS} with PostgreSQL from ${bin}`);
		const problems = await oneRun(bin, run);
		const took = ((Date.now() - started) / 1000).toFixed(1);
		if (problems.length === 0) {
			passed++;
			log(`run ${run}: PASS in ${took} s`);
		} else {
			failed++;
			for (const p of problems.slice(0, 20)) log(`  ${p}`);
			log(`run ${run}: FAIL (${problems.length} problems) in ${took} s`);
		}
	}
	console.log(`chaos: ${passed} passed, ${failed} failed`);
	if (failed > 0) process.exitCode = 1;
}

await main();
