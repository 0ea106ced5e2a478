/**
 * What the vote benchmark and the chaos test share: a throwaway database on a PostgreSQL server,
 * the API started as a child process (so it can be measured, killed and restarted from outside),
 * and a voting cycle with 20 projects and N voters set up through the public API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const BENCH_ADMIN = { email: 'bench@allot.local', password: 'bench-password-not-secret' };
export const BENCH_JWT_SECRET = 'bench-jwt-secret-0123456789-0123456789-abcdef';

/** Replaces the database name of a postgres URL. */
export function withDatabase(url: string, database: string): string {
	const u = new URL(url);
	u.pathname = `/${database}`;
	return u.toString();
}

/** Drops and creates `name` on the server of `serverUrl`; returns its URL. */
export async function recreateDatabase(serverUrl: string, name: string): Promise<string> {
	if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
	const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
	await admin.connect();
	try {
		await admin.query(`drop database if exists ${name} with (force)`);
		await admin.query(`create database ${name}`);
	} finally {
		await admin.end();
	}
	return withDatabase(serverUrl, name);
}

export interface AppProcess {
	url: string;
	proc: ChildProcess;
	/** SIGTERM and wait for the exit */
	stop(): Promise<void>;
	/** SIGKILL (kill -9) and wait for the exit */
	kill(): Promise<void>;
}

/**
 * Starts scripts/bench/vote-server.ts with `env`; resolves once it listens. Node runs the server
 * itself (tsx as a loader, not as a wrapper process), so a kill reaches the process serving.
 * `nodeArgs` go to node (e.g. `--cpu-prof`).
 */
export function startApp(
	env: Record<string, string>,
	opts: { timeoutMs?: number; nodeArgs?: string[] } = {}
): Promise<AppProcess> {
	const timeoutMs = opts.timeoutMs ?? 60_000;
	const args = ['--import', 'tsx', ...(opts.nodeArgs ?? []), `${ROOT}scripts/bench/vote-server.ts`];
	const proc = spawn(process.execPath, args, {
		cwd: ROOT,
		env: {
			...process.env,
			HOST: '127.0.0.1',
			PORT: '0',
			JWT_SECRET: BENCH_JWT_SECRET,
			ALLOT_ADMIN_EMAIL: BENCH_ADMIN.email,
			ALLOT_ADMIN_PASSWORD: BENCH_ADMIN.password,
			ALLOT_NO_SEED: 'true',
			LOG_LEVEL: 'warn',
			...env
		},
		// 'ipc' carries the benchmark's profiling requests (vote-server.ts)
		stdio: ['ignore', 'pipe', 'inherit', 'ipc']
	});
	const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
	const signal = async (sig: NodeJS.Signals) => {
		if (proc.exitCode === null && proc.signalCode === null) proc.kill(sig);
		await exited;
	};
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			proc.kill('SIGKILL');
			reject(new Error('the API did not start in time'));
		}, timeoutMs);
		proc.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`the API exited with ${code} before listening`));
		});
		const lines = createInterface({ input: proc.stdout! });
		const onLine = (line: string) => {
			if (!line.startsWith('{"listening"')) return;
			lines.off('line', onLine);
			clearTimeout(timer);
			const url = (JSON.parse(line) as { listening: string }).listening;
			resolve({ url, proc, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') });
		};
		// Logs go on being read (and dropped), so a full pipe never blocks the server.
		lines.on('line', onLine);
	});
}

export interface Answer {
	status: number;
	body: unknown;
}

/** One JSON call to the API. */
export async function call(
	base: string,
	method: string,
	path: string,
	body?: unknown,
	token?: string
): Promise<Answer> {
	const headers: Record<string, string> = {};
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (token) headers.authorization = `Bearer ${token}`;
	const res = await fetch(`${base}${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(30_000)
	});
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** `call`, asserting the status. */
export async function must(
	expected: number,
	...args: Parameters<typeof call>
): Promise<Record<string, unknown>> {
	const res = await call(...args);
	if (res.status !== expected) {
		throw new Error(`${args[1]} ${args[2]}: ${res.status} ${JSON.stringify(res.body)}`);
	}
	return res.body as Record<string, unknown>;
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(
	items: readonly T[],
	limit: number,
	fn: (item: T, index: number) => Promise<R>
): Promise<R[]> {
	const out: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const i = next++;
			out[i] = await fn(items[i]!, i);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return out;
}

export interface VotingSetup {
	slug: string;
	projectIds: string[];
	/** voter tokens, access codes redeemed */
	tokens: string[];
}

export async function adminLogin(base: string): Promise<string> {
	return (await must(200, base, 'POST', '/api/auth/login', BENCH_ADMIN)).token as string;
}

/** A ranked cycle (up to 5 of `projects`) open for voting, with `voters` redeemed codes. */
export async function setupVoting(
	base: string,
	opts: { slug: string; projects: number; voters: number; log?: (m: string) => void }
): Promise<VotingSetup> {
	const admin = await adminLogin(base);
	await must(
		201,
		base,
		'POST',
		'/api/cycles',
		{
			slug: opts.slug,
			name: `Load test ${opts.slug}`,
			potCents: 1_000_000_00,
			currency: 'USD',
			ballot: { kind: 'ranked', maxRanks: 5 },
			allocation: { rule: 'greedy', score: 'pabulib-borda', tie: 'lexicographic' },
			eligibility: {
				minAge: 12,
				maxAge: 25,
				asOf: '2027-04-01',
				residency: ['live', 'work', 'school']
			}
		},
		admin
	);
	const projectIds: string[] = [];
	for (let i = 0; i < opts.projects; i++) {
		const p = await must(
			201,
			base,
			'POST',
			`/api/cycles/${opts.slug}/projects`,
			{
				title: `Project ${i + 1}`,
				description: 'A project for the load test',
				costCents: (5 + (i % 10)) * 10_000_00
			},
			admin
		);
		projectIds.push(p.id as string);
	}
	const codes: string[] = [];
	for (let left = opts.voters; left > 0; left -= 5_000) {
		const batch = await must(
			201,
			base,
			'POST',
			`/api/cycles/${opts.slug}/access-codes`,
			{
				count: Math.min(left, 5_000),
				label: 'load test'
			},
			admin
		);
		codes.push(...(batch.codes as string[]));
	}
	await must(200, base, 'POST', `/api/cycles/${opts.slug}/phase`, { phase: 'voting' }, admin);
	const started = Date.now();
	const tokens = await mapLimit(codes, 32, async (code) => {
		const voter = await must(201, base, 'POST', `/api/cycles/${opts.slug}/voters`, {
			code,
			birthDate: '2011-01-15',
			residency: { basis: 'live' }
		});
		return voter.token as string;
	});
	opts.log?.(
		`redeemed ${tokens.length} access codes in ${((Date.now() - started) / 1000).toFixed(1)} s`
	);
	return { slug: opts.slug, projectIds, tokens };
}

/** A valid ranked ballot: 1 to 5 distinct projects in random order. */
export function randomRanking(random: () => number, projectIds: readonly string[]) {
	const pool = [...projectIds];
	const n = 1 + Math.floor(random() * Math.min(5, pool.length));
	const ranking: string[] = [];
	for (let i = 0; i < n; i++) ranking.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
	return { ranking };
}
