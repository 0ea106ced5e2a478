/**
 * `allot tally FILE.pb --rule R [--score S] [--utility U] [--completion C] [--tie T]
 * [--compare greedy] [--variant V] [--min-score N] [--json]`: reruns an allocation from a
 * published `.pb` export. Flag names and values are those of test/fixtures/pabulib/rules.json.
 * Exit codes: 0 done, 2 bad usage or a bad file (message on stderr), 1 an unexpected failure.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import {
	buildManifest,
	checkParams,
	groupThousands,
	PARAM_VALUES,
	sha256Hex
} from '../../shared/src/domain/allocation/index.ts';
import type { AllocationParams } from '../../shared/src/domain/allocation/types.ts';
import {
	canonicalPabulib,
	parsePabulib,
	PabulibError,
	toElection,
	type Election,
	type ParsedPabulib
} from '../../shared/src/domain/pabulib/index.ts';
import { reportJson, reportTable } from './tally-format.ts';
import { computeWithProgress } from './tally-run.ts';

const USAGE = `usage: allot tally FILE.pb --rule RULE [options]
  --rule RULE        ${PARAM_VALUES.rule.join(' | ')}
  --score S          ${PARAM_VALUES.score.join(' | ')} (greedy, greedy-cost, max-welfare)
  --utility U        ${PARAM_VALUES.utility.join(' | ')} (mes, max-welfare)
  --completion C     ${PARAM_VALUES.completion.join(' | ')} (mes)
  --tie T            ${PARAM_VALUES.tie.join(' | ')}
  --compare greedy   keep greedy by votes if more voters prefer it (mes)
  --variant V        ${PARAM_VALUES.variant.join(' | ')} (greedy, greedy-cost)
  --min-score N      score a project needs to qualify (variant threshold)
  --json             print one JSON object instead of a table
`;

interface Progress {
	tick: (seconds: number) => void;
	done: () => void;
}

/** A problem with how the command was called or with its input: exit code 2. */
class UsageError extends Error {}

const OPTIONS = {
	rule: { type: 'string' },
	score: { type: 'string' },
	utility: { type: 'string' },
	completion: { type: 'string' },
	tie: { type: 'string' },
	compare: { type: 'string' },
	variant: { type: 'string' },
	'min-score': { type: 'string' },
	json: { type: 'boolean' },
	help: { type: 'boolean', short: 'h' }
} as const;

type Values = ReturnType<
	typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>['values'];

function readArgs(argv: string[]): { file: string; values: Values } {
	let parsed;
	try {
		parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
	const { positionals, values } = parsed;
	if (values.help) return { file: '', values };
	if (positionals.length !== 1)
		throw new UsageError(`expected one .pb file, got ${positionals.length}`);
	if (!values.rule) throw new UsageError('--rule is required');
	return { file: positionals[0]!, values };
}

function toParams(values: Values): Record<string, unknown> {
	let minScore: number | undefined;
	if (values['min-score'] !== undefined) {
		minScore = Number(values['min-score']);
		if (values['min-score'].trim() === '' || !Number.isFinite(minScore)) {
			throw new UsageError(`--min-score must be a number, got "${values['min-score']}"`);
		}
	}
	return {
		rule: values.rule,
		score: values.score,
		utility: values.utility,
		completion: values.completion,
		tie: values.tie,
		compare: values.compare,
		variant: values.variant,
		minScore
	};
}

async function load(file: string): Promise<{ parsed: ParsedPabulib; election: Election }> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		throw new UsageError(
			`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`
		);
	}
	try {
		const parsed = parsePabulib(text);
		return { parsed, election: toElection(parsed) };
	} catch (error) {
		if (error instanceof PabulibError)
			throw new UsageError(`${file}:${error.line}: ${error.detail}`);
		throw error;
	}
}

/**
 * The progress line of a run that takes over a second: on a terminal one line updated in
 * place, in a log one line at 1 s and then every 10 s, so a long Add1 run does not flood it.
 */
function progress(params: AllocationParams, voters: number): Progress {
	const { rule, ...rest } = params;
	const what = `${rule} (${Object.values(rest).join(', ')})`;
	const tty = process.stderr.isTTY === true;
	let shown = false;
	return {
		tick(seconds) {
			if (!tty && seconds !== 1 && seconds % 10 !== 0) return;
			const line = `tally: computing ${what} on ${groupThousands(String(voters))} voters… ${seconds} s`;
			process.stderr.write(tty ? `\r${line}` : `${line}\n`);
			shown = true;
		},
		done() {
			if (tty && shown) process.stderr.write('\n');
		}
	};
}

async function tally(argv: string[]): Promise<number> {
	const { file, values } = readArgs(argv);
	if (values.help) {
		process.stdout.write(USAGE);
		return 0;
	}
	const requested = toParams(values);
	const { parsed, election } = await load(file);
	let params: AllocationParams;
	try {
		params = checkParams(requested, election.profile);
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
	const job = { instance: election.instance, profile: election.profile, params, meta: parsed.meta };
	const line = progress(params, election.voters);
	const [outcome, hash] = await Promise.all([
		computeWithProgress(job, line.tick)
			.finally(line.done)
			.catch((error: Error) => {
				if (error.name === 'RuleParamsError' || error.name === 'FileRuleError')
					throw new UsageError(error.message);
				throw error;
			}),
		sha256Hex(canonicalPabulib(parsed))
	]);
	const report = {
		file: basename(file),
		instance: election.instance,
		voters: election.voters,
		outcome,
		manifest: buildManifest(outcome.params, hash),
		warnings: election.warnings
	};
	process.stdout.write(
		values.json ? `${JSON.stringify(reportJson(report))}\n` : reportTable(report)
	);
	return 0;
}

/** Entry point called by scripts/allot.ts; returns the exit code. */
export async function run(argv: string[]): Promise<number> {
	try {
		return await tally(argv);
	} catch (error) {
		if (error instanceof UsageError) {
			process.stderr.write(`allot tally: ${error.message}\n`);
			if (/option|--rule|expected one/.test(error.message)) process.stderr.write(USAGE);
			return 2;
		}
		process.stderr.write(
			`allot tally: unexpected failure: ${(error as Error).stack ?? String(error)}\n`
		);
		return 1;
	}
}
