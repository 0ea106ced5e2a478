import { buildBallotIndex, coSupport, type BallotIndex, type ValueOf } from './ballot-index.ts';
import type { MesProblem } from './mes-run.ts';
import { makeTieOrder } from './tiebreak.ts';
import type { AllocationParams, Instance, Profile, WeightedBallot } from './types.ts';

export type MesUtility = NonNullable<AllocationParams['utility']>;

/** Support as every rule here reads it: listed, and with positive points where points exist. */
export function supports(ballot: WeightedBallot, position: number): boolean {
	const points = ballot.points;
	return points === undefined || (points[position] ?? 0) > 0;
}

/**
 * The integer part v of each voter's utility (u = mult·v, see `MesProblem`):
 * - `cost`, `approval`: 1 for a supported project (u = cost, u = 1);
 * - `points`, `points-cost`: the points (ballots without points count 1 per listed project);
 * - `borda`: L − pos − 1 for a ballot of length L (pabutools), so the last-ranked project is 0,
 *   which MES reads as "not supported".
 */
export function mesValueOf(utility: MesUtility): ValueOf {
	if (utility === 'borda') return (b, k) => b.projects.length - k - 1;
	if (utility === 'points' || utility === 'points-cost') {
		return (b, k) => (b.points === undefined ? 1 : (b.points[k] ?? 0));
	}
	return (b, k) => (supports(b, k) ? 1 : 0);
}

export interface MesSetup {
	/** projects with positive total utility */
	supported: (p: number) => boolean;
	problem: MesProblem;
	index: BallotIndex;
	/** free projects with support: funded before the first round, as pabutools does */
	preselected: number[];
	utility: MesUtility;
}

/** Prepares everything that does not depend on the per-voter budget, once for all Add1 runs. */
export function setupMes(instance: Instance, profile: Profile, params: AllocationParams): MesSetup {
	const utility = params.utility ?? 'cost';
	const index = buildBallotIndex(instance, profile, mesValueOf(utility));
	const byId = makeTieOrder(params.tie ?? 'lexicographic', instance, profile);
	const tie = (a: number, b: number) => byId(index.ids[a]!, index.ids[b]!);
	const costMultiplies = utility === 'cost' || utility === 'points-cost';
	const mult = index.costs.map((c) => (costMultiplies ? c : 1n));
	// u = mult·v: with cost utilities a free project gives nobody any utility (pabutools Cost_Sat)
	const supported = (p: number) => index.totalValue[p]! > 0n && mult[p]! > 0n;
	const all = index.ids.map((_, p) => p);
	const problem: MesProblem = {
		index,
		scaledCost: index.costs.map((c) => c * index.voters),
		mult,
		candidates: all.filter((p) => supported(p) && index.costs[p]! > 0n),
		tie,
		co: coSupport(index)
	};
	const preselected = all.filter((p) => supported(p) && index.costs[p]! === 0n).sort(tie);
	return { problem, index, preselected, utility, supported };
}
