import type { AllocationParams } from '@allot/shared';
import { defaultScore, fileRuleParams } from '@allot/shared/domain/allocation/index';
import type { BallotRules } from '@allot/shared/domain/ballot-rules';
import { ageBracket } from '@allot/shared/domain/eligibility';
import {
	splitList,
	type Election,
	type ParsedPabulib,
	type PabulibRow
} from '@allot/shared/domain/pabulib/index';

/**
 * How a pabulib file maps onto a cycle: pure functions from the parsed file to rows.
 * The imported cycle keeps the file's project ids, order and ballots as they are (real files
 * sometimes break their own length limits: the ballots are data, not submissions to check).
 */

/** `Poland`, `Warszawa`, `Nadwiśle`, `2017` → `warszawa-nadwisle-2017`. */
export function slugFromMeta(meta: Record<string, string>): string {
	const parts = [meta.unit, meta.subunit, meta.instance].filter((p) => p && p.trim() !== '');
	const text = (parts.length ? parts.join(' ') : (meta.description ?? 'imported'))
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[łŁ]/g, 'l')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 50)
		.replace(/-+$/, '');
	return text || 'imported';
}

export function cycleName(meta: Record<string, string>): string {
	const parts = [meta.unit, meta.subunit, meta.instance].filter((p) => p && p.trim() !== '');
	return (parts.length ? parts.join(' ') : (meta.description ?? 'Imported election')).slice(0, 200);
}

const count = (text: string | undefined) => {
	const n = Number(text);
	return Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

/** Ballot rules that describe the file's ballots (limits from META, else from the data). */
export function rulesFromFile(election: Election, meta: Record<string, string>): BallotRules {
	const longest = Math.max(1, ...election.profile.ballots.map((b) => b.projects.length));
	const max = count(meta.max_length) ?? longest;
	if (election.voteType === 'choose-1') return { kind: 'single' };
	if (election.profile.shape === 'ordinal') return { kind: 'ranked', minRanks: 0, maxRanks: max };
	if (election.profile.shape === 'approval')
		return { kind: 'approval', minSelections: 0, maxSelections: max };
	const sums = election.profile.ballots.map((b) => (b.points ?? []).reduce((s, p) => s + p, 0));
	const total = count(meta.max_sum_points) ?? Math.max(1, Math.ceil(Math.max(0, ...sums)));
	return { kind: 'cumulative', totalPoints: total, minProjects: 0 };
}

/** The file's own rule when the engine can reproduce it (`from-file`), else greedy by its measure. */
export function allocationFromFile(
	election: Election,
	meta: Record<string, string>
): AllocationParams {
	try {
		fileRuleParams(meta, election.profile);
		return { rule: 'from-file' };
	} catch {
		return { rule: 'greedy', score: defaultScore(election.profile), tie: 'lexicographic' };
	}
}

/** One VOTES row as stored ballot content. */
export function ballotContent(row: PabulibRow, election: Election): unknown {
	const ids = splitList(row.vote);
	if (election.profile.shape === 'ordinal') return { ranking: ids };
	if (election.profile.shape === 'approval') return { approvals: ids };
	// pabutools reads cumulative votes without a points column as empty ballots; so do we
	if (row.points === undefined) return { points: {} };
	const points = splitList(row.points);
	return {
		points: Object.fromEntries(
			ids.map((id, k) => [id, Number((points[k] ?? '1').replace(',', '.'))])
		)
	};
}

/** The voter's age bracket when the file gives an age (turnout statistics only). */
export function bracketOf(row: PabulibRow): string | null {
	const age = Number(row.age);
	return row.age && Number.isInteger(age) && age >= 0 && age < 130 ? ageBracket(age) : null;
}

export function neighborhoodOf(row: PabulibRow): string | null {
	const value = (row.neighborhood ?? row.district ?? '').trim();
	return value === '' || value.toLowerCase() === 'none' ? null : value.slice(0, 100);
}

export type { ParsedPabulib };
