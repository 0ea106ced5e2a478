import { moneyToDecimal } from '../allocation/outcome-format.ts';
import type { Instance, Profile } from '../allocation/types.ts';
import { formatRecord } from './csv.ts';
import type { ParsedPabulib, PabulibRow } from './parse.ts';

export interface WriteOptions {
	/** line ending, `\n` by default (pabulib files use both) */
	lineEnding?: '\n' | '\r\n';
	/** start with a UTF-8 byte-order mark */
	bom?: boolean;
}

function tableLines(columns: readonly string[], rows: readonly PabulibRow[]): string[] {
	const lines = [formatRecord(columns)];
	for (const row of rows) lines.push(formatRecord(columns.map((c) => row[c] ?? '')));
	return lines;
}

/**
 * Writes a parsed `.pb` file back as text: every META key and every column in their original
 * order, cells quoted only where `;`, `"` or a line break requires it (Python csv's minimal
 * quoting). `parsePabulib(writePabulib(p))` gives back the same data as `p`.
 */
export function writePabulib(parsed: ParsedPabulib, options: WriteOptions = {}): string {
	const lines = ['META', 'key;value'];
	for (const [key, value] of Object.entries(parsed.meta)) lines.push(formatRecord([key, value]));
	lines.push('PROJECTS', ...tableLines(parsed.projectColumns, parsed.projects));
	lines.push('VOTES', ...tableLines(parsed.voteColumns, parsed.votes));
	const eol = options.lineEnding ?? '\n';
	return `${options.bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}`;
}

/**
 * The canonical text of a `.pb` file, the form that is hashed for an outcome's manifest: no
 * BOM, `\n` line endings, trimmed cells, minimal quoting, no blank lines. Two files that parse
 * to the same data have the same canonical text, whatever their original formatting.
 */
export function canonicalPabulib(parsed: ParsedPabulib): string {
	return writePabulib(parsed);
}

/**
 * Builds a `.pb` file from an election (for the anonymised export of a cycle). Voters get ids
 * 1..n in profile order, one VOTES row per voter (weights expanded); shuffling voter order is
 * the caller's job, since this function is pure. `meta` comes first; `budget`, `num_projects`,
 * `num_votes` and `vote_type` are always set from the data.
 */
export function electionToPabulib(
	instance: Instance,
	profile: Profile,
	meta: Record<string, string> = {}
): ParsedPabulib {
	const money = (x: bigint) => moneyToDecimal(x, instance.moneyScale);
	const hasNames = instance.projects.some((p) => p.name !== undefined);
	const projects = instance.projects.map((p) => {
		const row: PabulibRow = { project_id: p.id, cost: money(p.cost) };
		if (hasNames) row.name = p.name ?? '';
		return row;
	});
	const hasPoints = profile.shape === 'cumulative' || profile.shape === 'scoring';
	const votes: PabulibRow[] = [];
	for (const ballot of profile.ballots) {
		for (let k = 0; k < ballot.weight; k++) {
			const row: PabulibRow = {
				voter_id: String(votes.length + 1),
				vote: ballot.projects.join(',')
			};
			if (hasPoints) row.points = (ballot.points ?? []).join(',');
			votes.push(row);
		}
	}
	const voteType = profile.shape === 'approval' ? 'approval' : profile.shape;
	const fullMeta: Record<string, string> = {
		...meta,
		num_projects: String(projects.length),
		num_votes: String(votes.length),
		budget: money(instance.budget),
		vote_type: meta.vote_type === 'choose-1' ? 'choose-1' : voteType
	};
	return {
		meta: fullMeta,
		metaLines: {},
		projectColumns: hasNames ? ['project_id', 'cost', 'name'] : ['project_id', 'cost'],
		projects,
		projectLines: projects.map(() => 0),
		voteColumns: hasPoints ? ['voter_id', 'vote', 'points'] : ['voter_id', 'vote'],
		votes,
		voteLines: votes.map(() => 0),
		warnings: []
	};
}
