import { asStep, explained, type Because } from './because.ts';
import { allocateGreedy } from './greedy.ts';
import { completeMes, type CompletedRun } from './mes-completion.ts';
import { approxMoney, explainMes, type MesExplained } from './mes-explain.ts';
import { setupMes, supports, type MesSetup } from './mes-setup.ts';
import { formatRational } from './outcome-format.ts';
import type { AllocationParams, Instance, Outcome, Profile } from './types.ts';

/**
 * Method of Equal Shares, exactly as pabutools 1.2.3 `method_of_equal_shares` (README §3.2).
 *
 * Each voter starts with an equal share B/n of the budget. Round by round, MES funds the project
 * whose supporters can pay its cost at the lowest price ρ per unit of utility, each paying ρ·u
 * or all they have left if that is less; ties go to `params.tie` (default lexicographic, the
 * smallest id as a string). It stops when no project's supporters can pay for it.
 * - utility (`params.utility`, default `cost`): `cost` (u = cost for a supporter), `approval`
 *   (u = 1), `points` (u = points), `points-cost` (u = points·cost), `borda` (u = L − pos − 1,
 *   so a last-ranked project is unsupported). A project is supported when listed, with positive
 *   points on cumulative ballots. Free projects with positive utility are funded first (with
 *   cost utilities a free project is worth 0, as in pabutools); projects nobody values are
 *   never funded by MES itself.
 * - completion: `none`, `add1`, `add1-greedy`, `add1-no-exhaustive-stop` (see `completeMes`);
 *   `add1-greedy` then runs pabutools' `completion_by_rule_combination`: if the Add1 outcome is
 *   not exhaustive over all projects, greedy with the same utility continues from it (cost →
 *   votes, approval → votes per cost, points → points per cost, borda → Borda per cost,
 *   points-cost → points).
 * - `compare: 'greedy'`: the comparison step of Wieliczka: greedy by votes replaces the result
 *   only if strictly more voters (with weights) approve strictly more of its winners; a tie keeps
 *   equal shares. Both counts are in `notes`.
 * All arithmetic is exact (see mes-run.ts); the final per-voter budget is in `notes`.
 */
export function allocateMes(
	instance: Instance,
	profile: Profile,
	params: AllocationParams
): Outcome {
	const filled: AllocationParams = {
		...params,
		utility: params.utility ?? 'cost',
		completion: params.completion ?? 'none',
		tie: params.tie ?? 'lexicographic'
	};
	const setup = setupMes(instance, profile, filled);
	const done = completeMes(setup, instance, filled.completion!);
	let explained = explainMes(setup, instance, profile, done);
	if (filled.completion === 'add1-greedy')
		explained = greedyCompletion(instance, profile, filled, explained);
	const outcome = toOutcome(instance, filled, explained, notesOf(setup, instance, done));
	return filled.compare === 'greedy' ? compareWithGreedy(instance, profile, outcome) : outcome;
}

function notesOf(setup: MesSetup, instance: Instance, done: CompletedRun): Outcome['notes'] {
	const voters = setup.index.voters;
	const perVoter = instance.budget + done.k * instance.moneyScale * voters;
	return {
		utility: setup.utility,
		rounds: done.run.rounds.length,
		voters: Number(voters),
		perVoterBudget: approxMoney(perVoter, voters, instance.moneyScale),
		perVoterBudgetExact: formatRational(perVoter, voters * instance.moneyScale),
		add1Steps: Number(done.k)
	};
}

function toOutcome(
	instance: Instance,
	params: AllocationParams,
	explained: MesExplained,
	notes: Outcome['notes']
): Outcome {
	const spent = explained.funded.reduce((sum, p) => sum + p.cost, 0n);
	return {
		params,
		...explained,
		spent,
		left: instance.budget - spent,
		...(notes ? { notes } : {})
	};
}

/** pabutools' "then greedy": greedy with MES's utility, starting from the MES outcome. */
function greedyCompletion(
	instance: Instance,
	profile: Profile,
	params: AllocationParams,
	mes: MesExplained
): MesExplained {
	const spent = mes.funded.reduce((sum, p) => sum + p.cost, 0n);
	const taken = new Set(mes.funded.map((p) => p.id));
	const exhaustive = instance.projects.every(
		(p) => taken.has(p.id) || spent + p.cost > instance.budget
	);
	if (exhaustive) return mes;
	const greedy = allocateGreedy(instance, profile, params, [...taken]);
	const greedyStep = new Map(
		[...greedy.funded, ...greedy.unfunded].map((p) => [p.id, asStep(p.because)] as const)
	);
	const added = greedy.funded.filter((p) => !taken.has(p.id));
	const addedIds = new Set(added.map((p) => p.id));
	const wrap = (because: Because) => explained(because, instance.moneyScale);
	return {
		funded: [
			...mes.funded,
			...added.map((p) => ({
				...p,
				...wrap({ code: 'greedyCompletion.funded', params: { greedy: asStep(p.because) } })
			}))
		],
		unfunded: mes.unfunded
			.filter((p) => !addedIds.has(p.id))
			.map((p) => ({
				...p,
				...wrap({
					code: 'greedyCompletion.unfunded',
					params: { mes: asStep(p.because), greedy: greedyStep.get(p.id)! }
				})
			}))
	};
}

/**
 * The comparison step: per voter, the number of approved winners under each outcome. Greedy by
 * votes wins only if more voters strictly prefer it than strictly prefer equal shares.
 */
function compareWithGreedy(instance: Instance, profile: Profile, mes: Outcome): Outcome {
	const greedy = allocateGreedy(instance, profile, {
		rule: 'greedy',
		score: 'votes',
		tie: mes.params.tie ?? 'lexicographic'
	});
	const inMes = new Set(mes.funded.map((p) => p.id));
	const inGreedy = new Set(greedy.funded.map((p) => p.id));
	let mesVoters = 0;
	let greedyVoters = 0;
	for (const ballot of profile.ballots) {
		let a = 0;
		let b = 0;
		const seen = new Set<string>();
		ballot.projects.forEach((id, k) => {
			if (!supports(ballot, k) || seen.has(id)) return;
			seen.add(id);
			if (inMes.has(id)) a++;
			if (inGreedy.has(id)) b++;
		});
		if (a > b) mesVoters += ballot.weight;
		else if (b > a) greedyVoters += ballot.weight;
	}
	const notes = {
		...mes.notes,
		comparisonMesPreferredBy: mesVoters,
		comparisonGreedyPreferredBy: greedyVoters
	};
	if (greedyVoters <= mesVoters)
		return { ...mes, notes: { ...notes, comparisonKept: 'equal shares' } };
	const chosen = <P extends { because: Because }>(p: P): P => ({
		...p,
		...explained(
			{
				code: 'comparison.greedy',
				params: { greedy: asStep(p.because), greedyVoters, mesVoters }
			},
			instance.moneyScale
		)
	});
	return {
		...greedy,
		params: mes.params,
		funded: greedy.funded.map(chosen),
		unfunded: greedy.unfunded.map(chosen),
		notes: { ...notes, comparisonKept: 'greedy by votes' }
	};
}
