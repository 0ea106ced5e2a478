/**
 * A throwaway PostgreSQL server for fault tests: its own data directory under the system temp
 * folder, made with initdb, on a free loopback port, stopped `-m immediate` (a crash: no
 * checkpoint, recovery from the WAL at the next start) and removed at the end. The machine's
 * shared server is never touched.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The directory of initdb/pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/<v>/bin. */
export function findPgBin(): string | undefined {
	if (process.env.PG_BIN) return process.env.PG_BIN;
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return undefined;
	const versions = readdirSync(base)
		.filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions[0] ? join(base, versions[0], 'bin') : undefined;
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

export interface PgCluster {
	url: string;
	/** pg_ctl stop -m immediate: every server process exits at once, like a crash */
	crash(): void;
	start(): void;
	destroy(): void;
}

/** initdb refuses to run as root: as root, run the server tools as the `postgres` user. */
function runner(): { run: (cmd: string, args: string[]) => string; uid?: number; gid?: number } {
	const asRoot = process.getuid?.() === 0;
	if (!asRoot) {
		return { run: (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', stdio: 'pipe' }) };
	}
	const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
	return {
		uid,
		gid,
		run: (cmd, args) =>
			execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], {
				encoding: 'utf8',
				stdio: 'pipe'
			})
	};
}

/** Creates and starts a cluster (trust auth on loopback, fsync on: crashes must be honest). */
export async function createCluster(bin: string): Promise<PgCluster> {
	const { run, uid, gid } = runner();
	const dir = mkdtempSync(join(tmpdir(), 'allot-pg-'));
	if (uid !== undefined && gid !== undefined) chownSync(dir, uid, gid);
	const data = join(dir, 'data');
	const port = await freePort();
	run(join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		'postgres',
		'-A',
		'trust',
		'-E',
		'UTF8',
		'--no-instructions'
	]);
	const options = [
		`-p ${port}`,
		`-k ${dir}`,
		"-c listen_addresses='127.0.0.1'",
		'-c fsync=on',
		'-c synchronous_commit=on',
		'-c max_connections=100'
	].join(' ');
	const start = () => {
		run(join(bin, 'pg_ctl'), [
			'-D',
			data,
			'-l',
			join(dir, 'log'),
			'-o',
			options,
			'-w',
			'-t',
			'60',
			'start'
		]);
	};
	start();
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		crash: () => run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']),
		start,
		destroy: () => {
			try {
				run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
			} catch {
				// already stopped
			}
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
