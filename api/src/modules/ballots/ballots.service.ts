import type { BallotAck, BallotBody, MyBallot } from '@allot/shared';
import {
	checkBallot,
	type BallotProject,
	type BallotRules
} from '@allot/shared/domain/ballot-rules';
import type { Tx } from '@allot/db';
import type { Deps } from '../../deps.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { Actor } from '../../plugins/auth.ts';
import { appendAudit } from '../audit/audit.repo.ts';
import { authorize } from '../auth/authorize.ts';
import { listProjects } from '../cycles/cycles.repo.ts';
import { assertKioskOpen } from '../kiosk/kiosk-guard.ts';
import * as voters from '../voters/voters.repo.ts';
import { ballotContext } from './ballot-context.ts';
import * as repo from './ballots.repo.ts';
import { requireCycle, requirePhase, type CycleRow } from './cycle-access.ts';
import { newReceipt, voterKey } from './voter-key.ts';

type VoterRow = NonNullable<Awaited<ReturnType<typeof voters.findVoterForUpdate>>>;
type BallotRow = Awaited<ReturnType<typeof repo.upsertBallot>>;

/** 422 BALLOT_INVALID with every violation, checked by the engine's own rules (as the web does). */
export async function assertValidBallot(deps: Deps, cycle: CycleRow, ballot: BallotBody) {
	const projects = await listProjects(deps.db, cycle.id);
	assertBallotFits(
		cycle,
		projects.map((p) => ({ id: p.code, costCents: p.costCents })),
		ballot
	);
}

function assertBallotFits(
	cycle: Pick<CycleRow, 'ballotRules' | 'potCents'>,
	projects: BallotProject[],
	ballot: BallotBody
) {
	const violations = checkBallot(cycle.ballotRules as BallotRules, projects, ballot, {
		potCents: cycle.potCents
	});
	if (violations.length > 0) {
		throw new AppError('BALLOT_INVALID', 422, 'The ballot breaks the rules of this cycle', {
			violations
		});
	}
}

export function toAck(row: BallotRow): BallotAck {
	return {
		receipt: row.receipt,
		ballot: row.content as BallotBody,
		revision: row.revision,
		channel: row.channel,
		castAt: row.castAt.toISOString(),
		updatedAt: row.updatedAt.toISOString()
	};
}

export interface CastInput {
	cycle: CycleRow;
	voter: VoterRow;
	ballot: BallotBody;
	channel: 'online' | 'kiosk' | 'paper';
	pollingSiteId: string | null;
	at: Date;
}

/**
 * Writes one acknowledged ballot inside the caller's transaction, which already holds the
 * voter's row lock: cycle lock and phase check, upsert, in-person mark.
 */
export async function castBallot(tx: Tx, c: CastInput): Promise<BallotRow> {
	const locked = await repo.lockCycleForBallot(tx, {
		cycleId: c.cycle.id,
		rulesLocked: c.cycle.rulesLockedAt !== null,
		at: c.at
	});
	requirePhase({ ...c.cycle, phase: locked.phase }, ['voting'], 'Voting');
	if (!locked.linkKey) throw new AppError('PHASE_CLOSED', 409, 'This cycle takes no ballots');
	if (locked.lockedRulesNow) {
		await appendAudit(tx, {
			cycleId: c.cycle.id,
			actor: 'system',
			action: 'cycle.rulesLocked',
			detail: { reason: 'first ballot cast' },
			at: c.at
		});
	}
	const row = await repo.upsertBallot(tx, {
		cycleId: c.cycle.id,
		voterKey: voterKey(locked.linkKey, c.voter.id),
		content: c.ballot,
		receipt: newReceipt(),
		channel: c.channel,
		pollingSiteId: c.pollingSiteId,
		ageBracket: c.voter.ageBracket,
		neighborhood: c.voter.neighborhood,
		at: c.at
	});
	if (c.channel !== 'online') {
		await voters.markVotedInPerson(tx, {
			voterId: c.voter.id,
			at: c.at,
			pollingSiteId: c.pollingSiteId
		});
	}
	return row;
}

function voterOf(actor: Actor, cycle: Pick<CycleRow, 'id'>) {
	authorize(actor, 'ballot.cast', { cycleId: cycle.id });
	if (actor.kind !== 'voter') throw forbidden('Only a voter of this cycle has a ballot');
	return actor;
}

/**
 * Submits or revises the caller's ballot. Online ballots can be revised until the vote closes
 * (the last acknowledged revision counts); once the voter voted in person, online is closed.
 */
export async function submitBallot(
	deps: Deps,
	actor: Actor,
	slug: string,
	ballot: BallotBody
): Promise<BallotAck> {
	// Process time, not deps.now: the cache's freshness has nothing to do with the vote's clock.
	const context = await ballotContext(deps.db, slug, performance.now());
	if (!context) throw notFound(`Cycle ${slug}`);
	const me = voterOf(actor, context);
	requirePhase(context, ['voting'], 'Voting');
	assertBallotFits(context, context.projects, ballot);
	const at = deps.now();
	// The hot path of voting: one statement (the context above is usually cached).
	if (me.channel === 'online' && context.rulesLockedAt && context.linkKey) {
		return toAck(
			await castOnline(deps, { ...context, linkKey: context.linkKey }, me.id, ballot, at)
		);
	}
	const cycle = await requireCycle(deps.db, slug);
	const row = await deps.db.transaction(async (tx) => {
		const voter = await voters.findVoterForUpdate(tx, { voterId: me.id, cycleId: cycle.id });
		if (!voter) throw new AppError('TOKEN_INVALID', 401, 'This voter no longer exists');
		if (me.channel === 'online' && voter.votedInPersonAt) {
			throw new AppError('ALREADY_VOTED_IN_PERSON', 409, 'You already voted in person');
		}
		if (me.channel === 'kiosk') await assertKioskOpen(tx, at, voter.pollingSiteId);
		const channel = me.channel;
		return castBallot(tx, {
			cycle,
			voter,
			ballot,
			channel,
			pollingSiteId: voter.pollingSiteId,
			at
		});
	});
	return toAck(row);
}

/** An online ballot once the cycle's rules are locked: repo.castOnlineBallot, errors as castBallot's. */
async function castOnline(
	deps: Deps,
	cycle: { id: string; linkKey: Buffer },
	voterId: string,
	ballot: BallotBody,
	at: Date
): Promise<BallotRow> {
	const linkKey = Buffer.from(cycle.linkKey);
	const cast = await repo.castOnlineBallot(deps.db, {
		cycleId: cycle.id,
		voterId,
		voterKey: voterKey(linkKey, voterId),
		linkKey,
		content: ballot,
		receipt: newReceipt(),
		at
	});
	if (cast.ok) return cast.ballot;
	if (cast.reason === 'NO_VOTER')
		throw new AppError('TOKEN_INVALID', 401, 'This voter no longer exists');
	if (cast.reason === 'VOTED_IN_PERSON') {
		throw new AppError('ALREADY_VOTED_IN_PERSON', 409, 'You already voted in person');
	}
	requirePhase({ phase: (cast.phase ?? 'archived') as CycleRow['phase'] }, ['voting'], 'Voting');
	throw new AppError('PHASE_CLOSED', 409, 'This cycle takes no ballots');
}

export async function getMyBallot(deps: Deps, actor: Actor, slug: string): Promise<MyBallot> {
	const cycle = await requireCycle(deps.db, slug);
	const me = voterOf(actor, cycle);
	const voter = await voters.findVoter(deps.db, { voterId: me.id, cycleId: cycle.id });
	if (!voter) throw new AppError('TOKEN_INVALID', 401, 'This voter no longer exists');
	const votedInPersonAt = voter.votedInPersonAt?.toISOString() ?? null;
	const empty = { receipt: null, ballot: null, revision: 0, channel: null, updatedAt: null };
	if (!cycle.linkKey) return { ...empty, votedInPersonAt };
	const row = await repo.findBallotByKey(deps.db, {
		cycleId: cycle.id,
		voterKey: voterKey(cycle.linkKey, voter.id)
	});
	if (!row) return { ...empty, votedInPersonAt };
	const { castAt: _c, ...ack } = toAck(row);
	return { ...ack, votedInPersonAt };
}
