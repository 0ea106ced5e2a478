import type {
	BallotShape,
	Instance,
	Profile,
	Project,
	WeightedBallot
} from '../allocation/types.ts';
import { parseDecimal, type ExactDecimal } from '../allocation/outcome-format.ts';
import { PabulibError } from './csv.ts';
import type { ParsedPabulib } from './parse.ts';

/** An election read from a `.pb` file, ready for `allocate`. */
export interface Election {
	instance: Instance;
	profile: Profile;
	/** number of voters (VOTES rows), before identical ballots were merged */
	voters: number;
	/** the file's `vote_type` (`choose-1` is an approval profile of one-project ballots) */
	voteType: string;
	warnings: string[];
}

const SHAPES: Record<string, BallotShape> = {
	approval: 'approval',
	'choose-1': 'approval',
	ordinal: 'ordinal',
	cumulative: 'cumulative',
	scoring: 'scoring'
};

/** pabutools treats a cell whose trimmed, lower-cased text is `none` as missing. */
export function isMissing(cell: string | undefined): boolean {
	return cell === undefined || cell === '' || cell.toLowerCase() === 'none';
}

function amount(text: string | undefined, line: number, what: string): ExactDecimal {
	const value = isMissing(text) ? undefined : parseDecimal(text!);
	if (!value || value.digits < 0n) {
		throw new PabulibError(line, `${what} must be a non-negative number, got "${text ?? ''}"`);
	}
	return value;
}

/** Budget and costs as exact minor units: the scale is 10^(most decimals seen), at least 1. */
function readMoney(parsed: ParsedPabulib): { budget: bigint; projects: Project[]; scale: bigint } {
	const budgetLine = parsed.metaLines.budget ?? 1;
	const budget = amount(parsed.meta.budget, budgetLine, 'META budget');
	const costs = parsed.projects.map((row, i) =>
		amount(row.cost, parsed.projectLines[i]!, `cost of project ${row.project_id}`)
	);
	const decimals = Math.max(budget.decimals, ...costs.map((c) => c.decimals));
	const scale = 10n ** BigInt(decimals);
	const toMinor = (x: ExactDecimal) => x.digits * 10n ** BigInt(decimals - x.decimals);
	const projects = parsed.projects.map((row, i): Project => {
		const project: Project = { id: row.project_id!, cost: toMinor(costs[i]!) };
		if (!isMissing(row.name)) project.name = row.name;
		return project;
	});
	return { budget: toMinor(budget), projects, scale };
}

/** Splits a comma list, trimming items and dropping empty ones. */
export function splitList(cell: string | undefined): string[] {
	if (isMissing(cell)) return [];
	const items = cell!.split(',');
	// fast path: no spaces and no empty items, which is nearly every real vote
	if (!cell!.includes(' ') && !items.includes('')) return items;
	const out: string[] = [];
	for (const item of items) {
		const trimmed = item.trim();
		if (trimmed !== '') out.push(trimmed);
	}
	return out;
}

interface BallotReader {
	shape: BallotShape;
	known: Set<string>;
	hasPoints: boolean;
}

/** One VOTES row as a ballot: its projects and (cumulative, scoring) points, checked. */
function readBallot(
	r: BallotReader,
	vote: string | undefined,
	pointsCell: string | undefined,
	line: number
) {
	const projects = splitList(vote);
	for (let k = 0; k < projects.length; k++) {
		const id = projects[k]!;
		if (!r.known.has(id)) throw new PabulibError(line, `vote lists unknown project "${id}"`);
		// ballots are short: a scan is cheaper than a Set per ballot
		if (projects.indexOf(id) !== k)
			throw new PabulibError(line, `vote lists project "${id}" twice`);
	}
	if (r.shape === 'approval' || r.shape === 'ordinal') return { projects };
	if (!r.hasPoints) return { projects: [], points: [] };
	const texts = splitList(pointsCell);
	if (texts.length !== projects.length) {
		throw new PabulibError(
			line,
			`vote lists ${projects.length} projects but points has ${texts.length}`
		);
	}
	const points = texts.map((t) => {
		const value = Number(t.replace(',', '.'));
		if (!Number.isFinite(value)) throw new PabulibError(line, `points "${t}" is not a number`);
		return value;
	});
	return { projects, points };
}

function readProfile(parsed: ParsedPabulib, shape: BallotShape, warnings: string[]): Profile {
	const reader: BallotReader = {
		shape,
		known: new Set(parsed.projects.map((row) => row.project_id!)),
		hasPoints: parsed.voteColumns.includes('points')
	};
	if ((shape === 'cumulative' || shape === 'scoring') && !reader.hasPoints) {
		warnings.push('VOTES has no points column: every ballot is read as empty (as pabutools does)');
	}
	// Ballots merge on their cell text: a repeated ballot is found without splitting it again.
	// Differently written equal ballots ("1, 2" / "2,1") stay apart, which changes no outcome.
	const merged = new Map<string, WeightedBallot>();
	const { votes, voteLines } = parsed;
	for (let i = 0; i < votes.length; i++) {
		const row = votes[i]!;
		const key = reader.hasPoints ? `${row.vote}\u0000${row.points}` : (row.vote ?? '');
		const seen = merged.get(key);
		if (seen) {
			seen.weight++;
			continue;
		}
		const ballot = readBallot(reader, row.vote, row.points, voteLines[i]!);
		const weighted: WeightedBallot = { projects: ballot.projects, weight: 1 };
		if (ballot.points) weighted.points = ballot.points;
		merged.set(key, weighted);
	}
	return { shape, ballots: [...merged.values()] };
}

/**
 * Interprets a parsed `.pb` file as an election. Money becomes exact bigint minor units with
 * `moneyScale` = 10^(most decimals in budget and costs), so `748772.64` is `74877264n` at scale
 * 100. Vote lists are split on `,` and trimmed; `none` is missing; `choose-1` is approval.
 * Identical ballots (the same vote and points text) are merged into one weighted ballot.
 * Throws a `PabulibError` at the offending line for a bad number, an unknown project in a vote,
 * a project listed twice, or points that do not match the vote list.
 */
export function toElection(parsed: ParsedPabulib): Election {
	const voteType = (parsed.meta.vote_type ?? '').trim().toLowerCase();
	const shape = SHAPES[voteType];
	if (!shape) {
		const line = parsed.metaLines.vote_type ?? 1;
		throw new PabulibError(line, `unknown vote_type "${parsed.meta.vote_type ?? ''}"`);
	}
	const warnings = [...parsed.warnings];
	const { budget, projects, scale } = readMoney(parsed);
	const profile = readProfile(parsed, shape, warnings);
	if (voteType === 'choose-1' && profile.ballots.some((b) => b.projects.length > 1)) {
		warnings.push('choose-1 file has ballots with more than one project');
	}
	return {
		instance: { budget, projects, moneyScale: scale },
		profile,
		voters: parsed.votes.length,
		voteType,
		warnings
	};
}
