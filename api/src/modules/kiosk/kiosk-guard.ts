import type { Tx } from '@allot/db';
import { can } from '@allot/shared/domain/policy';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import * as repo from './kiosk.repo.ts';

/** A kiosk session nobody used for this long is closed: the poll worker opens a new one. */
export const KIOSK_IDLE_MS = 30 * 60_000;

/**
 * A kiosk voter's ballot is taken only while a session at their polling site is open and
 * attended: the 5-minute token limits one walk-in, this limits an abandoned booth.
 */
export async function assertKioskOpen(tx: Tx, now: Date, pollingSiteId: string | null) {
	const since = new Date(now.getTime() - KIOSK_IDLE_MS);
	const open =
		pollingSiteId &&
		(await repo.touchOpenSessionAtSite(tx, { siteId: pollingSiteId, since, at: now }));
	if (!open)
		throw new AppError('SESSION_CLOSED', 409, 'No kiosk session is open at this polling site');
}

/**
 * Whether a kiosk credential still works: its session is open and not idle (an idle one is
 * closed here, as it would be on use), and the poll worker who opened it may still run kiosks
 * (a disabled account or a changed role ends the kiosks it opened, as it ends its own sign-in).
 */
export async function kioskSessionUsable(
	deps: Deps,
	p: { sessionId: string; cycleId: string }
): Promise<boolean> {
	const row = await repo.findSessionStatus(deps.db, p);
	if (!row || row.closedAt) return false;
	const now = deps.now();
	if (now.getTime() - row.lastSeenAt.getTime() > KIOSK_IDLE_MS) {
		await repo.closeSession(deps.db, { sessionId: p.sessionId, at: now });
		return false;
	}
	const worker = { kind: 'staff', id: '', role: row.workerRole } as const;
	return !row.workerDisabledAt && can(worker, 'kiosk.operate', { cycleId: p.cycleId });
}
