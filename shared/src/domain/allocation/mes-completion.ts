import { runMes, type MesResult } from './mes-run.ts';
import type { MesSetup } from './mes-setup.ts';
import type { AllocationParams, Instance } from './types.ts';

export type Completion = NonNullable<AllocationParams['completion']>;

/** The MES run whose selection is the outcome, and the k of its per-voter budget B/n + k. */
export interface CompletedRun {
	run: MesResult;
	/** projects in selection order: pre-selected free ones, then the rounds */
	selected: number[];
	k: bigint;
}

/**
 * Runs MES with the Add1 completions (README §3.2, §5.2, §7), one full run per +1:
 * - `none`: per-voter budget B/n;
 * - `add1` (pabutools `voter_budget_increment=1`): B/n + k for k = 0, 1, …; returns the first
 *   outcome that is exhaustive with respect to the supported positive-cost projects, or the
 *   previous outcome as soon as one costs more than B;
 * - `add1-greedy`: the same `add1` run (the greedy pass is added by the caller);
 * - `add1-no-exhaustive-stop` (pabutools `exhaustion_by_budget_increase(budget_step=n,
 *   exhaustive_stop=False)`, the pabulib checker, Wieliczka/Świecie/Assen): keeps raising k while
 *   the outcome costs at most B and returns the last such outcome. pabutools stops at the budget
 *   bound B·(n+1), i.e. k = ⌊B⌋ currency units; when even all candidates together fit in B no
 *   outcome can be infeasible, so that last run is computed directly.
 */
export function completeMes(
	setup: MesSetup,
	instance: Instance,
	completion: Completion
): CompletedRun {
	const { index } = setup;
	const step = instance.moneyScale * index.voters;
	const at = (k: bigint): CompletedRun => {
		const run = runMes(setup.problem, instance.budget + k * step);
		return { run, selected: [...setup.preselected, ...run.selected], k };
	};
	if (completion === 'none') return at(0n);
	const cost = (c: CompletedRun) => c.selected.reduce((sum, p) => sum + index.costs[p]!, 0n);
	const exhaustiveStop = completion !== 'add1-no-exhaustive-stop';
	const last = instance.budget / instance.moneyScale;
	if (!exhaustiveStop && allFit(setup, instance)) return at(last);
	// at k = 0 the voters hold exactly B between them, so the first run always fits
	let previous = at(0n);
	for (let k = 0n; exhaustiveStop || k <= last; k++) {
		const current = k === 0n ? previous : at(k);
		const spent = cost(current);
		if (spent > instance.budget) return previous;
		if (exhaustiveStop && isExhaustive(setup, current.selected, spent, instance.budget)) {
			return current;
		}
		previous = current;
	}
	return previous;
}

/** Every candidate not selected would overshoot the budget (pabutools `is_exhaustive`). */
function isExhaustive(setup: MesSetup, selected: number[], spent: bigint, budget: bigint): boolean {
	const chosen = new Set(selected);
	const costs = setup.index.costs;
	return setup.problem.candidates.every((p) => chosen.has(p) || spent + costs[p]! > budget);
}

function allFit(setup: MesSetup, instance: Instance): boolean {
	const costs = setup.index.costs;
	const all = [...setup.preselected, ...setup.problem.candidates];
	return all.reduce((sum, p) => sum + costs[p]!, 0n) <= instance.budget;
}
