import type { AuditEntry, AuditPage, AuditQuery, AuditVerification } from '@allot/shared';
import type { Actor } from '@allot/shared/domain/policy';
import type { DbOrTx } from '@allot/db';
import type { Deps } from '../../deps.ts';
import { authorizeStaff } from '../auth/authorize.ts';
import { requireCycle } from '../cycles/cycles.service.ts';
import { verifyChain, type ChainEntry } from './audit.chain.ts';
import { allAuditInOrder, listAudit } from './audit.repo.ts';

const toEntry = (e: ChainEntry): AuditEntry => ({ ...e, at: e.at.toISOString() });

/** The log, newest first, one page at a time (`before` = the previous page's `nextBefore`). */
export async function readAudit(deps: Deps, actor: Actor, query: AuditQuery): Promise<AuditPage> {
	authorizeStaff(actor, 'audit.read');
	const cycleId = query.cycle ? (await requireCycle(deps.db, query.cycle)).id : undefined;
	const entries = await listAudit(deps.db, {
		cycleId,
		beforeSeq: query.before,
		limit: query.limit
	});
	const last = entries.at(-1);
	return {
		items: entries.map(toEntry),
		nextBefore: entries.length === query.limit && last && last.seq > 1 ? last.seq : null
	};
}

/** Checks the whole hash chain; the same check as `npm run allot -- audit verify`. */
export async function verifyAuditLog(db: DbOrTx): Promise<AuditVerification> {
	const entries = await allAuditInOrder(db);
	const problems = verifyChain(entries);
	return { ok: problems.length === 0, count: entries.length, problems };
}

export async function verifyAudit(deps: Deps, actor: Actor): Promise<AuditVerification> {
	authorizeStaff(actor, 'audit.read');
	return verifyAuditLog(deps.db);
}
