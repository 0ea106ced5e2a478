/**
 * The allocation engine's front door: `allocate` checks the params and runs the named rule.
 * Each rule lives in its own file; everything is a pure function of (instance, profile,
 * params), so a tally can be rerun anywhere (server, browser, CLI) with the same outcome.
 */
import { allocateEar } from './ear.ts';
import { allocateFromFile } from './from-file.ts';
import { allocateGreedy } from './greedy.ts';
import { allocateMaxWelfare } from './max-welfare.ts';
import { allocateMes } from './mes.ts';
import { checkParams } from './params.ts';
import { allocatePhragmen } from './phragmen.ts';
import type { AllocationParams, Instance, Outcome, Profile } from './types.ts';

export {
	becauseInCents,
	formatBecause,
	type Because,
	type BecauseCode,
	type BecauseStep,
	type WelfareMeasure,
	WELFARE_MEASURES
} from './because.ts';
export { FileRuleError, fileRuleParams } from './from-file.ts';
export { allocateGreedy, greedyOrder, greedyMeasure } from './greedy.ts';
export { allocateMaxWelfare } from './max-welfare.ts';
export { checkParams, PARAM_VALUES, RuleParamsError } from './params.ts';
export { computeScores, defaultScore, type ProjectScores, type ScoreKind } from './scores.ts';
export * from './outcome-format.ts';
export type * from './types.ts';

/**
 * Version of the engine's semantics, recorded in every manifest. Bump it whenever a change
 * could change an outcome, so a published result names the engine that computed it.
 */
export const ENGINE_VERSION = '1.0.0';

/**
 * Computes an outcome. `params` are checked first (unknown rule, unknown value, a param that
 * does not apply to the rule, or a score the ballots cannot give throw a `RuleParamsError`);
 * defaults are filled in so `outcome.params` states every choice. `fileMeta` is the pabulib
 * META, needed only by the `from-file` rule.
 */
export function allocate(
	instance: Instance,
	profile: Profile,
	params: AllocationParams,
	fileMeta?: Record<string, string>
): Outcome {
	const checked = checkParams(params, profile);
	switch (checked.rule) {
		case 'greedy':
		case 'greedy-cost':
			return allocateGreedy(instance, profile, checked);
		case 'mes':
			return allocateMes(instance, profile, checked);
		case 'phragmen':
			return allocatePhragmen(instance, profile, checked);
		case 'max-welfare':
			return allocateMaxWelfare(instance, profile, checked);
		case 'ear':
			return allocateEar(instance, profile, checked);
		case 'from-file':
			return allocateFromFile(instance, profile, fileMeta);
	}
}

/** Lower-case hex SHA-256 of UTF-8 text, with Web Crypto (the same in Node and browsers). */
export async function sha256Hex(text: string): Promise<string> {
	const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What an outcome was computed from and with: enough for anyone to rerun and compare. */
export interface Manifest {
	/** SHA-256 of the canonical anonymised ballot export (`canonicalPabulib`) */
	ballotsSha256: string;
	engineVersion: string;
	params: AllocationParams;
}

/** The manifest of an outcome: its (checked, filled-in) params and the ballots' hash. */
export function buildManifest(params: AllocationParams, ballotsSha256: string): Manifest {
	return { ballotsSha256, engineVersion: ENGINE_VERSION, params: { ...params } };
}
