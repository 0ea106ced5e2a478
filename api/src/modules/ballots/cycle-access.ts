import { AppError } from '../../errors.ts';
import type { CycleRow } from '../cycles/cycles.repo.ts';

export type { CycleRow };
export type PhaseName = CycleRow['phase'];

/** The phases after the vote closed: ballots are frozen and can be counted and published. */
export const CLOSED_PHASES: readonly PhaseName[] = [
	'tallying',
	'results',
	'implementation',
	'archived'
];

// One lookup for every module (optionally locking the row): the cycles module owns it.
export { requireCycle } from '../cycles/cycles.service.ts';

/** 409 PHASE_CLOSED unless the cycle is in one of `phases`. */
export function requirePhase(
	cycle: Pick<CycleRow, 'phase'>,
	phases: readonly PhaseName[],
	what: string
): void {
	if (phases.includes(cycle.phase)) return;
	throw new AppError(
		'PHASE_CLOSED',
		409,
		`${what} is possible only in phase ${phases.join(' or ')}; the cycle is in ${cycle.phase}`,
		{ phase: cycle.phase }
	);
}
