#!/usr/bin/env tsx
/**
 * The allot command line: `npm run allot -- <command> [args]`.
 * Each command lives in scripts/cli/<command>.ts and exports `run(argv): Promise<number>`.
 */
const commands: Record<string, () => Promise<{ run: (argv: string[]) => Promise<number> }>> = {
	tally: () => import('./cli/tally.ts'),
	audit: () => import('./cli/audit.ts')
};

const [command, ...rest] = process.argv.slice(2);
const load = command ? commands[command] : undefined;
if (!load) {
	process.stderr.write(
		`usage: npm run allot -- <command> [args]\ncommands: ${Object.keys(commands).join(', ')}\n`
	);
	process.exit(command ? 2 : 0);
}
const { run } = await load();
process.exitCode = await run(rest);

export {};
