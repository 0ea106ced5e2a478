import type { Tx } from '@allot/db';
import { appendAudit } from '../audit/audit.repo.ts';
import type { CycleRow } from '../ballots/cycle-access.ts';
import { loadBallotSet } from './ballot-set.ts';
import { purgeForArchive } from './results.repo.ts';

/**
 * Phase hooks for the phase-change endpoint. Call each inside the phase-change transaction,
 * after the cycle row was updated (the update waits for every ballot still being written, see
 * `lockCycleForBallot`, so what these see is final).
 */

/** Entering `tallying`: chains the hash of the frozen ballot set into the audit log. */
export async function freezeBallots(tx: Tx, cycle: CycleRow, p: { actor: string; at: Date }) {
	const set = await loadBallotSet(tx, cycle);
	const detail = { ballotsSha256: set.sha256, ballotCount: set.ballotCount };
	await appendAudit(tx, {
		cycleId: cycle.id,
		actor: p.actor,
		action: 'ballots.frozen',
		detail,
		at: p.at
	});
	return detail;
}

/** Entering `archived`: destroys the link key and purges personal data; results and exports stay. */
export async function archiveCycle(tx: Tx, cycle: CycleRow, p: { actor: string; at: Date }) {
	await purgeForArchive(tx, cycle.id);
	const detail = {
		linkKeyDestroyed: true,
		purged: ['voters.age_bracket', 'voters.neighborhood', 'ideas.contact']
	};
	await appendAudit(tx, {
		cycleId: cycle.id,
		actor: p.actor,
		action: 'cycle.personalDataPurged',
		detail,
		at: p.at
	});
}
