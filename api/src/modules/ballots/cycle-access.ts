import type { DbOrTx } from '@allot/db';
import { AppError, notFound } from '../../errors.ts';
import { findCycleBySlug } from '../cycles/cycles.repo.ts';

export type CycleRow = NonNullable<Awaited<ReturnType<typeof findCycleBySlug>>>;
export type PhaseName = CycleRow['phase'];

/** The phases after the vote closed: ballots are frozen and can be counted and published. */
export const CLOSED_PHASES: readonly PhaseName[] = [
	'tallying',
	'results',
	'implementation',
	'archived'
];

export async function requireCycle(db: DbOrTx, slug: string): Promise<CycleRow> {
	const cycle = await findCycleBySlug(db, slug);
	if (!cycle) throw notFound(`Cycle ${slug}`);
	return cycle;
}

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
