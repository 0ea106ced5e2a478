/**
 * Conformance with the reference implementation (pabutools 1.2.3) and with the cities' own
 * outcomes, on the real pabulib elections in test/fixtures/pabulib (see its README, §5):
 * - every rule key of every file in reference_outcomes.json, run with the params of rules.json:
 *   the funded set must match, and the selection order where the detailed file records one;
 *   `max_welfare_*` compare the optimal welfare instead (several optima may exist);
 * - `city_selected`: `from-file` reproduces the file's `selected` column;
 * - every project of every outcome carries a `because` whose English is its `reason` and which
 *   the API contract accepts (in cents).
 * Each file is parsed once and each outcome computed once. The files are split into shards
 * (one test file each) so vitest can run them on both cores; see `defineReferenceSuite`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Because } from '../../shared/src/contracts/results.ts';
import {
	allocate,
	becauseInCents,
	computeScores,
	formatBecause,
	formatRational,
	type AllocationParams,
	type Outcome
} from '../../shared/src/domain/allocation/index.ts';
import {
	parsePabulib,
	toElection,
	type Election,
	type ParsedPabulib
} from '../../shared/src/domain/pabulib/index.ts';

const DIR = new URL('../fixtures/pabulib/', import.meta.url);
const readJson = (name: string) => JSON.parse(readFileSync(new URL(name, DIR), 'utf8'));

const reference: Record<string, Record<string, string[]>> = readJson('reference_outcomes.json');
const detailed: Record<string, Detailed> = readJson('reference_outcomes_detailed.json').files;
const rules: Record<string, string[]> = readJson('rules.json');

interface Detailed {
	order?: Record<string, string[]>;
	timing_s?: Record<string, number>;
}

/** rules.json args (`--rule mes --utility cost ...`) as params. */
function paramsOf(args: readonly string[]): AllocationParams {
	const params: Record<string, unknown> = {};
	for (let i = 0; i < args.length; i += 2) {
		const key = args[i]!.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
		params[key] = key === 'minScore' ? Number(args[i + 1]) : args[i + 1];
	}
	return params as unknown as AllocationParams;
}

const files = new Map<string, { parsed: ParsedPabulib; election: Election }>();
function load(file: string) {
	let entry = files.get(file);
	if (!entry) {
		const parsed = parsePabulib(readFileSync(new URL(file, DIR), 'utf8'));
		entry = { parsed, election: toElection(parsed) };
		files.set(file, entry);
	}
	return entry;
}

const outcomes = new Map<string, Outcome>();
function outcomeOf(file: string, key: string): Outcome {
	// keyed by params: greedy_city_threshold and city_selected are the same from-file run
	const id = `${file}\u0000${JSON.stringify(rules[key])}`;
	let outcome = outcomes.get(id);
	if (!outcome) {
		const { parsed, election } = load(file);
		outcome = allocate(election.instance, election.profile, paramsOf(rules[key]!), parsed.meta);
		outcomes.set(id, outcome);
	}
	return outcome;
}

/** Welfare of a set of projects under a max-welfare key's utility, as the engine prints it. */
function welfareOf(file: string, key: string, ids: readonly string[]): string {
	const { profile } = load(file).election;
	const scores = computeScores(profile, key === 'max_welfare_card' ? 'votes' : 'points');
	const total = ids.reduce((sum, id) => sum + (scores.values.get(id) ?? 0n), 0n);
	return formatRational(total, scores.scale);
}

const sorted = (ids: readonly string[]) => [...ids].sort();

/**
 * pabutools' sequential_phragmen hands back its allocation sorted by id: in all 12 files the
 * recorded "order" is the string-sorted set, so it says nothing about selection order.
 */
const NO_SELECTION_ORDER = new Set(['seq_phragmen', 'max_welfare_card', 'max_welfare_points']);

/** Files whose META rule from-file reproduces and whose PROJECTS have a `selected` column. */
const REPRODUCIBLE =
	/^(greedy|greedy-no-skip|greedy-threshold|equalshares(\/add1)?(-comparison)?)$/;

function checkFile(file: string): void {
	const keys = Object.keys(reference[file]!);
	it.each(keys)('%s: funded set', (key) => {
		const outcome = outcomeOf(file, key);
		const expected = reference[file]![key]!;
		if (key.startsWith('max_welfare')) {
			expect(outcome.welfare).toBe(welfareOf(file, key, expected));
			expect(outcome.spent <= load(file).election.instance.budget).toBe(true);
		} else {
			expect(sorted(outcome.funded.map((p) => p.id))).toEqual(sorted(expected));
		}
	});

	const ordered = keys.filter((k) => detailed[file]?.order?.[k] && !NO_SELECTION_ORDER.has(k));
	it.skipIf(ordered.length === 0).each(ordered)('%s: selection order', (key) => {
		const outcome = outcomeOf(file, key);
		expect(outcome.funded.map((p) => p.id)).toEqual(detailed[file]!.order![key]);
	});

	it('every reason is its because, in English; the API contract accepts each because', () => {
		const scale = load(file).election.instance.moneyScale;
		for (const key of keys) {
			const outcome = outcomeOf(file, key);
			for (const p of [...outcome.funded, ...outcome.unfunded]) {
				expect(formatBecause(p.because, scale)).toBe(p.reason);
				const cents = becauseInCents(p.because, scale);
				expect(Because.parse(cents)).toEqual(cents);
			}
		}
	});

	const { parsed } = load(file);
	const rule = (parsed.meta.rule ?? '').trim().toLowerCase();
	const city = parsed.projectColumns.includes('selected') && REPRODUCIBLE.test(rule);
	it.skipIf(!city)(`city_selected: from-file (${rule}) reproduces the selected column`, () => {
		const selected = parsed.projects.filter((p) => p.selected === '1').map((p) => p.project_id!);
		const outcome = outcomeOf(file, 'city_selected');
		expect(sorted(outcome.funded.map((p) => p.id))).toEqual(sorted(selected));
	});
}

/**
 * The files of one shard, balanced by pabutools' running time per file (longest first, each to
 * the lightest shard), so shards finish at about the same time.
 */
export function shardFiles(shard: number, shards: number): string[] {
	const cost = (file: string) =>
		Object.values(detailed[file]?.timing_s ?? {}).reduce((sum, t) => sum + t, 0);
	const files = Object.keys(reference).sort((a, b) => cost(b) - cost(a));
	const loads = new Array<number>(shards).fill(0);
	const owner = new Map<string, number>();
	for (const file of files) {
		const lightest = loads.indexOf(Math.min(...loads));
		owner.set(file, lightest);
		loads[lightest]! += cost(file);
	}
	return Object.keys(reference).filter((file) => owner.get(file) === shard);
}

/** Declares the conformance tests for one shard of the reference files. */
export function defineReferenceSuite(shard: number, shards: number): void {
	describe.each(shardFiles(shard, shards))('%s', (file) => checkFile(file));
}
