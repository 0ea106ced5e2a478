#!/usr/bin/env tsx
/**
 * `npm run bench:vote`: how many ballots per second the API acknowledges on a real PostgreSQL
 * server, next to what the database itself can do.
 *
 * 1. Creates a throwaway database (`BENCH_DB`, default `allot_bench`) on the server of
 *    `DATABASE_URL` (default postgres://postgres@127.0.0.1:5432/postgres) and starts the API on it
 *    as a child process (scripts/bench/vote-server.ts, logging at `warn`).
 * 2. Through the public API: a ranked cycle with 20 projects, `BENCH_VOTERS` access codes, each
 *    redeemed beforehand for a voter token.
 * 3. From this process (autocannon), `BENCH_CONNECTIONS` (64) connections send
 *    `PUT /api/cycles/:slug/ballot` for `BENCH_DURATION` (30) seconds, voter after voter in turn:
 *    the first pass casts new ballots, later passes revise them.
 * 4. The database's raw limit with the same concurrency: pgbench running a single-row ballot upsert
 *    per transaction (the same INSERT … ON CONFLICT the API ends with), or a Node loop doing the
 *    same where pgbench is missing.
 * 5. Checks the stored ballots against the acknowledgements (one row per voter who got a 200, the
 *    revisions adding up to the 200s) and prints the figures; the last line is one JSON object.
 *
 * Targets on the 2-core machine: ≥ 1,500 ballots/s, p99 ≤ 100 ms, no errors.
 */
import { seededRandom } from '@allot/shared/domain/random';
import autocannon from 'autocannon';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
	adminLogin,
	must,
	randomRanking,
	recreateDatabase,
	setupVoting,
	startApp
} from './vote-lib.ts';

const env = process.env;
const SERVER = env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = env.BENCH_DB || 'allot_bench';
const VOTERS = Number(env.BENCH_VOTERS || 20_000);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS || 64);
const DURATION = Number(env.BENCH_DURATION || 30);
const RAW_DURATION = Number(env.BENCH_RAW_DURATION ?? DURATION);
const PROJECTS = 20;

const log = (m: string) => console.log(`bench:vote: ${m}`);

interface LoadResult {
	ok: number;
	errors: number;
	statuses: Record<string, number>;
	p50Ms: number;
	p99Ms: number;
	seconds: number;
}

/** Drives PUT ballot with autocannon: voters in turn, each request a fresh random ranking. */
async function driveBallots(
	url: string,
	setup: { slug: string; projectIds: string[]; tokens: string[] },
	opts: { connections: number; seconds: number; startAt: number; acked: Set<number> }
): Promise<LoadResult & { nextVoter: number }> {
	const random = seededRandom(7);
	let next = opts.startAt;
	const statuses: Record<string, number> = {};
	const path = `/api/cycles/${setup.slug}/ballot`;
	const instance = autocannon({
		url,
		connections: opts.connections,
		duration: opts.seconds,
		timeout: 10,
		requests: [
			{
				method: 'PUT',
				path,
				setupRequest: (req, context) => {
					const voter = next++ % setup.tokens.length;
					(context as { voter?: number }).voter = voter;
					const token = setup.tokens[voter]!;
					return {
						...req,
						headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
						body: JSON.stringify(randomRanking(random, setup.projectIds))
					};
				},
				// One request in flight per connection, so the context still names its voter.
				onResponse: (status, _body, context) => {
					statuses[status] = (statuses[status] ?? 0) + 1;
					if (status === 200) opts.acked.add((context as { voter: number }).voter);
				}
			}
		]
	});
	const result = await instance;
	const ok = result['2xx'];
	const errors = result.non2xx + result.errors + result.timeouts;
	return {
		ok,
		errors,
		statuses,
		p50Ms: result.latency.p50,
		p99Ms: result.latency.p99,
		seconds: result.duration,
		nextVoter: next
	};
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); 0 elsewhere. */
function cpuSeconds(pid: number): number {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
	} catch {
		return 0;
	}
}

/** The server processes of the bench database's connections (the API's pool). */
async function backendPids(dbUrl: string): Promise<number[]> {
	const client = new pg.Client({ connectionString: dbUrl });
	await client.connect();
	try {
		const { rows } = await client.query<{ pid: number }>(
			'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()'
		);
		return rows.map((r) => r.pid);
	} finally {
		await client.end();
	}
}

/** Rows and revisions stored for the cycle: must match what the load acknowledged. */
async function storedBallots(dbUrl: string, slug: string) {
	const client = new pg.Client({ connectionString: dbUrl });
	await client.connect();
	try {
		const { rows } = await client.query<{ n: number; revisions: number; cycle_id: string }>(
			`select c.id as cycle_id, count(b.id)::int as n, coalesce(sum(b.revision), 0)::int as revisions
			 from cycles c left join ballots b on b.cycle_id = c.id where c.slug = $1 group by c.id`,
			[slug]
		);
		return rows[0]!;
	} finally {
		await client.end();
	}
}

const UPSERT = `insert into ballots (cycle_id, voter_key, content, receipt, channel, cast_at, updated_at)
values ($1, $2, $3, $4, 'online', now(), now())
on conflict (cycle_id, voter_key) do update set content = excluded.content, channel = excluded.channel,
 revision = ballots.revision + 1, updated_at = excluded.updated_at`;

/** pgbench: one single-row upsert per transaction, prepared, `CONNECTIONS` clients. */
function rawWithPgbench(dbUrl: string, cycleId: string, seconds: number): number {
	const dir = mkdtempSync(join(tmpdir(), 'allot-bench-'));
	const script = join(dir, 'upsert.sql');
	const sqlText = UPSERT.replace('$1', `'${cycleId}'`)
		.replace('$2', `'raw-' || :v`)
		.replace('$3', `'{"ranking":["P1","P2","P3"]}'`)
		.replace('$4', `md5(random()::text || :client_id || clock_timestamp()::text)`)
		.replaceAll('\n', ' ');
	writeFileSync(script, `\\set v random(1, ${VOTERS})\n${sqlText};\n`);
	const out = execFileSync(
		'pgbench',
		[
			'-n',
			'-M',
			'prepared',
			'-c',
			String(CONNECTIONS),
			'-j',
			'2',
			'-T',
			String(seconds),
			'-f',
			script,
			dbUrl
		],
		{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }
	);
	const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out);
	if (!tps) throw new Error(`cannot read pgbench output:\n${out}`);
	return Number(tps[1]);
}

/** The same upsert from `CONNECTIONS` node-postgres clients, for machines without pgbench. */
async function rawWithNode(dbUrl: string, cycleId: string, seconds: number): Promise<number> {
	const random = seededRandom(11);
	const deadline = Date.now() + seconds * 1000;
	let done = 0;
	const clients = await Promise.all(
		Array.from({ length: CONNECTIONS }, async () => {
			const c = new pg.Client({ connectionString: dbUrl });
			await c.connect();
			return c;
		})
	);
	const started = Date.now();
	await Promise.all(
		clients.map(async (c, i) => {
			let n = 0;
			while (Date.now() < deadline) {
				const v = 1 + Math.floor(random() * VOTERS);
				await c.query({
					name: 'upsert',
					text: UPSERT,
					values: [
						cycleId,
						`raw-${v}`,
						'{"ranking":["P1","P2","P3"]}',
						`raw-${i}-${n++}-${started}`
					]
				});
				done++;
			}
			await c.end();
		})
	);
	return done / ((Date.now() - started) / 1000);
}

async function rawUpsertRate(
	dbUrl: string,
	cycleId: string
): Promise<{ rate: number; tool: string }> {
	const hasPgbench = spawnSync('pgbench', ['--version']).status === 0;
	if (hasPgbench) return { rate: rawWithPgbench(dbUrl, cycleId, RAW_DURATION), tool: 'pgbench' };
	return { rate: await rawWithNode(dbUrl, cycleId, RAW_DURATION), tool: 'node-postgres loop' };
}

async function main() {
	// Other work on the machine shares its cores with the API and the database: say how much.
	const loadAtStart = loadavg()[0]!;
	const dbUrl = await recreateDatabase(SERVER, DB_NAME);
	log(`database ${DB_NAME} recreated; starting the API`);
	const app = await startApp(
		// the production default: ballot requests are not access-logged (see ballots.routes.ts)
		{ DATABASE_URL: dbUrl, LOG_LEVEL: env.BENCH_LOG_LEVEL || 'info' },
		// BENCH_PROFILE_DIR=/tmp/prof profiles the API during the measured load (vote-server.ts)
		{ nodeArgs: env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) }
	);
	try {
		const setup = await setupVoting(app.url, {
			slug: 'bench-vote',
			projects: PROJECTS,
			voters: VOTERS,
			log
		});
		// A raw-upsert cycle of its own, so the two measurements never touch the same rows.
		const admin = await adminLogin(app.url);
		await must(
			201,
			app.url,
			'POST',
			'/api/cycles',
			{
				slug: 'bench-raw',
				name: 'Raw upsert',
				potCents: 100,
				currency: 'USD',
				ballot: { kind: 'ranked', maxRanks: 5 },
				allocation: { rule: 'greedy' },
				eligibility: { minAge: 12, maxAge: 25, asOf: '2027-04-01', residency: ['live'] }
			},
			admin
		);

		log('warm-up: 3 s at 16 connections');
		const acked = new Set<number>();
		const warm = await driveBallots(app.url, setup, {
			connections: 16,
			seconds: 3,
			startAt: 0,
			acked
		});
		log(`${CONNECTIONS} connections for ${DURATION} s: PUT /api/cycles/${setup.slug}/ballot`);
		// CPU per ballot, by process: what the throughput would be with the machine to ourselves.
		const backends = await backendPids(dbUrl);
		const cpu = () => ({
			app: cpuSeconds(app.proc.pid!),
			db: backends.reduce((sum, pid) => sum + cpuSeconds(pid), 0),
			load: (process.cpuUsage().user + process.cpuUsage().system) / 1e6
		});
		const cpuBefore = cpu();
		const profiling = Boolean(env.BENCH_PROFILE_DIR);
		if (profiling) app.proc.send('profile');
		const load = await driveBallots(app.url, setup, {
			connections: CONNECTIONS,
			seconds: DURATION,
			startAt: warm.nextVoter,
			acked
		});
		const cpuAfter = cpu();
		if (profiling) {
			const written = new Promise((resolve) => app.proc.once('message', resolve));
			app.proc.send('profile');
			await written;
		}
		const perBallot = (k: keyof typeof cpuBefore) =>
			(((cpuAfter[k] - cpuBefore[k]) * 1000) / Math.max(1, load.ok)).toFixed(3);
		const revisedFrom = Math.max(0, VOTERS - warm.nextVoter);
		const stored = await storedBallots(dbUrl, setup.slug);
		const acks = warm.ok + load.ok;
		// Requests still in flight when a run stops (at most one per connection), and any that
		// failed on the client's side, may have committed unacknowledged: the database may hold
		// that many more revisions, never fewer than acknowledged.
		// A 4xx or a shed request (503) was refused before writing: those never count here.
		const errors = warm.errors + load.errors;
		const refused = [warm.statuses, load.statuses]
			.flatMap((st) => Object.entries(st))
			.filter(([status]) => status === '503' || status.startsWith('4'))
			.reduce((sum, [, n]) => sum + n, 0);
		const unacknowledged = 16 + CONNECTIONS + errors - refused;
		const consistent =
			stored.revisions >= acks &&
			stored.revisions <= acks + unacknowledged &&
			stored.n >= acked.size &&
			stored.n <= acked.size + unacknowledged;
		await app.stop();

		const raw = await storedBallots(dbUrl, 'bench-raw');
		log(
			`raw limit: ${CONNECTIONS} clients for ${RAW_DURATION} s, one ballot upsert per transaction`
		);
		const { rate, tool } =
			RAW_DURATION > 0 ? await rawUpsertRate(dbUrl, raw.cycle_id) : { rate: NaN, tool: 'skipped' };

		const ballotsPerSec = Math.round(load.ok / load.seconds);
		const rawUpsertPerSec = Math.round(rate);
		const summary = {
			ballotsPerSec,
			p50Ms: load.p50Ms,
			p99Ms: load.p99Ms,
			errors,
			rawUpsertPerSec,
			ratio: Number((ballotsPerSec / rawUpsertPerSec).toFixed(3))
		};
		log(
			`ballots acknowledged: ${load.ok} in ${load.seconds.toFixed(1)} s (new ballots in this run: ${Math.min(revisedFrom, load.ok)}, the rest revisions)`
		);
		log(`statuses: ${JSON.stringify(load.statuses)}`);
		log(
			`stored: ${stored.n} ballots, revisions adding up to ${stored.revisions} for ${acks} acknowledgements from ${acked.size} voters: ${consistent ? 'consistent' : 'MISMATCH'}`
		);
		log(
			`ballots/s ${ballotsPerSec}, p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, errors ${summary.errors}`
		);
		log(`raw upserts/s ${rawUpsertPerSec} (${tool}); ratio ${summary.ratio}`);
		log(
			`CPU ms per ballot: API ${perBallot('app')}, database connections ${perBallot('db')}, load generator ${perBallot('load')}; load average at start ${loadAtStart.toFixed(1)} on ${cpus().length} cores`
		);
		log(
			`targets: ≥ 1500 ballots/s ${ballotsPerSec >= 1500 ? 'met' : 'MISSED'}, p99 ≤ 100 ms ${summary.p99Ms <= 100 ? 'met' : 'MISSED'}, no errors ${summary.errors === 0 ? 'met' : 'MISSED'}`
		);
		console.log(JSON.stringify(summary));
		if (!consistent) process.exitCode = 1;
	} finally {
		await app.stop();
	}
}

await main();
