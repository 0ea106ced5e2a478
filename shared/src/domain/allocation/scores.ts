import { groupThousands, numberToDecimal, scaleDecimal } from './outcome-format.ts';
import type { Profile, WeightedBallot } from './types.ts';

/** The per-project measures greedy ranks by (AllocationParams.score). */
export type ScoreKind = 'votes' | 'points' | 'borda' | 'pabulib-borda';

/**
 * Exact per-project scores: project `id` scores `values.get(id) / scale` (missing = 0).
 * `scale` is 1 except for points with decimals, so comparisons stay integer comparisons.
 */
export interface ProjectScores {
	kind: ScoreKind;
	values: Map<string, bigint>;
	scale: bigint;
}

/** Words for a score in reasons: "1,204 votes", "3,120 points". */
export const SCORE_UNIT: Record<ScoreKind, string> = {
	votes: 'votes',
	points: 'points',
	borda: 'Borda points',
	'pabulib-borda': 'points'
};

/** "1 vote", "1,204 votes", "2.5 points": a score with its unit, for reasons. */
export function scoreAmount(kind: ScoreKind, value: string): string {
	const unit = SCORE_UNIT[kind];
	return `${groupThousands(value)} ${value === '1' ? unit.replace(/s$/, '') : unit}`;
}

/** A listed project counts as supported unless its points are zero or negative. */
function supports(ballot: WeightedBallot, k: number): boolean {
	return !ballot.points || ballot.points[k]! > 0;
}

function pointsScale(profile: Profile): bigint {
	let decimals = 0;
	for (const ballot of profile.ballots) {
		for (const p of ballot.points ?? []) {
			if (!Number.isInteger(p)) decimals = Math.max(decimals, numberToDecimal(p).decimals);
		}
	}
	return 10n ** BigInt(decimals);
}

function add(values: Map<string, bigint>, id: string, amount: bigint): void {
	values.set(id, (values.get(id) ?? 0n) + amount);
}

/**
 * Computes each project's score over a (merged) profile, exactly:
 * - `votes`: voters listing the project (cumulative: with positive points), the `votes` column;
 * - `points`: sum of points (a ballot without points gives 1 per listed project);
 * - `borda`: pabutools `Additive_Borda_Sat`, L − pos − 1 for a ballot of length L (0-based pos),
 *   so a last-ranked project gets 0;
 * - `pabulib-borda`: L − pos (ranks get L..1), the `score` column of pabulib ordinal files and
 *   the Kraków city rule.
 */
export function computeScores(profile: Profile, kind: ScoreKind): ProjectScores {
	const values = new Map<string, bigint>();
	const scale = kind === 'points' ? pointsScale(profile) : 1n;
	for (const ballot of profile.ballots) {
		const weight = BigInt(ballot.weight);
		const length = ballot.projects.length;
		ballot.projects.forEach((id, pos) => {
			if (kind === 'votes') {
				if (supports(ballot, pos)) add(values, id, weight);
			} else if (kind === 'points') {
				const points = ballot.points ? ballot.points[pos]! : 1;
				const exact = Number.isInteger(points)
					? BigInt(points) * scale
					: scaleDecimal(numberToDecimal(points), scale);
				add(values, id, exact * weight);
			} else {
				const borda = kind === 'borda' ? length - pos - 1 : length - pos;
				add(values, id, BigInt(borda) * weight);
			}
		});
	}
	return { kind, values, scale };
}

/** The score a profile's shape calls for when none is given: the city's own measure. */
export function defaultScore(profile: Profile): ScoreKind {
	if (profile.shape === 'cumulative' || profile.shape === 'scoring') return 'points';
	if (profile.shape === 'ordinal') return 'pabulib-borda';
	return 'votes';
}
