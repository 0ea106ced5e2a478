#!/usr/bin/env tsx
/**
 * The API alone (no web build needed: /api/* never reaches SvelteKit), started the same way as
 * `npm start` does it (`startServer`), for the vote benchmark and the chaos test. Configured by
 * the usual environment variables; prints a line `{"listening": url}` on stdout once it listens (among the logs), and
 * closes cleanly on SIGTERM.
 * With `BENCH_PROFILE_DIR` set, the message 'profile' (over the IPC channel of vote-lib's
 * startApp) starts the CPU profiler and the next one writes the profile there: the benchmark
 * profiles its measured load only, not the setup before it.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { loadConfig } from '../../api/src/config.ts';
import { closeOnSignals, startServer } from '../../api/src/server.ts';

const server = await startServer(loadConfig());
closeOnSignals(server, (m) => console.error(`vote-server: ${m}`));
if (process.env.BENCH_PROFILE_DIR) profileOnRequest(process.env.BENCH_PROFILE_DIR);
console.log(
	JSON.stringify({ listening: server.url.replace('localhost', '127.0.0.1'), pid: process.pid })
);

function profileOnRequest(dir: string) {
	let session: Session | undefined;
	process.on('message', async (message) => {
		if (message !== 'profile') return;
		if (!session) {
			session = new Session();
			session.connect();
			await session.post('Profiler.enable');
			await session.post('Profiler.start');
			return;
		}
		const { profile } = await session.post('Profiler.stop');
		const file = join(dir, `vote-server-${process.pid}.cpuprofile`);
		writeFileSync(file, JSON.stringify(profile));
		console.error(`vote-server: CPU profile of the load written to ${file}`);
		session.disconnect();
		// One profile per run; closing the channel lets the process exit when it is stopped.
		process.send?.('profiled', () => process.disconnect());
	});
}
