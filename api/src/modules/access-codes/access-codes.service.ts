import type {
	AccessCodeBatchBody,
	AccessCodeBatchCreated,
	AccessCodeBatchList,
	VoidCodeResult
} from '@allot/shared';
import { normalizeAccessCode } from '@allot/shared/domain/access-codes';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { appendAudit } from '../audit/audit.repo.ts';
import { authorize } from '../auth/authorize.ts';
import type { Actor } from '../../plugins/auth.ts';
import { requireCycle } from '../ballots/cycle-access.ts';
import * as repo from './access-codes.repo.ts';
import { hashAccessCode, newAccessCode } from './code-hash.ts';

/** Codes can be handed out until the vote closes (schools print them weeks ahead). */
const OPEN_PHASES = ['draft', 'ideas', 'development', 'voting'];

export const codeHash = (deps: Deps, cycleId: string, canonical: string) =>
	hashAccessCode(deps.config.ACCESS_CODE_PEPPER ?? '', cycleId, canonical);

/** Generates a batch; the plain codes are returned once and never stored. */
export async function generateBatch(
	deps: Deps,
	actor: Actor,
	slug: string,
	body: AccessCodeBatchBody
): Promise<AccessCodeBatchCreated & { cycleName: string; slug: string }> {
	const cycle = await requireCycle(deps.db, slug);
	authorize(actor, 'accessCode.manage', { cycleId: cycle.id });
	if (!OPEN_PHASES.includes(cycle.phase)) {
		throw new AppError('PHASE_CLOSED', 409, `The vote of ${slug} is closed: no new codes`);
	}
	// 75 random bits: a collision within a batch is astronomically unlikely, but a Set makes
	// "never two equal codes in one batch" a fact rather than a probability.
	const codes = new Set<string>();
	while (codes.size < body.count) codes.add(newAccessCode());
	const plain = [...codes];
	const at = deps.now();
	const batch = await deps.db.transaction(async (tx) => {
		const hashes = plain.map((c) => codeHash(deps, cycle.id, normalizeCode(c)));
		const created = await repo.insertBatch(tx, {
			cycleId: cycle.id,
			label: body.label,
			codeHashes: hashes,
			createdBy: actor.kind === 'staff' ? actor.id : null,
			at
		});
		await appendAudit(tx, {
			cycleId: cycle.id,
			actor: actorName(actor),
			action: 'accessCodes.generated',
			detail: { batchId: created.id, label: body.label, count: body.count },
			at
		});
		return created;
	});
	const base = { batchId: batch.id, label: batch.label, createdAt: at.toISOString(), codes: plain };
	return { ...base, cycleName: cycle.name, slug };
}

export async function listBatches(
	deps: Deps,
	actor: Actor,
	slug: string
): Promise<AccessCodeBatchList> {
	const cycle = await requireCycle(deps.db, slug);
	authorize(actor, 'accessCode.manage', { cycleId: cycle.id });
	const rows = await repo.listBatches(deps.db, cycle.id);
	return {
		items: rows.map((r) => ({
			...r,
			createdAt: r.createdAt.toISOString(),
			voidedAt: r.voidedAt?.toISOString() ?? null
		}))
	};
}

/** Voids a batch: its unused codes stop working; voters it already made stay voters. */
export async function voidBatch(deps: Deps, actor: Actor, slug: string, batchId: string) {
	const cycle = await requireCycle(deps.db, slug);
	authorize(actor, 'accessCode.manage', { cycleId: cycle.id });
	const at = deps.now();
	await deps.db.transaction(async (tx) => {
		const batch = await repo.voidBatch(tx, { cycleId: cycle.id, batchId, at });
		if (!batch) throw notFound(`Batch ${batchId}`);
		await appendAudit(tx, {
			cycleId: cycle.id,
			actor: actorName(actor),
			action: 'accessCodes.batchVoided',
			detail: { batchId, label: batch.label },
			at
		});
	});
	const items = await repo.listBatches(deps.db, cycle.id);
	const row = items.find((b) => b.id === batchId)!;
	return {
		...row,
		createdAt: row.createdAt.toISOString(),
		voidedAt: row.voidedAt?.toISOString() ?? null
	};
}

/** Voids one code, typed from a lost or leaked slip (only the hash is stored, so staff type it). */
export async function voidCode(
	deps: Deps,
	actor: Actor,
	slug: string,
	typed: string
): Promise<VoidCodeResult> {
	const cycle = await requireCycle(deps.db, slug);
	authorize(actor, 'accessCode.manage', { cycleId: cycle.id });
	const normalized = normalizeAccessCode(typed);
	if (!normalized.ok)
		throw new AppError('CODE_INVALID', 400, `Not an access code (${normalized.problem})`);
	const at = deps.now();
	return deps.db.transaction(async (tx) => {
		const code = await repo.findCode(tx, {
			cycleId: cycle.id,
			codeHash: codeHash(deps, cycle.id, normalized.code)
		});
		if (!code) throw new AppError('CODE_INVALID', 404, 'No such code in this cycle');
		await repo.voidCode(tx, { codeId: code.id, at });
		await appendAudit(tx, {
			cycleId: cycle.id,
			actor: actorName(actor),
			action: 'accessCodes.codeVoided',
			detail: { codeId: code.id },
			at
		});
		return { voided: true as const, wasRedeemed: code.redeemedAt !== null };
	});
}

function normalizeCode(code: string): string {
	const n = normalizeAccessCode(code);
	if (!n.ok) throw new Error(`generated an unreadable code (${n.problem})`);
	return n.code;
}

/** How the audit log names who acted. */
export function actorName(actor: Actor): string {
	return actor.kind === 'staff'
		? `staff:${actor.id}`
		: actor.kind === 'kiosk'
			? `kiosk:${actor.sessionId}`
			: actor.kind === 'voter'
				? `voter`
				: 'anonymous';
}
