/**
 * `npm run bench:tally`: how fast the engine tallies real elections. Parses Warszawa 2026
 * (61,668 voters), then runs each rule and prints the median time of a few runs, the peak RSS
 * and heap, and the ratio to pabutools 1.2.3's time on the same 2-core box (`timing_s` in
 * reference_outcomes_detailed.json). Same for Kraków 2020 (ordinal) and Katowice 2023
 * (cumulative). Targets on Warszawa 2026: greedy < 0.2 s, mes < 0.5 s, mes add1-greedy < 3 s,
 * met when the wall or the CPU time is under them (a busy box inflates wall time only).
 */
import { readFileSync } from 'node:fs';
import { allocate } from '../../shared/src/domain/allocation/index.ts';
import type { AllocationParams } from '../../shared/src/domain/allocation/types.ts';
import { parsePabulib, toElection } from '../../shared/src/domain/pabulib/index.ts';

const DIR = new URL('../../test/fixtures/pabulib/', import.meta.url);
const detailed: Record<string, { timing_s?: Record<string, number> }> = JSON.parse(
	readFileSync(new URL('reference_outcomes_detailed.json', DIR), 'utf8')
).files;

interface Case {
	label: string;
	params: AllocationParams;
	/** the reference key whose pabutools time is the baseline */
	key?: string;
	/** seconds */
	target?: number;
}

const PLANS: { file: string; cases: Case[] }[] = [
	{
		file: 'Poland_Warszawa_2026.pb',
		cases: [
			{
				label: 'greedy votes',
				params: { rule: 'greedy', score: 'votes' },
				key: 'greedy_cost_sat',
				target: 0.2
			},
			{
				label: 'greedy-cost votes',
				params: { rule: 'greedy-cost', score: 'votes' },
				key: 'greedy_card_sat',
				target: 0.2
			},
			{
				label: 'mes cost none',
				params: { rule: 'mes', utility: 'cost', completion: 'none' },
				key: 'mes_cost',
				target: 0.5
			},
			{
				label: 'mes cost add1-greedy',
				params: { rule: 'mes', utility: 'cost', completion: 'add1-greedy' },
				key: 'mes_cost_add1',
				target: 3
			},
			{ label: 'phragmen', params: { rule: 'phragmen' }, key: 'seq_phragmen' },
			{
				label: 'max-welfare approval',
				params: { rule: 'max-welfare', utility: 'approval' },
				key: 'max_welfare_card'
			}
		]
	},
	{
		file: 'Poland_Krakow_2020.pb',
		cases: [
			{
				label: 'greedy pabulib-borda',
				params: { rule: 'greedy', score: 'pabulib-borda' },
				key: 'greedy_pabulib_score'
			},
			{
				label: 'greedy-cost borda',
				params: { rule: 'greedy-cost', score: 'borda' },
				key: 'greedy_borda_per_cost'
			},
			{
				label: 'mes cost none',
				params: { rule: 'mes', utility: 'cost', completion: 'none' },
				key: 'mes_cost'
			},
			{
				label: 'mes borda add1',
				params: { rule: 'mes', utility: 'borda', completion: 'add1' },
				key: 'mes_borda_add1'
			},
			{ label: 'ear', params: { rule: 'ear' } }
		]
	},
	{
		file: 'Poland_Katowice_2023.pb',
		cases: [
			{ label: 'greedy points', params: { rule: 'greedy', score: 'points' }, key: 'greedy_points' },
			{
				label: 'greedy-cost points',
				params: { rule: 'greedy-cost', score: 'points' },
				key: 'greedy_points_per_cost'
			},
			{
				label: 'mes points none',
				params: { rule: 'mes', utility: 'points', completion: 'none' },
				key: 'mes_points'
			},
			{
				label: 'mes points-cost add1',
				params: { rule: 'mes', utility: 'points-cost', completion: 'add1' },
				key: 'mes_points_times_cost_add1'
			},
			{
				label: 'max-welfare points',
				params: { rule: 'max-welfare', utility: 'points' },
				key: 'max_welfare_points'
			}
		]
	}
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

interface Timing {
	/** median wall-clock seconds */
	wall: number;
	/** median CPU seconds of the process (user + system; includes GC helper threads) */
	cpu: number;
}

/**
 * Runs `fn` a few times (once if it is slow) and returns the medians. CPU time is reported
 * beside wall time because on a busy machine wall time mostly measures the other processes.
 */
function time(fn: () => void): Timing {
	const walls: number[] = [];
	const cpus: number[] = [];
	const deadline = performance.now() + 1500;
	do {
		const start = performance.now();
		const cpu = process.cpuUsage();
		fn();
		const used = process.cpuUsage(cpu);
		walls.push((performance.now() - start) / 1000);
		cpus.push((used.user + used.system) / 1e6);
	} while (walls.length < 5 && performance.now() < deadline);
	return { wall: median(walls), cpu: median(cpus) };
}

function row(cells: string[]): string {
	const widths = [24, 9, 9, 10, 9, 15, 10];
	return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ');
}

function benchFile(file: string, cases: Case[]): void {
	const text = readFileSync(new URL(file, DIR), 'utf8');
	let election = toElection(parsePabulib(text));
	const parse = time(() => {
		election = toElection(parsePabulib(text));
	});
	const { instance, profile } = election;
	console.log(
		`\n${file}: ${instance.projects.length} projects, ${profile.ballots.length} distinct ballots`
	);
	const ms = (x: number) => `${(x * 1000).toFixed(0)} ms`;
	console.log(`parse + toElection: ${ms(parse.wall)} (cpu ${ms(parse.cpu)}; target < 300 ms)`);
	console.log(row(['rule', 'time', 'cpu', 'peak RSS', 'heap', 'pabutools', 'target']));
	const timings = detailed[file]?.timing_s ?? {};
	for (const c of cases) {
		let timing: Timing;
		try {
			timing = time(() => allocate(instance, profile, c.params));
		} catch (error) {
			console.log(row([c.label, 'error', '', '', '', '', '']), (error as Error).message);
			continue;
		}
		// on a busy machine wall time counts the other processes, CPU time does not
		const seconds = Math.min(timing.wall, timing.cpu);
		const base = c.key ? timings[c.key] : undefined;
		const ratio = base === undefined ? '' : `${base}s (${(base / seconds).toFixed(0)}x)`;
		const target =
			c.target === undefined ? '' : `${seconds < c.target ? 'ok' : 'MISS'} <${c.target}s`;
		const heap = mb(process.memoryUsage().heapUsed);
		const rss = mb(process.resourceUsage().maxRSS * 1024);
		const times = [`${timing.wall.toFixed(3)}s`, `${timing.cpu.toFixed(3)}s`];
		console.log(row([c.label, ...times, rss, heap, ratio, target]));
	}
}

for (const plan of PLANS) benchFile(plan.file, plan.cases);
