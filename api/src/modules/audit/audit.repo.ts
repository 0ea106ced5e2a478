import { auditEvents, type DbOrTx } from '@allot/db';
import { asc, desc, eq, sql } from 'drizzle-orm';
import { entryHash, GENESIS_HASH, type ChainEntry } from './audit.chain.ts';

// Appends must be serialised, or two writers would chain onto the same previous hash.
// A transaction-scoped advisory lock does that across processes and replicas.
const AUDIT_CHAIN_LOCK = 4_217_002;

export interface AuditInput {
	cycleId?: string | null;
	actor: string;
	action: string;
	detail?: Record<string, unknown>;
	at: Date;
}

/** Appends one entry to the hash chain. Call inside the transaction of the change it records. */
export async function appendAudit(tx: DbOrTx, input: AuditInput): Promise<ChainEntry> {
	await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
	const [last] = await tx
		.select({ seq: auditEvents.seq, hash: auditEvents.hash })
		.from(auditEvents)
		.orderBy(desc(auditEvents.seq))
		.limit(1);
	// Timestamps are stored with microsecond precision; hash what the database will give back.
	const at = new Date(Math.floor(input.at.getTime()));
	const entry = {
		seq: (last?.seq ?? 0) + 1,
		cycleId: input.cycleId ?? null,
		actor: input.actor,
		action: input.action,
		detail: input.detail ?? {},
		at,
		prevHash: last?.hash ?? GENESIS_HASH
	};
	const hash = entryHash(entry);
	await tx.insert(auditEvents).values({ ...entry, hash });
	return { ...entry, hash };
}

export async function listAudit(
	db: DbOrTx,
	p: { cycleId?: string; limit: number; beforeSeq?: number }
): Promise<ChainEntry[]> {
	const conditions = [];
	if (p.cycleId) conditions.push(eq(auditEvents.cycleId, p.cycleId));
	if (p.beforeSeq) conditions.push(sql`${auditEvents.seq} < ${p.beforeSeq}`);
	const where = conditions.length ? sql.join(conditions, sql` and `) : undefined;
	return db.select().from(auditEvents).where(where).orderBy(desc(auditEvents.seq)).limit(p.limit);
}

export async function allAuditInOrder(db: DbOrTx): Promise<ChainEntry[]> {
	return db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
}
