import type { RegisterVoterBody } from '@allot/shared';
import { normalizeAccessCode } from '@allot/shared/domain/access-codes';
import {
	checkEligibility,
	neighborhoodToStore,
	type EligibilityClaim,
	type EligibilityPolicy
} from '@allot/shared/domain/eligibility';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import * as codes from '../access-codes/access-codes.repo.ts';
import { codeHash } from '../access-codes/access-codes.service.ts';
import { requireCycle, requirePhase, type CycleRow } from '../ballots/cycle-access.ts';
import { assertNotLocked, clientKeys, codeKey, recordFailure } from './lockout.ts';
import * as repo from './voters.repo.ts';

export interface NewVoterRef {
	voterId: string;
	cycleId: string;
}

/** What is kept of an eligible person: a bracket and a known neighbourhood, never the birth date. */
export function eligibleFacts(cycle: CycleRow, claim: EligibilityClaim) {
	const policy = cycle.eligibility as EligibilityPolicy;
	const result = checkEligibility(policy, claim);
	if (!result.eligible) {
		return { eligible: false as const, violations: result.violations };
	}
	const known = [...cycle.neighborhoods, ...(policy.neighborhoods ?? [])];
	return {
		eligible: true as const,
		ageBracket: result.ageBracket ?? null,
		residencyBasis: claim.residency.basis,
		neighborhood: neighborhoodToStore(known, claim.residency.neighborhood)
	};
}

export const notEligible = (violations: unknown[]) =>
	new AppError('NOT_ELIGIBLE', 403, 'The eligibility rules of this cycle exclude you', {
		violations
	});

/** Looks up a typed code; counts a failure and throws CODE_INVALID when it is not usable. */
async function usableCode(deps: Deps, cycle: CycleRow, typed: string, ip: string) {
	const now = deps.now();
	const normalized = normalizeAccessCode(typed);
	if (!normalized.ok) {
		await recordFailure(deps.db, { ip, now });
		throw new AppError('CODE_INVALID', 400, `This is not an access code (${normalized.problem})`, {
			problem: normalized.problem
		});
	}
	const code = await codes.findCode(deps.db, {
		cycleId: cycle.id,
		codeHash: codeHash(deps, cycle.id, normalized.code)
	});
	if (!code || code.voidedAt || code.batchVoidedAt) {
		await recordFailure(deps.db, { ip, now });
		throw new AppError('CODE_INVALID', 404, 'No usable access code matches');
	}
	await assertNotLocked(deps.db, [codeKey(code.id)], now);
	return code;
}

/**
 * Redeems a single-use access code for a new voter of the cycle. The code is checked, then the
 * eligibility claim; failures are counted before the error is thrown (outside any transaction,
 * so a rollback cannot erase them). A used code answers 409 CODE_INVALID: it never makes a
 * second voter (a voter who lost their token votes at a polling site, where the code finds them).
 */
export async function registerVoter(
	deps: Deps,
	slug: string,
	body: RegisterVoterBody,
	ip: string
): Promise<NewVoterRef> {
	const cycle = await requireCycle(deps.db, slug);
	requirePhase(cycle, ['voting'], 'Becoming a voter');
	const keys = clientKeys(ip);
	await assertNotLocked(deps.db, [keys.address, keys.network], deps.now());
	const code = await usableCode(deps, cycle, body.code, ip);
	if (code.redeemedAt) {
		await recordFailure(deps.db, { ip, now: deps.now() });
		throw new AppError('CODE_INVALID', 409, 'This access code was already used');
	}
	const facts = eligibleFacts(cycle, body);
	if (!facts.eligible) {
		await recordFailure(deps.db, { ip, codeId: code.id, now: deps.now() });
		throw notEligible(facts.violations);
	}
	const at = deps.now();
	const voterId = await deps.db.transaction(async (tx) => {
		if (!(await codes.redeemCode(tx, { codeId: code.id, at }))) {
			throw new AppError('CODE_INVALID', 409, 'This access code was already used');
		}
		const { eligible: _e, ...stored } = facts;
		return repo.insertVoter(tx, {
			cycleId: cycle.id,
			accessCodeId: code.id,
			channel: 'online',
			at,
			...stored
		});
	});
	return { voterId, cycleId: cycle.id };
}
