import type { EligibilityClaim } from '@allot/shared';
import { normalizeAccessCode } from '@allot/shared/domain/access-codes';
import type { Tx } from '@allot/db';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import * as codes from '../access-codes/access-codes.repo.ts';
import { codeHash } from '../access-codes/access-codes.service.ts';
import type { CycleRow } from '../ballots/cycle-access.ts';
import { eligibleFacts, notEligible } from '../voters/voters.service.ts';
import * as voters from '../voters/voters.repo.ts';

export interface CheckIn {
	cycle: CycleRow;
	claim: EligibilityClaim;
	code?: string;
	siteId: string;
	channel: 'kiosk' | 'paper';
	at: Date;
}

const alreadyVoted = () =>
	new AppError('ALREADY_VOTED_IN_PERSON', 409, 'This voter already voted in person');

/**
 * The voter a walk-in votes as, locked for the transaction. The poll worker attests the facts,
 * which are checked with the same eligibility function as online. An access code links the
 * walk-in to it: an unused code is used up here (so it cannot also vote online); a code already
 * redeemed online brings back that voter, whose in-person ballot then replaces the online one
 * and closes online voting. Without a code the walk-in is a new voter.
 */
export async function checkInVoter(tx: Tx, deps: Deps, c: CheckIn) {
	const facts = eligibleFacts(c.cycle, c.claim);
	if (!facts.eligible) throw notEligible(facts.violations);
	const { eligible: _e, ...stored } = facts;
	let codeId: string | null = null;
	if (c.code !== undefined) {
		const normalized = normalizeAccessCode(c.code);
		if (!normalized.ok)
			throw new AppError('CODE_INVALID', 400, `Not an access code (${normalized.problem})`);
		const code = await codes.findCode(tx, {
			cycleId: c.cycle.id,
			codeHash: codeHash(deps, c.cycle.id, normalized.code)
		});
		if (!code || code.voidedAt || code.batchVoidedAt)
			throw new AppError('CODE_INVALID', 404, 'No usable access code matches');
		if (code.redeemedAt) return existingVoter(tx, c, code.id);
		if (!(await codes.redeemCode(tx, { codeId: code.id, at: c.at })))
			return existingVoter(tx, c, code.id);
		codeId = code.id;
	}
	const id = await voters.insertVoter(tx, {
		cycleId: c.cycle.id,
		accessCodeId: codeId,
		channel: c.channel,
		pollingSiteId: c.siteId,
		at: c.at,
		...stored
	});
	const voter = await voters.findVoterForUpdate(tx, { voterId: id, cycleId: c.cycle.id });
	return voter!;
}

async function existingVoter(tx: Tx, c: CheckIn, accessCodeId: string) {
	const ref = await voters.findVoterByCode(tx, { accessCodeId, cycleId: c.cycle.id });
	if (!ref) throw new AppError('CODE_INVALID', 409, 'This access code was already used');
	const voter = await voters.findVoterForUpdate(tx, { voterId: ref.id, cycleId: c.cycle.id });
	if (voter!.votedInPersonAt) throw alreadyVoted();
	await voters.setPollingSite(tx, { voterId: voter!.id, pollingSiteId: c.siteId });
	return { ...voter!, pollingSiteId: c.siteId };
}
