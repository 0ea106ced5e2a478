import { buildBallotIndex, coSupport, type ValueOf } from './ballot-index.ts';
import { approxCents, explained, type BecauseStep } from './because.ts';
import { approxMoney } from './mes-explain.ts';
import { runLevels, type MesProblem, type MesResult, type MesRound } from './mes-run.ts';
import { supports } from './mes-setup.ts';
import { computeScores, type ProjectScores } from './scores.ts';
import { makeTieOrder } from './tiebreak.ts';
import type { AllocationParams, Instance, Outcome, Profile, WeightedBallot } from './types.ts';

/**
 * Expanding Approvals Rule for participatory budgeting (PB-EAR, Aziz & Lee, "Proportionally
 * representative participatory budgeting with ordinal preferences", AAAI 2021), in this exact
 * variant:
 * - every voter starts with an equal share B/n of the budget (the paper's weights, scaled so
 *   that a project's quota n·cost/B becomes its cost);
 * - a voter *j-approves* a project ranked at level j or better. Level = 1 + the number of projects
 *   the voter puts strictly above it: its position on a ranked ballot, 1 for every project of an
 *   approval ballot, and on a points ballot equal points share a level (Aziz & Lee's weak
 *   orders). Only listed projects with positive points count;
 * - for j = 1, 2, … up to the longest ballot: while some unfunded project's j-approvers together
 *   hold at least its cost, fund one, charging its j-approvers equal shares capped at what each
 *   holds (the paper allows any split that takes exactly the cost from that group; equal shares
 *   keep it the same as equal shares' approval payments). Among the projects that can be paid
 *   for, the one with the lowest largest payment per supporter is funded (ties by `params.tie`),
 *   which for unit costs is the project with the most j-approval weight. When none can be paid
 *   for, j grows by one;
 * - free projects with support are funded first. What is left unspent stays unspent.
 * Supporters pay from what they hold, so a funded project always fits in what is left of the
 * budget. All arithmetic is exact (the equal-shares engine of mes-run.ts, run level by level).
 */
export function allocateEar(
	instance: Instance,
	profile: Profile,
	params: AllocationParams
): Outcome {
	const tie = params.tie ?? 'lexicographic';
	const index = buildBallotIndex(instance, profile, levelOf(profile));
	const byId = makeTieOrder(tie, instance, profile);
	const all = index.ids.map((_, p) => p);
	const supported = (p: number) => index.supporters[p]! > 0;
	const problem: MesProblem = {
		index,
		scaledCost: index.costs.map((c) => c * index.voters),
		mult: index.costs.map(() => 1n),
		candidates: all.filter((p) => supported(p) && index.costs[p]! > 0n),
		tie: (a, b) => byId(index.ids[a]!, index.ids[b]!),
		co: coSupport(index),
		levels: true
	};
	const free = all.filter((p) => supported(p) && index.costs[p]! === 0n).sort(problem.tie);
	const maxLevel = index.values.reduce((m, v) => (Number(v) > m ? Number(v) : m), 0);
	const run = runLevels(problem, instance.budget, maxLevel);
	return earOutcome({
		instance,
		profile,
		params: { ...params, tie },
		problem,
		run,
		free,
		maxLevel
	});
}

/** Rank level of the project at `position` (1 = top), 0 when the ballot does not support it. */
function levelOf(profile: Profile): ValueOf {
	if (profile.shape === 'ordinal') return (_, k) => k + 1;
	return (ballot: WeightedBallot, k: number) => {
		if (!supports(ballot, k)) return 0;
		const points = ballot.points;
		if (points === undefined) return 1;
		let above = 0;
		points.forEach((x, i) => {
			if (x > points[k]! && supports(ballot, i)) above++;
		});
		return above + 1;
	};
}

interface EarContext {
	instance: Instance;
	profile: Profile;
	params: AllocationParams;
	problem: MesProblem;
	run: MesResult;
	free: number[];
	maxLevel: number;
}

function earOutcome(cx: EarContext): Outcome {
	const { index } = cx.problem;
	const scores = computeScores(cx.profile, 'votes');
	const entry = (p: number) => ({
		id: index.ids[p]!,
		cost: index.costs[p]!,
		score: score(scores, index.ids[p]!)
	});
	const why = (b: BecauseStep) => explained(b, cx.instance.moneyScale);
	const funded = [
		...cx.free.map((p) => ({ ...entry(p), ...why({ code: 'ear.freeFirst', params: {} }) })),
		...cx.run.rounds.map((r, i) => ({ ...entry(r.project), ...why(roundReason(cx, r, i + 1)) }))
	];
	const taken = new Set(funded.map((p) => p.id));
	const unfunded = index.ids
		.map((_, p) => p)
		.filter((p) => !taken.has(index.ids[p]!))
		.map((p) => ({ ...entry(p), ...why(unfundedReason(cx, p)) }));
	const spent = funded.reduce((sum, p) => sum + p.cost, 0n);
	return {
		params: cx.params,
		funded,
		unfunded,
		spent,
		left: cx.instance.budget - spent,
		notes: {
			levels: cx.maxLevel,
			voters: Number(index.voters),
			perVoterBudget: approxMoney(cx.instance.budget, index.voters, cx.instance.moneyScale)
		}
	};
}

function score(scores: ProjectScores, id: string): string {
	return String(scores.values.get(id) ?? 0n);
}

function roundReason(cx: EarContext, round: MesRound, n: number): BecauseStep {
	const voters = cx.problem.index.voters;
	const params = {
		position: n,
		level: round.level,
		payers: round.full + round.capped,
		capped: round.capped,
		priceCents: approxCents(round.rhoN, round.rhoD * voters, cx.instance.moneyScale)
	};
	return { code: 'ear.round', params };
}

function unfundedReason(cx: EarContext, p: number): BecauseStep {
	const { index } = cx.problem;
	if (index.supporters[p] === 0) return { code: 'noSupporters', params: {} };
	const heldCents = approxCents(
		cx.run.held(p),
		cx.run.delta * index.voters,
		cx.instance.moneyScale
	);
	return { code: 'ear.neverAffordable', params: { heldCents, costCents: index.costs[p]! } };
}
