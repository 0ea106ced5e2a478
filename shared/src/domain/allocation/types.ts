/**
 * The vocabulary of the allocation engine. Everything here is plain data: an election
 * (`Instance` + `Profile`) goes in, an `Outcome` comes out. Money is exact: integer minor
 * units as `bigint` (cents in allot; for a pabulib file, the smallest unit its decimals need,
 * see `Instance.moneyScale`).
 */
import type { Because } from './because.ts';

/** One project on the ballot. `id` is a string (pabulib `project_id`), compared as a string. */
export interface Project {
	id: string;
	/** exact cost in minor units */
	cost: bigint;
	/** optional display name */
	name?: string;
}

export interface Instance {
	/** exact budget in minor units */
	budget: bigint;
	/** projects in file (or cycle) order; file order is a tie-break option */
	projects: Project[];
	/** how many minor units make one currency unit (100 for cents); Add1 adds one currency unit */
	moneyScale: bigint;
}

export type BallotShape = 'approval' | 'ordinal' | 'cumulative' | 'scoring';

/**
 * One distinct ballot with the number of voters who cast it (identical ballots merged).
 * `projects` is the vote list in ballot order (ordinal: best first); `points[k]` belongs to
 * `projects[k]` for cumulative and scoring ballots.
 */
export interface WeightedBallot {
	projects: string[];
	points?: number[];
	weight: number;
}

export interface Profile {
	shape: BallotShape;
	ballots: WeightedBallot[];
}

export type TieBreak = 'lexicographic' | 'file-order' | 'min-cost-max-votes';

/** Allocation params, named exactly as the CLI flags (../pabulib/rules.json). */
export interface AllocationParams {
	rule: 'greedy' | 'greedy-cost' | 'mes' | 'phragmen' | 'max-welfare' | 'ear' | 'from-file';
	score?: 'votes' | 'points' | 'borda' | 'pabulib-borda';
	utility?: 'cost' | 'approval' | 'points' | 'borda' | 'points-cost';
	completion?: 'none' | 'add1' | 'add1-greedy' | 'add1-no-exhaustive-stop';
	variant?: 'skip' | 'no-skip' | 'threshold';
	minScore?: number;
	tie?: TieBreak;
	compare?: 'greedy';
}

export interface FundedProject {
	id: string;
	cost: bigint;
	/** the project's score under the rule's measure (votes, points, Borda, ...), exact decimal string */
	score: string;
	/** plain-words reason it was funded, e.g. "3rd by votes (1,204 votes); cost 120,000 fit in 400,000 left" */
	reason: string;
	/** the same reason as data (code and params); `reason` is `formatBecause(because)` */
	because: Because;
}

export interface UnfundedProject {
	id: string;
	cost: bigint;
	score: string;
	/** plain-words reason, e.g. "needed $X, $Y left", "below threshold", "its supporters' shares ran out" */
	reason: string;
	/** the same reason as data (code and params); `reason` is `formatBecause(because)` */
	because: Because;
}

export interface Outcome {
	params: AllocationParams;
	/** funded in selection order */
	funded: FundedProject[];
	unfunded: UnfundedProject[];
	spent: bigint;
	left: bigint;
	/** exact decimal welfare (max-welfare: the optimum's total utility) */
	welfare?: string;
	/** rule-specific details worth showing (e.g. final per-voter budget of Add1, comparison counts) */
	notes?: Record<string, string | number>;
}
