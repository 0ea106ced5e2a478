import type { AllocationParams, Because, Outcome, Override } from '@allot/shared';
import {
	allocate,
	becauseInCents,
	buildManifest,
	computeScores,
	defaultScore,
	FileRuleError,
	formatBecause,
	formatRational,
	RuleParamsError,
	type ScoreKind,
	type Outcome as EngineOutcome
} from '@allot/shared/domain/allocation/index';
import { AppError } from '../../errors.ts';
import type { BallotSet } from './ballot-set.ts';

const overrideInvalid = (detail: string) => new AppError('OVERRIDE_INVALID', 422, detail);

function checkOverrides(set: BallotSet, overrides: readonly Override[]): void {
	const known = new Set(set.election.instance.projects.map((p) => p.id));
	const seen = new Set<string>();
	for (const o of overrides) {
		if (!known.has(o.projectId)) throw overrideInvalid(`No project ${o.projectId} on the ballot`);
		if (seen.has(o.projectId)) throw overrideInvalid(`Project ${o.projectId} has two overrides`);
		seen.add(o.projectId);
	}
}

/** Runs the engine; bad or inapplicable params are the caller's error (422), not ours. */
function runRule(set: BallotSet, params: AllocationParams, excluded: Set<string>): EngineOutcome {
	const { instance, profile } = set.election;
	// An excluded project leaves the instance only: the ballots stay as cast (the engine ignores
	// ids it does not know), so no other project's score moves because of the exclusion.
	const kept = { ...instance, projects: instance.projects.filter((p) => !excluded.has(p.id)) };
	try {
		return allocate(kept, profile, params, set.fileMeta);
	} catch (error) {
		if (error instanceof RuleParamsError || error instanceof FileRuleError) {
			throw new AppError('RULE_PARAMS_INVALID', 422, error.message);
		}
		throw error;
	}
}

/** Applies partial funding after the rule: each from what is left, in the order given. */
function applyPartials(outcome: Outcome, overrides: readonly Override[]): void {
	for (const o of overrides) {
		if (o.kind !== 'partial') continue;
		const index = outcome.unfunded.findIndex((u) => u.id === o.projectId);
		if (index < 0) throw overrideInvalid(`Project ${o.projectId} is already funded or excluded`);
		const project = outcome.unfunded[index]!;
		if (o.amountCents >= project.costCents)
			throw overrideInvalid(`A partial amount must be below the cost of ${o.projectId}`);
		if (o.amountCents > outcome.leftCents)
			throw overrideInvalid(`Only ${outcome.leftCents} cents are left for ${o.projectId}`);
		outcome.unfunded.splice(index, 1);
		const because: Because = {
			code: 'staff.partial',
			params: { amountCents: o.amountCents, costCents: project.costCents, note: o.reason }
		};
		outcome.funded.push({
			id: project.id,
			costCents: o.amountCents,
			score: project.score,
			reason: formatBecause(because, 100n),
			because
		});
		outcome.spentCents += o.amountCents;
		outcome.leftCents -= o.amountCents;
	}
}

/**
 * The outcome of a rule on a ballot set, with staff overrides, as the API answers it: money in
 * cents, funded in selection order, and the manifest that lets anyone re-run it from export.pb.
 */
export function computeOutcome(
	set: BallotSet,
	params: AllocationParams,
	overrides: readonly Override[] = []
): Outcome {
	checkOverrides(set, overrides);
	const excluded = new Map(
		overrides.filter((o) => o.kind === 'exclude').map((o) => [o.projectId, o.reason])
	);
	const engine = runRule(set, params, new Set(excluded.keys()));
	const scale = set.election.instance.moneyScale;
	const cents = (x: bigint) => Number((x * 100n) / scale);
	const outcome: Outcome = {
		rule: engine.params.rule,
		params: engine.params,
		funded: engine.funded.map((f) => ({
			id: f.id,
			costCents: cents(f.cost),
			score: f.score,
			reason: f.reason,
			because: becauseInCents(f.because, scale)
		})),
		unfunded: engine.unfunded.map((u) => ({
			id: u.id,
			costCents: cents(u.cost),
			score: u.score,
			reason: u.reason,
			because: becauseInCents(u.because, scale)
		})),
		spentCents: cents(engine.spent),
		leftCents: cents(engine.left),
		ballotCount: set.ballotCount,
		overrides: [...overrides],
		manifest: buildManifest(engine.params, set.sha256)
	};
	if (engine.welfare !== undefined) outcome.welfare = engine.welfare;
	if (engine.notes) outcome.notes = engine.notes;
	const { profile, instance } = set.election;
	const scores = excluded.size
		? computeScores(profile, (engine.params.score as ScoreKind) ?? defaultScore(profile))
		: undefined;
	for (const p of instance.projects) {
		if (!excluded.has(p.id)) continue;
		const score = formatRational(scores!.values.get(p.id) ?? 0n, scores!.scale);
		const because: Because = { code: 'staff.excluded', params: { note: excluded.get(p.id)! } };
		outcome.unfunded.push({
			id: p.id,
			costCents: cents(p.cost),
			score,
			reason: formatBecause(because, 100n),
			because
		});
	}
	applyPartials(outcome, overrides);
	return outcome;
}
