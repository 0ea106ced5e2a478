import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from './tally.ts';

const fixture = (name: string) =>
	fileURLToPath(new URL(`../../test/fixtures/pabulib/${name}`, import.meta.url));
const NADWISLE = fixture('Poland_Warszawa_2017_Nadwisle.pb');

/** Runs the command and captures what it writes. */
async function tally(...argv: string[]) {
	let stdout = '';
	let stderr = '';
	vi.spyOn(process.stdout, 'write').mockImplementation(
		(chunk) => ((stdout += String(chunk)), true)
	);
	vi.spyOn(process.stderr, 'write').mockImplementation(
		(chunk) => ((stderr += String(chunk)), true)
	);
	const code = await run(argv);
	vi.restoreAllMocks();
	return { code, stdout, stderr };
}

afterEach(() => vi.restoreAllMocks());

describe('allot tally', () => {
	it('prints one JSON object with the funded ids in selection order', async () => {
		const { code, stdout } = await tally(
			NADWISLE,
			'--rule',
			'greedy',
			'--score',
			'votes',
			'--tie',
			'lexicographic',
			'--json'
		);
		expect(code).toBe(0);
		const json = JSON.parse(stdout);
		expect(json.funded).toEqual(['558', '1441', '582', '1408', '547']);
		expect(json.spent).toBe('98600');
		expect(json.params).toEqual({
			rule: 'greedy',
			score: 'votes',
			tie: 'lexicographic',
			variant: 'skip'
		});
		expect(json.manifest.ballotsSha256).toMatch(/^[0-9a-f]{64}$/);
		expect(json.details.funded[0].reason).toBe(
			'1st by votes (80 votes); cost 30,500 fit in 98,600 left'
		);
	});

	it('prints the welfare of max-welfare as an exact decimal', async () => {
		const { stdout } = await tally(
			NADWISLE,
			'--rule',
			'max-welfare',
			'--utility',
			'approval',
			'--json'
		);
		expect(JSON.parse(stdout).welfare).toBe('364');
	});

	it('prints a readable table by default', async () => {
		const { code, stdout } = await tally(NADWISLE, '--rule', 'from-file');
		expect(code).toBe(0);
		expect(stdout).toContain('Funded (5), in selection order:');
		expect(stdout).toContain('Spent 98,600 of 98,600; left 0');
	});

	it.each([
		{
			name: 'an unknown flag',
			argv: [NADWISLE, '--rule', 'greedy', '--fast'],
			message: /Unknown option '--fast'/
		},
		{
			name: 'a bad value',
			argv: [NADWISLE, '--rule', 'greedy', '--tie', 'coin'],
			message: /tie "coin" is not one of/
		},
		{ name: 'a missing rule', argv: [NADWISLE], message: /--rule is required/ },
		{
			name: 'a missing file',
			argv: ['nope.pb', '--rule', 'greedy'],
			message: /cannot read nope.pb: ENOENT/
		},
		{
			name: 'a bad min score',
			argv: [NADWISLE, '--rule', 'greedy', '--variant', 'threshold', '--min-score', 'x'],
			message: /--min-score must be a number/
		},
		{
			name: 'a param the rule does not take',
			argv: [NADWISLE, '--rule', 'phragmen', '--score', 'votes'],
			message: /score does not apply to rule phragmen/
		}
	])('exits 2 on $name', async ({ argv, message }) => {
		const { code, stderr, stdout } = await tally(...argv);
		expect(code).toBe(2);
		expect(stderr).toMatch(message);
		expect(stdout).toBe('');
	});

	it('shows the line of a malformed file', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'allot-tally-'));
		const bad = join(dir, 'bad.pb');
		writeFileSync(bad, readFileSync(NADWISLE, 'utf8').replace('558;30500', '558;lots'));
		const { code, stderr } = await tally(bad, '--rule', 'greedy');
		expect(code).toBe(2);
		expect(stderr).toMatch(/bad\.pb:24: cost of project 558 must be a non-negative number/);
	});
});
