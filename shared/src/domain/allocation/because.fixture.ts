/**
 * Examples of every `Because` code with the English reason the engine gives for it (money in
 * cents, read at money scale 100). The English texts are outcomes the engine produced on the
 * pabulib fixtures and on small elections before reasons became data (the staff ones: the API's
 * override reasons), so a formatter change that alters an existing reason fails the tests.
 * Used by because.test.ts and by the web's reason translations test.
 */
import type { Because, BecauseCode } from './because.ts';

export interface BecauseExample {
	because: Because<number>;
	english: string;
}

const rank = (
	position: number,
	scoreKind: 'votes' | 'points' | 'borda' | 'pabulib-borda',
	score: string,
	perCost: boolean,
	costCents: number,
	leftCents: number
) => ({ position, scoreKind, score, perCost, costCents, leftCents });

export const BECAUSE_EXAMPLES: readonly BecauseExample[] = [
	{
		because: { code: 'greedy.fit', params: rank(1, 'votes', '195', false, 45_000_00, 180_000_00) },
		english: '1st by votes (195 votes); cost 45,000 fit in 180,000 left'
	},
	{
		because: { code: 'greedy.fit', params: rank(1, 'votes', '139', true, 3_000_00, 180_000_00) },
		english: '1st by votes per unit of cost (139 votes for 3,000); cost 3,000 fit in 180,000 left'
	},
	{
		because: { code: 'greedy.fit', params: rank(2, 'votes', '1', false, 6, 128_10) },
		english: '2nd by votes (1 vote); cost 0.06 fit in 128.1 left'
	},
	{
		because: {
			code: 'greedy.fit',
			params: rank(2, 'borda', '5840', false, 1_280_000_00, 5_120_000_00)
		},
		english: '2nd by Borda points (5,840 Borda points); cost 1,280,000 fit in 5,120,000 left'
	},
	{
		because: {
			code: 'greedy.tooDear',
			params: rank(22, 'pabulib-borda', '102', false, 160_000_00, 0)
		},
		english: '22nd by points (102 points); needed 160,000, only 0 left'
	},
	{
		because: {
			code: 'greedy.tooDear',
			params: rank(52, 'borda', '2872', true, 900_000_00, 47_650_00)
		},
		english:
			'52nd by Borda points per unit of cost (2,872 Borda points for 900,000); needed 900,000, only 47,650 left'
	},
	{
		because: {
			code: 'greedy.belowThreshold',
			params: { scoreKind: 'votes', minScore: 1000, score: '195' }
		},
		english: 'below the threshold of 1,000 votes (had 195)'
	},
	{
		because: {
			code: 'greedy.belowThreshold',
			params: { scoreKind: 'votes', minScore: 12.5, score: '8' }
		},
		english: 'below the threshold of 12.5 votes (had 8)'
	},
	{
		because: { code: 'greedy.notReached', params: { stoppedAt: '783' } },
		english: 'not reached: the count stopped at 783, the first project that did not fit'
	},
	{
		because: { code: 'greedy.fundedBefore', params: {} },
		english: 'funded before the greedy pass'
	},
	{
		because: {
			code: 'mes.round',
			params: { round: 22, payers: 1211, capped: 202, priceCents: 449, effectiveSupport: '1112.4' }
		},
		english:
			'selected in the 22nd round of equal shares: its 1,211 supporters paid at most 4.49 each (202 of them all they had left); effective support 1,112.4 votes'
	},
	{
		because: {
			code: 'mes.round',
			params: { round: 2, payers: 139, capped: 0, priceCents: 21_58, effectiveSupport: '139.0' }
		},
		english:
			'selected in the 2nd round of equal shares: its 139 supporters paid at most 21.58 each; effective support 139.0 votes'
	},
	{
		because: {
			code: 'mes.roundPerPoint',
			params: { round: 32, payers: 731, capped: 22, priceCents: 183_31, scoreKind: 'borda' }
		},
		english:
			'selected in the 32nd round of equal shares: its 731 supporters paid 183.31 per Borda point they gave it (22 of them all they had left)'
	},
	{
		because: {
			code: 'mes.roundPerPoint',
			params: { round: 2, payers: 278, capped: 0, priceCents: 4_82, scoreKind: 'points' }
		},
		english:
			'selected in the 2nd round of equal shares: its 278 supporters paid 4.82 per point they gave it'
	},
	{
		because: { code: 'mes.freeFirst', params: {} },
		english: 'free and supported: funded before the first round, as equal shares does'
	},
	{
		because: { code: 'mes.freeWorthless', params: {} },
		english:
			'free: with cost utilities it is worth nothing to its supporters, so equal shares does not fund it'
	},
	{
		because: { code: 'mes.onlyLastPlace', params: {} },
		english: 'no supporters: nobody ranked it above their last place'
	},
	{
		because: {
			code: 'mes.sharesRanOut',
			params: { heldCents: 37_661_66, costCents: 45_000_00 }
		},
		english: "its supporters' shares ran out: they held 37,661.66 of the 45,000 it costs"
	},
	{ because: { code: 'noSupporters', params: {} }, english: 'no supporters' },
	{
		because: {
			code: 'phragmen.round',
			params: { round: 2, supporters: 59, loadCents: 84_75 }
		},
		english:
			'selected in the 2nd round of sequential Phragmén: its 59 supporters took on the cost, which brought each of their loads to 84.75, the lowest possible'
	},
	{
		because: { code: 'phragmen.roundUnsupported', params: { round: 2 } },
		english:
			'selected in the 2nd round of sequential Phragmén: nobody supports it, but it still fit (unsupported projects come last)'
	},
	{
		because: {
			code: 'phragmen.overBudget',
			params: { unsupported: true, costCents: 7_00, budgetCents: 1_00 }
		},
		english: 'no supporters; costs 7, more than the whole budget of 1'
	},
	{
		because: {
			code: 'phragmen.stoppedHere',
			params: { unsupported: false, costCents: 15_000_00, leftCents: 8_000_00 }
		},
		english:
			'its turn came next, but it needed 15,000 and only 8,000 was left; sequential Phragmén stops at the first project that does not fit'
	},
	{
		because: {
			code: 'phragmen.stoppedHere',
			params: { unsupported: true, costCents: 58_73, leftCents: 47_49 }
		},
		english:
			'no supporters; its turn came next, but it needed 58.73 and only 47.49 was left; sequential Phragmén stops at the first project that does not fit'
	},
	{
		because: { code: 'phragmen.notReached', params: { unsupported: false, stoppedAt: '782' } },
		english: 'not reached: the rule stopped when project 782 did not fit'
	},
	{
		because: { code: 'phragmen.notReached', params: { unsupported: true, stoppedAt: 'a' } },
		english: 'no supporters; not reached: the rule stopped when project a did not fit'
	},
	{
		because: { code: 'phragmen.notReached', params: { unsupported: false, stoppedAt: null } },
		english: 'not reached: the rule ran out of projects'
	},
	{
		because: { code: 'ear.freeFirst', params: {} },
		english: 'free and supported: funded before the first level'
	},
	{
		because: {
			code: 'ear.round',
			params: { position: 2, level: 2, payers: 33, capped: 3, priceCents: 162_75 }
		},
		english:
			'funded 2nd, at level 2: its 33 supporters ranking it 2nd or better paid at most 162.75 each (3 of them all they had left)'
	},
	{
		because: {
			code: 'ear.round',
			params: { position: 1, level: 1, payers: 139, capped: 0, priceCents: 21_58 }
		},
		english:
			'funded 1st, at level 1: its 139 supporters ranking it first (or approving it) paid at most 21.58 each'
	},
	{
		because: {
			code: 'ear.neverAffordable',
			params: { heldCents: 41_096_34, costCents: 45_000_00 }
		},
		english:
			'at no level could its supporters pay for it: in the end those ranking it at all held 41,096.34 of the 45,000 it costs'
	},
	{
		because: {
			code: 'maxWelfare.inBest',
			params: { measure: 'cost-approvals', value: '8775000', total: '25695000' }
		},
		english: 'part of the best combination (8,775,000 of 25,695,000 cost-weighted approvals)'
	},
	{
		because: {
			code: 'maxWelfare.inBest',
			params: { measure: 'approvals', value: '139', total: '772' }
		},
		english: 'part of the best combination (139 of 772 approvals)'
	},
	{
		because: {
			code: 'maxWelfare.notInBest',
			params: { costCents: 45_000_00, leftCents: 8_000_00 }
		},
		english: 'not in the best combination (needed 45,000, 8,000 left)'
	},
	{
		because: { code: 'maxWelfare.overBudget', params: { costCents: 3_00 } },
		english: 'costs 3, more than the budget'
	},
	{
		because: { code: 'maxWelfare.addsNothing', params: { measure: 'points-cost' } },
		english: 'adds no points times cost'
	},
	{
		because: { code: 'fromFile.withdrawn', params: {} },
		english: 'withdrawn: cost 999999999 marks a project taken off the ballot'
	},
	{
		because: { code: 'staff.excluded', params: { note: 'the site was sold after the vote' } },
		english: 'excluded by staff: the site was sold after the vote'
	},
	{
		because: {
			code: 'staff.partial',
			params: { amountCents: 50_000_00, costCents: 100_000_00, note: 'phase one only' }
		},
		english: 'partially funded by staff (50,000 of 100,000): phase one only'
	},
	{
		because: {
			code: 'greedyCompletion.funded',
			params: {
				greedy: {
					code: 'greedy.fit',
					params: rank(2, 'votes', '2319', true, 600_000_00, 657_650_00)
				}
			}
		},
		english:
			'added by greedy completion: 2nd by votes per unit of cost (2,319 votes for 600,000); cost 600,000 fit in 657,650 left'
	},
	{
		because: {
			code: 'greedyCompletion.unfunded',
			params: {
				mes: {
					code: 'mes.sharesRanOut',
					params: { heldCents: 89_207_49, costCents: 164_000_00 }
				},
				greedy: {
					code: 'greedy.tooDear',
					params: rank(2, 'votes', '161', false, 164_000_00, 36_000_00)
				}
			}
		},
		english:
			"its supporters' shares ran out: they held 89,207.49 of the 164,000 it costs; greedy completion: 2nd by votes (161 votes); needed 164,000, only 36,000 left"
	},
	{
		because: {
			code: 'greedyCompletion.unfunded',
			params: {
				mes: { code: 'mes.onlyLastPlace', params: {} },
				greedy: { code: 'greedy.tooDear', params: rank(1, 'borda', '0', true, 2_770_00, 2_148_00) }
			}
		},
		english:
			'no supporters: nobody ranked it above their last place; greedy completion: 1st by Borda points per unit of cost (0 Borda points for 2,770); needed 2,770, only 2,148 left'
	},
	{
		because: {
			code: 'comparison.greedy',
			params: {
				greedy: {
					code: 'greedy.tooDear',
					params: rank(5, 'votes', '113', false, 45_000_00, 42_000_00)
				},
				greedyVoters: 128,
				mesVoters: 63
			}
		},
		english:
			'5th by votes (113 votes); needed 45,000, only 42,000 left; the comparison step chose greedy by votes (128 voters preferred it, 63 preferred equal shares)'
	}
];

/** The codes the examples cover, for a test that every code has one. */
export const EXAMPLE_CODES: ReadonlySet<BecauseCode> = new Set(
	BECAUSE_EXAMPLES.map((e) => e.because.code)
);
