/**
 * `allot audit verify [--json]`: checks the audit log's hash chain in the database the app uses
 * (DATABASE_URL, else the embedded one under DATA_DIR). Prints OK with the entry count, or each
 * problem found. Exit codes: 0 intact, 1 tampered (or an unexpected failure), 2 bad usage.
 */
import { createDb } from '@allot/db';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../api/src/config.ts';
import { verifyAuditLog } from '../../api/src/modules/audit/audit.service.ts';

const USAGE = 'usage: allot audit verify [--json]\n';

async function verify(json: boolean, env: NodeJS.ProcessEnv): Promise<number> {
	const config = loadConfig(env);
	const dataDir = `${config.DATA_DIR}/pglite`;
	if (!config.DATABASE_URL && !existsSync(dataDir)) {
		process.stderr.write(`allot audit: no database at ${dataDir} (set DATABASE_URL or DATA_DIR)\n`);
		return 2;
	}
	const handle = await createDb({
		url: config.DATABASE_URL,
		dataDir: config.DATABASE_URL ? undefined : dataDir
	});
	try {
		const result = await verifyAuditLog(handle.db);
		if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
		else if (result.ok)
			process.stdout.write(`OK: ${result.count} audit entries, hash chain intact\n`);
		else {
			for (const p of result.problems) process.stdout.write(`entry ${p.seq}: ${p.problem}\n`);
			process.stdout.write(
				`TAMPERED: ${result.problems.length} problem(s) in ${result.count} entries\n`
			);
		}
		return result.ok ? 0 : 1;
	} finally {
		await handle.close();
	}
}

export async function run(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			options: { json: { type: 'boolean' } },
			allowPositionals: true
		});
	} catch (error) {
		process.stderr.write(`allot audit: ${(error as Error).message}\n${USAGE}`);
		return 2;
	}
	if (parsed.positionals.length !== 1 || parsed.positionals[0] !== 'verify') {
		process.stderr.write(USAGE);
		return 2;
	}
	try {
		return await verify(parsed.values.json ?? false, env);
	} catch (error) {
		process.stderr.write(`allot audit: unexpected failure: ${(error as Error).message}\n`);
		return 1;
	}
}
