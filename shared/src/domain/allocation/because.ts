/**
 * Why a project was funded or not, as data: a small closed set of codes, each with typed
 * params. Every rule builds one `Because` per project where it decides, and the English
 * `reason` is rendered from it by `formatBecause`, so the two can never disagree. The web
 * renders the same value in the reader's language (web/src/lib/i18n/reasons.ts).
 *
 * Money: exact amounts (`costCents`, `leftCents`, `budgetCents`, `amountCents`) are integers in
 * the instance's minor units, `M` (bigint in the engine; cents in every allot cycle, whose money
 * scale is 100; the API answers them as numbers of cents). Amounts a rule can only state
 * approximately (a price per voter, what supporters held, a Phragmén load) are already rounded
 * to the cent, half up, as the reason says them, and are always plain numbers of cents (exact
 * up to 2^53 cents, far beyond any budget).
 * Scores and welfare are exact decimal strings, as in `FundedProject.score`.
 */
import { formatMoney, groupThousands, ordinal } from './outcome-format.ts';
import { rational, toDecimal } from './rational.ts';
import { SCORE_UNIT, scoreAmount, type ScoreKind } from './scores.ts';

/** What max-welfare adds up: approvals, points, Borda points, approvals × cost, points × cost. */
export const WELFARE_MEASURES = [
	'approvals',
	'points',
	'borda',
	'cost-approvals',
	'points-cost'
] as const;
export type WelfareMeasure = (typeof WELFARE_MEASURES)[number];

/** A greedy rank: the project's place in the order and the score it was ranked by. */
interface GreedyRank<M> {
	/** 1-based place in the greedy order */
	position: number;
	scoreKind: ScoreKind;
	/** exact decimal score */
	score: string;
	/** ranked by score per unit of cost (`greedy-cost`, MES completion) */
	perCost: boolean;
	costCents: M;
	/** what was left of the budget when its turn came */
	leftCents: M;
}

/** An equal-shares (or EAR) round: who paid, and how many of them gave all they had left. */
interface SharesRound {
	/** supporters who paid, with weights */
	payers: number;
	/** of those, the ones who gave all they had left */
	capped: number;
	/** the most each paid (per point, for point and Borda utilities), rounded to the cent */
	priceCents: number;
}

type Empty = Record<string, never>;

/**
 * One decision about one project, as the rule made it. Composite reasons (greedy completion,
 * the comparison step) wrap these; see `Because`.
 */
export type BecauseStep<M = bigint> =
	| { code: 'greedy.fit'; params: GreedyRank<M> }
	| { code: 'greedy.tooDear'; params: GreedyRank<M> }
	| {
			code: 'greedy.belowThreshold';
			params: { scoreKind: ScoreKind; minScore: number; score: string };
	  }
	/** greedy no-skip: the count stopped at project `stoppedAt` */
	| { code: 'greedy.notReached'; params: { stoppedAt: string } }
	/** funded by an earlier stage (MES), before the greedy pass */
	| { code: 'greedy.fundedBefore'; params: Empty }
	/** MES with cost or approval utilities; `effectiveSupport` a decimal with one digit */
	| { code: 'mes.round'; params: SharesRound & { round: number; effectiveSupport: string } }
	/** MES with point or Borda utilities: the price is per point given */
	| {
			code: 'mes.roundPerPoint';
			params: SharesRound & { round: number; scoreKind: 'points' | 'borda' };
	  }
	| { code: 'mes.freeFirst'; params: Empty }
	| { code: 'mes.freeWorthless'; params: Empty }
	| { code: 'mes.onlyLastPlace'; params: Empty }
	| { code: 'mes.sharesRanOut'; params: { heldCents: number; costCents: M } }
	| { code: 'noSupporters'; params: Empty }
	| { code: 'phragmen.round'; params: { round: number; supporters: number; loadCents: number } }
	| { code: 'phragmen.roundUnsupported'; params: { round: number } }
	| {
			code: 'phragmen.overBudget';
			params: { unsupported: boolean; costCents: M; budgetCents: M };
	  }
	| {
			code: 'phragmen.stoppedHere';
			params: { unsupported: boolean; costCents: M; leftCents: M };
	  }
	/** `stoppedAt`: the project the rule stopped on; null when it ran out of projects */
	| { code: 'phragmen.notReached'; params: { unsupported: boolean; stoppedAt: string | null } }
	| { code: 'ear.freeFirst'; params: Empty }
	| { code: 'ear.round'; params: SharesRound & { position: number; level: number } }
	| { code: 'ear.neverAffordable'; params: { heldCents: number; costCents: M } }
	/** `value` and `total` exact decimals of `measure` */
	| {
			code: 'maxWelfare.inBest';
			params: { measure: WelfareMeasure; value: string; total: string };
	  }
	| { code: 'maxWelfare.notInBest'; params: { costCents: M; leftCents: M } }
	| { code: 'maxWelfare.overBudget'; params: { costCents: M } }
	| { code: 'maxWelfare.addsNothing'; params: { measure: WelfareMeasure } }
	| { code: 'fromFile.withdrawn'; params: Empty }
	/** staff overrides (the API): `note` is the staff's own words, in no particular language */
	| { code: 'staff.excluded'; params: { note: string } }
	| { code: 'staff.partial'; params: { amountCents: M; costCents: M; note: string } };

/**
 * Why a project was funded or not: one step, or a step wrapped by what happened after it
 * (one level deep: greedy completion and the comparison step wrap plain greedy and MES steps).
 */
export type Because<M = bigint> =
	| BecauseStep<M>
	/** MES add1-greedy: funded by the greedy pass that completes the MES outcome */
	| { code: 'greedyCompletion.funded'; params: { greedy: BecauseStep<M> } }
	/** MES add1-greedy: not funded by MES, nor by the greedy completion */
	| { code: 'greedyCompletion.unfunded'; params: { mes: BecauseStep<M>; greedy: BecauseStep<M> } }
	/** the comparison step replaced equal shares by greedy by votes */
	| {
			code: 'comparison.greedy';
			params: { greedy: BecauseStep<M>; greedyVoters: number; mesVoters: number };
	  };

export type BecauseCode = Because['code'];

const COMPOSITE: ReadonlySet<BecauseCode> = new Set([
	'greedyCompletion.funded',
	'greedyCompletion.unfunded',
	'comparison.greedy'
]);

/** The step itself; throws for a composite reason (a rule wrapping a wrapped reason is a bug). */
export function asStep<M>(because: Because<M>): BecauseStep<M> {
	if (COMPOSITE.has(because.code)) throw new TypeError(`${because.code} cannot be wrapped again`);
	return because as BecauseStep<M>;
}

/** `num / den` minor units in cents of the currency, rounded half up (as `toDecimal` rounds). */
export function approxCents(num: bigint, den: bigint, moneyScale: bigint): number {
	const a = rational(num, den * moneyScale);
	const cents = ((a.n < 0n ? -a.n : a.n) * 200n + a.d) / (2n * a.d);
	return Number(a.n < 0n ? -cents : cents);
}

/** Cents as the reasons show an approximate amount: always two decimals, `1,234.50`. */
export function centsText(cents: number): string {
	return groupThousands(toDecimal(rational(BigInt(cents), 100n), 2));
}

const MEASURE_LABEL: Record<WelfareMeasure, string> = {
	approvals: 'approvals',
	points: 'points',
	borda: 'Borda points',
	'cost-approvals': 'cost-weighted approvals',
	'points-cost': 'points times cost'
};

/** The English words for a max-welfare measure, as reasons and `notes.welfare` say it. */
export function welfareLabel(measure: WelfareMeasure): string {
	return MEASURE_LABEL[measure];
}

function greedyRank<M extends bigint | number>(p: GreedyRank<M>, money: (x: M) => string): string {
	const unit = SCORE_UNIT[p.scoreKind];
	const amount = scoreAmount(p.scoreKind, p.score);
	const rank = ordinal(p.position);
	if (!p.perCost) return `${rank} by ${unit} (${amount})`;
	return `${rank} by ${unit} per unit of cost (${amount} for ${money(p.costCents)})`;
}

function paid(p: SharesRound): string {
	return p.capped > 0 ? ` (${groupThousands(String(p.capped))} of them all they had left)` : '';
}

function step<M extends bigint | number>(b: BecauseStep<M>, money: (x: M) => string): string {
	switch (b.code) {
		case 'greedy.fit': {
			const p = b.params;
			return `${greedyRank(p, money)}; cost ${money(p.costCents)} fit in ${money(p.leftCents)} left`;
		}
		case 'greedy.tooDear': {
			const p = b.params;
			return `${greedyRank(p, money)}; needed ${money(p.costCents)}, only ${money(p.leftCents)} left`;
		}
		case 'greedy.belowThreshold': {
			const p = b.params;
			const min = groupThousands(String(p.minScore));
			return `below the threshold of ${min} ${SCORE_UNIT[p.scoreKind]} (had ${groupThousands(p.score)})`;
		}
		case 'greedy.notReached':
			return `not reached: the count stopped at ${b.params.stoppedAt}, the first project that did not fit`;
		case 'greedy.fundedBefore':
			return 'funded before the greedy pass';
		case 'mes.round': {
			const p = b.params;
			const head = `selected in the ${ordinal(p.round)} round of equal shares: its ${groupThousands(String(p.payers))} supporters`;
			return `${head} paid at most ${centsText(p.priceCents)} each${paid(p)}; effective support ${groupThousands(p.effectiveSupport)} votes`;
		}
		case 'mes.roundPerPoint': {
			const p = b.params;
			const head = `selected in the ${ordinal(p.round)} round of equal shares: its ${groupThousands(String(p.payers))} supporters`;
			const unit = p.scoreKind === 'borda' ? 'Borda point' : 'point';
			return `${head} paid ${centsText(p.priceCents)} per ${unit} they gave it${paid(p)}`;
		}
		case 'mes.freeFirst':
			return 'free and supported: funded before the first round, as equal shares does';
		case 'mes.freeWorthless':
			return 'free: with cost utilities it is worth nothing to its supporters, so equal shares does not fund it';
		case 'mes.onlyLastPlace':
			return 'no supporters: nobody ranked it above their last place';
		case 'mes.sharesRanOut': {
			const p = b.params;
			return `its supporters' shares ran out: they held ${centsText(p.heldCents)} of the ${money(p.costCents)} it costs`;
		}
		case 'noSupporters':
			return 'no supporters';
		case 'phragmen.round': {
			const p = b.params;
			return `selected in the ${ordinal(p.round)} round of sequential Phragmén: its ${groupThousands(String(p.supporters))} supporters took on the cost, which brought each of their loads to ${centsText(p.loadCents)}, the lowest possible`;
		}
		case 'phragmen.roundUnsupported':
			return `selected in the ${ordinal(b.params.round)} round of sequential Phragmén: nobody supports it, but it still fit (unsupported projects come last)`;
		case 'phragmen.overBudget': {
			const p = b.params;
			return `${none(p)}costs ${money(p.costCents)}, more than the whole budget of ${money(p.budgetCents)}`;
		}
		case 'phragmen.stoppedHere': {
			const p = b.params;
			return `${none(p)}its turn came next, but it needed ${money(p.costCents)} and only ${money(p.leftCents)} was left; sequential Phragmén stops at the first project that does not fit`;
		}
		case 'phragmen.notReached': {
			const p = b.params;
			const why =
				p.stoppedAt === null
					? 'the rule ran out of projects'
					: `the rule stopped when project ${p.stoppedAt} did not fit`;
			return `${none(p)}not reached: ${why}`;
		}
		case 'ear.freeFirst':
			return 'free and supported: funded before the first level';
		case 'ear.round': {
			const p = b.params;
			const level =
				p.level === 1
					? 'ranking it first (or approving it)'
					: `ranking it ${ordinal(p.level)} or better`;
			return `funded ${ordinal(p.position)}, at level ${p.level}: its ${groupThousands(String(p.payers))} supporters ${level} paid at most ${centsText(p.priceCents)} each${paid(p)}`;
		}
		case 'ear.neverAffordable': {
			const p = b.params;
			return `at no level could its supporters pay for it: in the end those ranking it at all held ${centsText(p.heldCents)} of the ${money(p.costCents)} it costs`;
		}
		case 'maxWelfare.inBest': {
			const p = b.params;
			return `part of the best combination (${groupThousands(p.value)} of ${groupThousands(p.total)} ${welfareLabel(p.measure)})`;
		}
		case 'maxWelfare.notInBest': {
			const p = b.params;
			return `not in the best combination (needed ${money(p.costCents)}, ${money(p.leftCents)} left)`;
		}
		case 'maxWelfare.overBudget':
			return `costs ${money(b.params.costCents)}, more than the budget`;
		case 'maxWelfare.addsNothing':
			return `adds no ${welfareLabel(b.params.measure)}`;
		case 'fromFile.withdrawn':
			return 'withdrawn: cost 999999999 marks a project taken off the ballot';
		case 'staff.excluded':
			return `excluded by staff: ${b.params.note}`;
		case 'staff.partial': {
			const p = b.params;
			return `partially funded by staff (${money(p.amountCents)} of ${money(p.costCents)}): ${p.note}`;
		}
	}
}

function none(p: { unsupported: boolean }): string {
	return p.unsupported ? 'no supporters; ' : '';
}

/**
 * The English reason for a `Because`, exactly as outcomes state it: money exact and grouped in
 * thousands without a currency sign (`120,000`, `748,772.64`), approximate amounts to the cent.
 * `moneyScale` is the instance's (100 for cents, which is also what API values are in).
 */
export function formatBecause<M extends bigint | number>(
	because: Because<M>,
	moneyScale: bigint
): string {
	const money = (x: M) => formatMoney(BigInt(x), moneyScale);
	switch (because.code) {
		case 'greedyCompletion.funded':
			return `added by greedy completion: ${step(because.params.greedy, money)}`;
		case 'greedyCompletion.unfunded': {
			const p = because.params;
			return `${step(p.mes, money)}; greedy completion: ${step(p.greedy, money)}`;
		}
		case 'comparison.greedy': {
			const p = because.params;
			return `${step(p.greedy, money)}; the comparison step chose greedy by votes (${p.greedyVoters} voters preferred it, ${p.mesVoters} preferred equal shares)`;
		}
		default:
			return step(because, money);
	}
}

/** A reason as outcomes carry it: the structured value and its English rendering. */
export function explained(
	because: Because,
	moneyScale: bigint
): { because: Because; reason: string } {
	return { because, reason: formatBecause(because, moneyScale) };
}

/**
 * The same reason with exact money in cents as plain numbers (what the API answers):
 * `moneyScale` minor units to cents, truncated as the API's `costCents` are.
 */
export function becauseInCents(because: Because, moneyScale: bigint): Because<number> {
	const convert = (value: unknown): unknown => {
		if (typeof value === 'bigint') return Number((value * 100n) / moneyScale);
		if (typeof value === 'object' && value !== null && 'code' in value && 'params' in value) {
			const { code, params } = value as { code: string; params: Record<string, unknown> };
			return {
				code,
				params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, convert(v)]))
			};
		}
		return value;
	};
	return convert(because) as Because<number>;
}
