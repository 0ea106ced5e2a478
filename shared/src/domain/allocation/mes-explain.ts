import type { CompletedRun } from './mes-completion.ts';
import type { MesRound } from './mes-run.ts';
import type { MesSetup } from './mes-setup.ts';
import { approxCents, explained, type Because, type BecauseStep } from './because.ts';
import { formatRational, groupThousands } from './outcome-format.ts';
import { rational, toDecimal } from './rational.ts';
import { computeScores, type ProjectScores, type ScoreKind } from './scores.ts';
import type { FundedProject, Instance, Profile, UnfundedProject } from './types.ts';

/** The score MES reports per project: what its utility counts (votes, points or Borda points). */
export function mesScoreKind(setup: MesSetup): ScoreKind {
	const u = setup.utility;
	if (u === 'points' || u === 'points-cost') return 'points';
	return u === 'borda' ? 'borda' : 'votes';
}

export interface MesExplained {
	funded: FundedProject[];
	unfunded: UnfundedProject[];
}

/** Money given as num/den minor units, rounded to cents of the currency, e.g. `1,234.57`. */
export function approxMoney(num: bigint, den: bigint, moneyScale: bigint): string {
	return groupThousands(toDecimal(rational(num, den * moneyScale), 2));
}

/** The reason for each project of a completed MES run, funded in selection order. */
export function explainMes(
	setup: MesSetup,
	instance: Instance,
	profile: Profile,
	done: CompletedRun
): MesExplained {
	const scores = computeScores(profile, mesScoreKind(setup));
	const score = (p: number) => scoreText(scores, setup.index.ids[p]!);
	const rounds = new Map(done.run.rounds.map((r, i) => [r.project, { r, i }]));
	const project = (p: number) => ({
		id: setup.index.ids[p]!,
		cost: setup.index.costs[p]!,
		score: score(p)
	});
	const funded = done.selected.map((p) => {
		const round = rounds.get(p);
		const because: Because = round
			? roundReason(setup, instance, round.r, round.i + 1)
			: { code: 'mes.freeFirst', params: {} };
		return { ...project(p), ...explained(because, instance.moneyScale) };
	});
	const chosen = new Set(done.selected);
	const unfunded = setup.index.ids
		.map((_, p) => p)
		.filter((p) => !chosen.has(p))
		.map((p) => ({
			...project(p),
			...explained(unfundedReason(setup, instance, done, p), instance.moneyScale)
		}));
	return { funded, unfunded };
}

function scoreText(scores: ProjectScores, id: string): string {
	return formatRational(scores.values.get(id) ?? 0n, scores.scale);
}

/**
 * "selected in the 3rd round of equal shares: its 1,204 supporters paid at most 340.12 each (12
 * of them all they had left); effective support 1,150.3 votes". For points and Borda the price
 * is per point.
 */
function roundReason(setup: MesSetup, instance: Instance, round: MesRound, n: number): BecauseStep {
	const voters = setup.index.voters;
	// price per unit of v in minor units per voter: rhoN / (rhoD·n)
	const shares = {
		round: n,
		payers: round.full + round.capped,
		capped: round.capped,
		priceCents: approxCents(round.rhoN, round.rhoD * voters, instance.moneyScale)
	};
	if (setup.utility === 'cost' || setup.utility === 'approval') {
		const cost = setup.index.costs[round.project]!;
		const effective = toDecimal(rational(cost * voters * round.rhoD, round.rhoN), 1);
		return { code: 'mes.round', params: { ...shares, effectiveSupport: effective } };
	}
	const scoreKind = setup.utility === 'borda' ? 'borda' : 'points';
	return { code: 'mes.roundPerPoint', params: { ...shares, scoreKind } };
}

function unfundedReason(
	setup: MesSetup,
	instance: Instance,
	done: CompletedRun,
	p: number
): BecauseStep {
	const { index } = setup;
	if (!setup.supported(p) && index.totalValue[p]! > 0n) {
		return { code: 'mes.freeWorthless', params: {} };
	}
	if (!setup.supported(p)) {
		return setup.utility === 'borda'
			? { code: 'mes.onlyLastPlace', params: {} }
			: { code: 'noSupporters', params: {} };
	}
	const heldCents = approxCents(
		done.run.held(p),
		done.run.delta * index.voters,
		instance.moneyScale
	);
	return { code: 'mes.sharesRanOut', params: { heldCents, costCents: index.costs[p]! } };
}
