import type { BallotIndex } from './ballot-index.ts';

/**
 * One run of the Method of Equal Shares (pabutools 1.2.3 `mes_inner_algo`, resolute) for a given
 * per-voter budget, in exact integer arithmetic.
 *
 * Money is scaled by n (the number of voters), so a per-voter budget of B/n + k currency units is
 * the integer B + k·scale·n and a cost c is c·n. Voters are kept in *budget classes*: every
 * distinct ballot belongs to one class, and all voters of a class hold the same budget β/Δ, with
 * one denominator Δ shared by all classes. Funding a project charges each supporter ρ·u, capped
 * at what they hold, so a class splits at most by utility value; classes follow the ballots'
 * histories and the arithmetic stays integer: only the price ρ is a fraction, and funding
 * multiplies Δ by ρ's reduced denominator.
 *
 * Utilities are u = mult[p]·v, where v is the ballot's integer value (1 for cost and approval
 * utilities, points, or Borda) and mult[p] a per-project factor (the cost for cost utilities).
 * Capping only needs v; mult only enters the comparison between projects.
 */
export interface MesProblem {
	index: BallotIndex;
	/** cost·n per project */
	scaledCost: bigint[];
	mult: bigint[];
	/** projects MES may select: positive cost, some support, not pre-selected */
	candidates: number[];
	/** negative when project a wins a tie against b */
	tie: (a: number, b: number) => number;
	/** co-support matrix from `coSupport` */
	co: Uint8Array;
	/**
	 * For the Expanding Approvals Rule: the index values are rank levels, not utilities. Every
	 * supporter then has utility 1, and only those who rank the project at or above the current
	 * level (`runLevels`) count as its supporters.
	 */
	levels?: boolean;
}

export interface MesRound {
	project: number;
	/** rank level the round ran at (EAR), Infinity for plain MES */
	level: number;
	/** price per unit of v, in scaled money: rhoN / rhoD */
	rhoN: bigint;
	rhoD: bigint;
	/** voters (with weights) charged the full ρ·u, and those who gave all they had left */
	full: number;
	capped: number;
}

export interface MesTraceRound {
	project: number;
	/** per distinct ballot: what each of its voters paid, in scaled money num/den */
	payments: { ballot: number; num: bigint; den: bigint }[];
}

export interface MesResult {
	selected: number[];
	rounds: MesRound[];
	/** money p's supporters still hold at the end, in scaled money over `delta` */
	held: (p: number) => bigint;
	delta: bigint;
	trace?: MesTraceRound[];
}
