import type { Tx } from '@allot/db';
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
