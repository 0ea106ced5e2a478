import type {
	KioskCheckInBody,
	KioskSession,
	LiveTurnout,
	PaperBallotAck,
	PaperBallotBody,
	PollingSite,
	PollingSiteBody,
	PollingSiteList
} from '@allot/shared';
import type { Deps } from '../../deps.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { Action, Actor } from '@allot/shared/domain/policy';
import { actorName } from '../access-codes/access-codes.service.ts';
import { appendAudit } from '../audit/audit.repo.ts';
import { authorize, authorizeStaff } from '../auth/authorize.ts';
import { assertValidBallot, castBallot } from '../ballots/ballots.service.ts';
import { requireCycle, requirePhase, type CycleRow } from '../ballots/cycle-access.ts';
import { checkInVoter } from './check-in.ts';
import { KIOSK_IDLE_MS } from './kiosk-guard.ts';
import * as repo from './kiosk.repo.ts';

type SessionRow = NonNullable<Awaited<ReturnType<typeof repo.findSession>>>;

const siteOut = (s: Awaited<ReturnType<typeof repo.insertSite>>): PollingSite => ({
	id: s.id,
	name: s.name,
	neighborhood: s.neighborhood,
	createdAt: s.createdAt.toISOString()
});

function sessionOut({ session, siteName }: SessionRow): KioskSession {
	return {
		id: session.id,
		siteId: session.pollingSiteId,
		siteName,
		openedAt: session.openedAt.toISOString(),
		lastSeenAt: session.lastSeenAt.toISOString(),
		closedAt: session.closedAt?.toISOString() ?? null,
		idleTimeoutSeconds: KIOSK_IDLE_MS / 1000
	};
}

export async function createSite(deps: Deps, actor: Actor, slug: string, body: PollingSiteBody) {
	const cycle = await requireCycle(deps.db, slug);
	authorize(actor, 'pollingSite.manage', { cycleId: cycle.id });
	const at = deps.now();
	const site = await deps.db.transaction(async (tx) => {
		const row = await repo.insertSite(tx, {
			cycleId: cycle.id,
			name: body.name,
			neighborhood: body.neighborhood ?? null,
			at
		});
		await appendAudit(tx, {
			cycleId: cycle.id,
			actor: actorName(actor),
			action: 'pollingSite.created',
			detail: { siteId: row.id, name: row.name },
			at
		});
		return row;
	});
	return siteOut(site);
}

export async function listSites(deps: Deps, actor: Actor, slug: string): Promise<PollingSiteList> {
	const cycle = await requireCycle(deps.db, slug);
	authorize(actor, 'kiosk.operate', { cycleId: cycle.id });
	return { items: (await repo.listSites(deps.db, cycle.id)).map(siteOut) };
}

export async function openSession(deps: Deps, actor: Actor, slug: string, siteId: string) {
	const cycle = await requireCycle(deps.db, slug);
	authorizeStaff(actor, 'kiosk.operate', { cycleId: cycle.id });
	requirePhase(cycle, ['voting'], 'Opening a kiosk');
	const site = await repo.findSite(deps.db, { cycleId: cycle.id, siteId });
	if (!site) throw notFound(`Polling site ${siteId}`);
	const session = await repo.insertSession(deps.db, {
		cycleId: cycle.id,
		siteId,
		workerId: actor.id,
		at: deps.now()
	});
	return { ...sessionOut({ session, siteName: site.name }), cycleId: cycle.id };
}

/** What each action on a session is; the kiosk credential has the last three, in its session. */
type SessionAction = Extract<
	Action,
	'kiosk.operate' | 'kiosk.viewSession' | 'kiosk.checkIn' | 'kiosk.closeSession'
>;

/**
 * The session a poll worker (or the kiosk it opened) acts in: theirs (or any, for an admin),
 * open, and not idle. Using it counts as activity, so an attended booth stays open.
 */
async function activeSession(
	deps: Deps,
	actor: Actor,
	cycle: CycleRow,
	sessionId: string,
	action: SessionAction
) {
	authorize(actor, action, { cycleId: cycle.id, sessionId });
	const found = await repo.findSession(deps.db, { cycleId: cycle.id, sessionId });
	if (!found) throw notFound(`Kiosk session ${sessionId}`);
	const mine =
		(actor.kind === 'staff' && (actor.id === found.session.workerId || actor.role === 'admin')) ||
		(actor.kind === 'kiosk' && actor.sessionId === found.session.id);
	if (!mine) throw forbidden('This kiosk session belongs to another poll worker');
	const now = deps.now();
	const idle = now.getTime() - found.session.lastSeenAt.getTime() > KIOSK_IDLE_MS;
	if (idle && !found.session.closedAt) await repo.closeSession(deps.db, { sessionId, at: now });
	if (idle || found.session.closedAt) {
		throw new AppError('SESSION_CLOSED', 409, 'This kiosk session is closed: open a new one');
	}
	await repo.touchSession(deps.db, { sessionId, at: now });
	return found;
}

/** The session as the kiosk screen shows it; a closed or idle one is 409 `SESSION_CLOSED`. */
export async function viewSession(deps: Deps, actor: Actor, slug: string, sessionId: string) {
	const cycle = await requireCycle(deps.db, slug);
	await activeSession(deps, actor, cycle, sessionId, 'kiosk.viewSession');
	return sessionOut((await repo.findSession(deps.db, { cycleId: cycle.id, sessionId }))!);
}

export async function closeSession(deps: Deps, actor: Actor, slug: string, sessionId: string) {
	const cycle = await requireCycle(deps.db, slug);
	const found = await activeSession(deps, actor, cycle, sessionId, 'kiosk.closeSession');
	await repo.closeSession(deps.db, { sessionId, at: deps.now() });
	return sessionOut((await repo.findSession(deps.db, { cycleId: cycle.id, sessionId })) ?? found);
}

/** Checks a walk-in in; the kiosk voter token then casts one ballot at the booth. */
export async function kioskCheckIn(
	deps: Deps,
	actor: Actor,
	slug: string,
	sessionId: string,
	body: KioskCheckInBody
) {
	const cycle = await requireCycle(deps.db, slug);
	requirePhase(cycle, ['voting'], 'Checking voters in');
	const { session } = await activeSession(deps, actor, cycle, sessionId, 'kiosk.checkIn');
	const at = deps.now();
	const voter = await deps.db.transaction((tx) =>
		checkInVoter(tx, deps, {
			cycle,
			claim: body,
			code: body.code,
			siteId: session.pollingSiteId,
			channel: 'kiosk',
			at
		})
	);
	return { voterId: voter.id, cycleId: cycle.id };
}

/** Enters one paper ballot: check-in and ballot in one transaction (both or neither). */
export async function enterPaperBallot(
	deps: Deps,
	actor: Actor,
	slug: string,
	sessionId: string,
	body: PaperBallotBody
): Promise<PaperBallotAck> {
	const cycle = await requireCycle(deps.db, slug);
	requirePhase(cycle, ['voting'], 'Entering paper ballots');
	// Staff only: a kiosk credential serves walk-ins at the screen, never the paper desk.
	const { session } = await activeSession(deps, actor, cycle, sessionId, 'kiosk.operate');
	await assertValidBallot(deps, cycle, body.ballot);
	const at = deps.now();
	const siteId = session.pollingSiteId;
	const row = await deps.db.transaction(async (tx) => {
		const voter = await checkInVoter(tx, deps, {
			cycle,
			claim: body,
			code: body.code,
			siteId,
			channel: 'paper',
			at
		});
		return castBallot(tx, {
			cycle,
			voter,
			ballot: body.ballot,
			channel: 'paper',
			pollingSiteId: siteId,
			at
		});
	});
	return { receipt: row.receipt, ballot: body.ballot };
}

export async function liveTurnout(deps: Deps, actor: Actor, slug: string): Promise<LiveTurnout> {
	const cycle = await requireCycle(deps.db, slug);
	authorize(actor, 'turnout.viewLive', { cycleId: cycle.id });
	const t = await repo.liveTurnout(deps.db, cycle.id);
	const total = t.byChannel.reduce((sum, c) => sum + c.count, 0);
	return {
		total,
		submissions: t.submissions,
		byChannel: t.byChannel,
		bySite: t.bySite,
		byDay: t.byDay
	};
}
