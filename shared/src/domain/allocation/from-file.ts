import { explained } from './because.ts';
import { allocateGreedy } from './greedy.ts';
import { allocateMes } from './mes.ts';
import { formatRational, parseDecimal } from './outcome-format.ts';
import { RuleParamsError } from './params.ts';
import { computeScores, defaultScore } from './scores.ts';
import type { AllocationParams, Instance, Outcome, Profile } from './types.ts';

/**
 * A `from-file` request that cannot be served: no META, or a rule we do not reproduce. A kind
 * of `RuleParamsError`, so callers that handle bad params handle this too.
 */
export class FileRuleError extends RuleParamsError {
	constructor(message: string) {
		super(message);
		this.name = 'FileRuleError';
	}
}

/** pabulib marks a project that was on the ballot but withdrawn with this cost. */
export const WITHDRAWN_COST = 999999999n;

/** The file's rule as our params, and whether withdrawn projects are set aside first. */
export interface FileRule {
	fileRule: string;
	params: AllocationParams;
	dropWithdrawn: boolean;
}

function threshold(meta: Record<string, string>): number {
	const text = meta.min_project_score_threshold;
	const value = text === undefined ? undefined : parseDecimal(text);
	if (!value) {
		throw new FileRuleError(
			`greedy-threshold needs a numeric min_project_score_threshold, got "${text ?? ''}"`
		);
	}
	return Number(text!.trim().replace(',', '.'));
}

/**
 * Reads the META `rule` of a pabulib file as allocation params, the way the pabulib checker
 * verifies the `selected` column:
 * - `greedy`, `greedy-no-skip`, `greedy-threshold` (score >= `min_project_score_threshold`):
 *   greedy by the file's own score (votes for approval and choose-1, points for cumulative,
 *   L..1 points for ordinal) with ties in PROJECTS file order; greedy-no-skip sets aside
 *   withdrawn projects (cost 999999999) before it starts, as the checker does;
 * - `equalshares`: MES with cost utilities and no completion; `equalshares/add1`: the official
 *   Add1 (raise every voter's share by one currency unit while the outcome stays affordable),
 *   both with the checker's tie-break (lower cost, then more votes, then file order);
 * - a `-comparison` suffix adds the comparison step against greedy by votes.
 */
export function fileRuleParams(meta: Record<string, string>, profile: Profile): FileRule {
	const fileRule = (meta.rule ?? '').trim().toLowerCase();
	const comparison = fileRule.endsWith('-comparison');
	const base = comparison ? fileRule.slice(0, -'-comparison'.length) : fileRule;
	const score = defaultScore(profile);
	const greedy = (extra: Partial<AllocationParams>): AllocationParams => ({
		rule: 'greedy',
		score,
		tie: 'file-order',
		...extra
	});
	if (base === 'greedy' && !comparison)
		return { fileRule, params: greedy({}), dropWithdrawn: false };
	if (base === 'greedy-no-skip' && !comparison) {
		return { fileRule, params: greedy({ variant: 'no-skip' }), dropWithdrawn: true };
	}
	if (base === 'greedy-threshold' && !comparison) {
		const params = greedy({ variant: 'threshold', minScore: threshold(meta) });
		return { fileRule, params, dropWithdrawn: false };
	}
	if (base === 'equalshares' || base === 'equalshares/add1') {
		const params: AllocationParams = {
			rule: 'mes',
			utility: 'cost',
			completion: base === 'equalshares' ? 'none' : 'add1-no-exhaustive-stop',
			tie: 'min-cost-max-votes'
		};
		if (comparison) params.compare = 'greedy';
		return { fileRule, params, dropWithdrawn: false };
	}
	throw new FileRuleError(`the file's rule "${meta.rule ?? ''}" cannot be reproduced by from-file`);
}

/**
 * The `from-file` rule: reproduces the allocation rule named in the file's META (see
 * `fileRuleParams`). The outcome's params are the resolved ones; `notes.fileRule` keeps the
 * file's own name for it.
 */
export function allocateFromFile(
	instance: Instance,
	profile: Profile,
	meta: Record<string, string> | undefined
): Outcome {
	if (!meta) throw new FileRuleError('from-file needs the META section of a pabulib file');
	const { fileRule, params, dropWithdrawn } = fileRuleParams(meta, profile);
	const withdrawnCost = WITHDRAWN_COST * instance.moneyScale;
	const withdrawn = dropWithdrawn ? instance.projects.filter((p) => p.cost === withdrawnCost) : [];
	const kept = withdrawn.length
		? { ...instance, projects: instance.projects.filter((p) => p.cost !== withdrawnCost) }
		: instance;
	const outcome =
		params.rule === 'mes'
			? allocateMes(kept, profile, params)
			: allocateGreedy(kept, profile, params);
	const withdrawnReason = explained(
		{ code: 'fromFile.withdrawn', params: {} },
		instance.moneyScale
	);
	const scores = withdrawn.length
		? computeScores(profile, params.score ?? defaultScore(profile))
		: undefined;
	for (const p of withdrawn) {
		const score = formatRational(scores!.values.get(p.id) ?? 0n, scores!.scale);
		outcome.unfunded.push({ id: p.id, cost: p.cost, score, ...withdrawnReason });
	}
	outcome.notes = { ...outcome.notes, fileRule };
	return outcome;
}
