/**
 * A cycle's phases as an explicit list (consul's phases), what each phase allows, and which
 * phase changes are allowed given what has been done so far. Pure: the API loads the facts,
 * asks here, and refuses with the reasons returned.
 */

export const PHASES = [
	'draft',
	'ideas',
	'development',
	'voting',
	'tallying',
	'results',
	'implementation',
	'archived'
] as const;
export type Phase = (typeof PHASES)[number];

/**
 * Phases a cycle may pass over on the way forward: a city may skip idea collection (staff
 * write the ballot) or proposal development, and may archive without tracking implementation.
 * Voting, tallying and results can never be skipped.
 */
const OPTIONAL: ReadonlySet<Phase> = new Set(['ideas', 'development', 'implementation']);

/** Things that happen in a cycle, each open only in some phases (else 409 PHASE_CLOSED). */
export const PHASE_WINDOWS = {
	'idea.submit': ['ideas'],
	'comment.post': ['ideas', 'development'],
	'proposal.write': ['ideas', 'development'],
	'project.edit': ['draft', 'ideas', 'development'],
	'cycle.edit': [
		'draft',
		'ideas',
		'development',
		'voting',
		'tallying',
		'results',
		'implementation'
	],
	moderate: ['draft', 'ideas', 'development', 'voting', 'tallying', 'results', 'implementation']
} as const satisfies Record<string, readonly Phase[]>;
export type PhaseActivity = keyof typeof PHASE_WINDOWS;

export function phaseAllows(phase: Phase, activity: PhaseActivity): boolean {
	return (PHASE_WINDOWS[activity] as readonly Phase[]).includes(phase);
}

/** The minimum of picks a ballot kind demands: voting cannot open with fewer projects. */
export interface BallotMinimum {
	kind: string;
	minRanks?: number;
	minSelections?: number;
	minProjects?: number;
	budgetCap?: number;
}

/** What the database knows about a cycle's progress, loaded before a phase change. */
export interface PhaseFacts {
	potCents: number;
	ballot: BallotMinimum;
	projectCount: number;
	/** cost of the cheapest ballot project, null when there is none */
	cheapestCostCents: number | null;
	ideaCount: number;
	/** proposals still waiting for a feasibility decision */
	pendingProposalCount: number;
	ballotCount: number;
	published: boolean;
}

const index = (p: Phase) => PHASES.indexOf(p);

function minimumPicks(ballot: BallotMinimum): number {
	if (ballot.kind === 'ranked') return ballot.minRanks ?? 1;
	if (ballot.kind === 'approval') return ballot.minSelections ?? 1;
	if (ballot.kind === 'cumulative') return ballot.minProjects ?? 1;
	return 1;
}

function votingProblems(f: PhaseFacts): string[] {
	const out: string[] = [];
	if (f.projectCount === 0) out.push('voting needs at least one ballot project');
	const cap = Math.min(f.potCents, f.ballot.budgetCap ?? f.potCents);
	if (f.cheapestCostCents !== null && f.cheapestCostCents > cap) {
		out.push(
			`the cheapest project (${f.cheapestCostCents} cents) does not fit the ${cap} cents available`
		);
	}
	const min = minimumPicks(f.ballot);
	if (f.projectCount > 0 && f.projectCount < min) {
		out.push(
			`the ballot rules ask each voter for ${min} projects but only ${f.projectCount} are on the ballot`
		);
	}
	if (f.pendingProposalCount > 0) {
		out.push(`${f.pendingProposalCount} proposal(s) still need a feasibility decision`);
	}
	return out;
}

/** What entering `to` requires, whatever the phase it comes from. */
function entryProblems(to: Phase, f: PhaseFacts): string[] {
	if (to === 'voting') return votingProblems(f);
	if (to === 'tallying' && f.ballotCount === 0) return ['no ballot has been cast yet'];
	if (to === 'results' && !f.published)
		return ['publish a result before opening the results phase'];
	return [];
}

/** Going back is allowed one step, and only where nothing done since would be undone. */
function backwardProblems(from: Phase, to: Phase, f: PhaseFacts): string[] {
	const step = `${from}->${to}`;
	if (step === 'ideas->draft') return f.ideaCount > 0 ? ['ideas were already submitted'] : [];
	if (step === 'development->ideas') return [];
	if (step === 'voting->development') {
		return f.ballotCount > 0 ? ['ballots were already cast; the vote cannot be undone'] : [];
	}
	if (step === 'tallying->voting') {
		return f.published ? ['a result was already published'] : [];
	}
	return [`a cycle cannot go back from ${from} to ${to}`];
}

/**
 * Why `from → to` is not allowed (empty: allowed). Forward moves may skip optional phases and
 * must meet the target's entry requirements; backward moves are the few safe ones.
 */
export function phaseChangeProblems(from: Phase, to: Phase, facts: PhaseFacts): string[] {
	if (from === to) return [`the cycle is already in ${to}`];
	if (from === 'archived') return ['an archived cycle is final'];
	if (index(to) < index(from)) return backwardProblems(from, to, facts);
	const skipped = PHASES.slice(index(from) + 1, index(to)).filter((p) => !OPTIONAL.has(p));
	if (skipped.length > 0) return skipped.map((p) => `${p} cannot be skipped`);
	return entryProblems(to, facts);
}
