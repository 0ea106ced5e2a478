import type { CompletedRun } from './mes-completion.ts';
import type { MesRound } from './mes-run.ts';
import type { MesSetup } from './mes-setup.ts';
import { formatMoney, formatRational, groupThousands, ordinal } from './outcome-format.ts';
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

/** Plain-words reasons for each project of a completed MES run, funded in selection order. */
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
		const reason = round
			? roundReason(setup, instance, round.r, round.i + 1)
			: 'free and supported: funded before the first round, as equal shares does';
		return { ...project(p), reason };
	});
	const chosen = new Set(done.selected);
	const unfunded = setup.index.ids
		.map((_, p) => p)
		.filter((p) => !chosen.has(p))
		.map((p) => ({ ...project(p), reason: unfundedReason(setup, instance, done, p) }));
	return { funded, unfunded };
}

function scoreText(scores: ProjectScores, id: string): string {
	return formatRational(scores.values.get(id) ?? 0n, scores.scale);
}

/**
 * "selected in round 3 of equal shares: its 1,204 supporters paid 340.12 each (12 of them all
 * they had left); effective support 1,150.3 votes". For points and Borda the price is per point.
 */
function roundReason(setup: MesSetup, instance: Instance, round: MesRound, n: number): string {
	const voters = setup.index.voters;
	// price per unit of v in minor units per voter: rhoN / (rhoD·n)
	const price = approxMoney(round.rhoN, round.rhoD * voters, instance.moneyScale);
	const payers = groupThousands(String(round.full + round.capped));
	const capped =
		round.capped > 0 ? ` (${groupThousands(String(round.capped))} of them all they had left)` : '';
	const head = `selected in the ${ordinal(n)} round of equal shares: its ${payers} supporters`;
	if (setup.utility === 'cost' || setup.utility === 'approval') {
		const cost = setup.index.costs[round.project]!;
		const effective = toDecimal(rational(cost * voters * round.rhoD, round.rhoN), 1);
		return `${head} paid at most ${price} each${capped}; effective support ${groupThousands(effective)} votes`;
	}
	const unit = setup.utility === 'borda' ? 'Borda point' : 'point';
	return `${head} paid ${price} per ${unit} they gave it${capped}`;
}

function unfundedReason(
	setup: MesSetup,
	instance: Instance,
	done: CompletedRun,
	p: number
): string {
	const { index } = setup;
	if (!setup.supported(p) && index.totalValue[p]! > 0n) {
		return 'free: with cost utilities it is worth nothing to its supporters, so equal shares does not fund it';
	}
	if (!setup.supported(p)) {
		return setup.utility === 'borda'
			? 'no supporters: nobody ranked it above their last place'
			: 'no supporters';
	}
	const money = (x: bigint) => formatMoney(x, instance.moneyScale);
	const held = approxMoney(done.run.held(p), done.run.delta * index.voters, instance.moneyScale);
	return `its supporters' shares ran out: they held ${held} of the ${money(index.costs[p]!)} it costs`;
}
