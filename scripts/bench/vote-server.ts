#!/usr/bin/env tsx
/**
 * The API alone (no web build needed: /api/* never reaches SvelteKit), started the same way as
 * `npm start` does it (`startServer`), for the vote benchmark and the chaos test. Configured by
 * the usual environment variables; prints a line `{"listening": url}` on stdout once it listens (among the logs), and
 * closes cleanly on SIGTERM.
 */
import { loadConfig } from '../../api/src/config.ts';
import { closeOnSignals, startServer } from '../../api/src/server.ts';

const server = await startServer(loadConfig());
closeOnSignals(server, (m) => console.error(`vote-server: ${m}`));
console.log(
	JSON.stringify({ listening: server.url.replace('localhost', '127.0.0.1'), pid: process.pid })
);
