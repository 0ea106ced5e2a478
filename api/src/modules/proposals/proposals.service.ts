import type {
	Proposal,
	ProposalAssignBody,
	ProposalCreateBody,
	ProposalList,
	ProposalListQuery,
	ProposalUpdateBody
} from '@allot/shared';
import { can, type Actor } from '@allot/shared/domain/policy';
import type { DbOrTx } from '@allot/db';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { appendAudit } from '../audit/audit.repo.ts';
import { authorizeStaff } from '../auth/authorize.ts';
import type { CycleRow } from '../cycles/cycles.repo.ts';
import { assertListed, assertPhaseOpen, requireCycle } from '../cycles/cycles.service.ts';
import { existingIdeaIds } from '../ideas/ideas.repo.ts';
import { findStaffById } from '../staff/staff.repo.ts';
import * as repo from './proposals.repo.ts';

/** The public view, plus the reviewer and internal notes for staff who work on proposals. */
export function toProposal(row: repo.ProposalRow, internal: boolean): Proposal {
	const proposal: Proposal = {
		id: row.id,
		title: row.title,
		description: row.description,
		category: row.category,
		neighborhood: row.neighborhood,
		feasibility: row.feasibility,
		feasibilityReason: row.feasibilityReason,
		costEstimateCents: row.costEstimateCents,
		ideaIds: row.ideaIds,
		projectId: row.projectCode,
		createdAt: row.createdAt.toISOString()
	};
	return internal ? { ...proposal, reviewerId: row.reviewerId, notes: row.notes } : proposal;
}

const internalView = (actor: Actor, cycle: CycleRow) =>
	can(actor, 'proposal.viewInternal', { cycleId: cycle.id });

export async function requireProposal(
	db: DbOrTx,
	cycle: CycleRow,
	id: string
): Promise<repo.ProposalRow> {
	const proposal = await repo.findProposal(db, cycle.id, id);
	if (!proposal) throw notFound('Proposal');
	return proposal;
}

/** 400 for ideas not in this cycle, 409 for ideas another proposal already merged. */
async function checkIdeas(tx: DbOrTx, cycle: CycleRow, ideaIds: string[]): Promise<void> {
	const known = await existingIdeaIds(tx, cycle.id, ideaIds);
	const unknown = ideaIds.flatMap((id, i) =>
		known.has(id) ? [] : [{ path: `/ideaIds/${i}`, message: `no idea ${id} in this cycle` }]
	);
	if (unknown.length > 0)
		throw new AppError('VALIDATION_FAILED', 400, 'Unknown ideas', { errors: unknown });
	const merged = await repo.mergedIdeaIds(tx, ideaIds);
	if (merged.length > 0) {
		throw new AppError('IDEA_ALREADY_MERGED', 409, 'Some ideas are already part of a proposal', {
			ideaIds: merged
		});
	}
}

/** Merges ideas into a new proposal (staff who develop proposals). */
export async function createProposal(
	deps: Deps,
	actor: Actor,
	slug: string,
	body: ProposalCreateBody
): Promise<Proposal> {
	const now = deps.now();
	return deps.db.transaction(async (tx) => {
		// Locked for update: merges run one at a time, so an idea cannot join two proposals.
		const cycle = await requireCycle(tx, slug, { lock: 'update' });
		authorizeStaff(actor, 'proposal.create', { cycleId: cycle.id });
		assertPhaseOpen(cycle, 'proposal.write');
		assertListed(cycle, 'category', body.category);
		assertListed(cycle, 'neighborhood', body.neighborhood);
		await checkIdeas(tx, cycle, body.ideaIds);
		const { ideaIds, ...fields } = body;
		const id = await repo.insertProposal(
			tx,
			{ ...fields, cycleId: cycle.id, createdAt: now, updatedAt: now },
			ideaIds
		);
		await appendAudit(tx, {
			cycleId: cycle.id,
			actor: actor.id,
			action: 'proposal.create',
			detail: { proposalId: id, ideaIds },
			at: now
		});
		return toProposal((await repo.findProposal(tx, cycle.id, id))!, true);
	});
}

export async function listProposals(
	deps: Deps,
	actor: Actor,
	slug: string,
	query: ProposalListQuery
): Promise<ProposalList> {
	const cycle = await requireCycle(deps.db, slug);
	const internal = internalView(actor, cycle);
	return {
		items: (await repo.listProposals(deps.db, cycle.id, query.feasibility)).map((r) =>
			toProposal(r, internal)
		)
	};
}

export async function getProposal(
	deps: Deps,
	actor: Actor,
	p: { slug: string; proposalId: string }
): Promise<Proposal> {
	const cycle = await requireCycle(deps.db, p.slug);
	return toProposal(
		await requireProposal(deps.db, cycle, p.proposalId),
		internalView(actor, cycle)
	);
}

/**
 * Runs one staff change to a proposal inside a transaction with the cycle locked: loads it,
 * lets `change` check and write, audits, and answers with the updated proposal.
 */
export async function changeProposal(
	deps: Deps,
	p: { slug: string; proposalId: string },
	change: (
		tx: DbOrTx,
		cycle: CycleRow,
		proposal: repo.ProposalRow
	) => Promise<{ actor: string; action: string; detail: object }>
): Promise<Proposal> {
	const now = deps.now();
	return deps.db.transaction(async (tx) => {
		const cycle = await requireCycle(tx, p.slug, { lock: 'update' });
		const proposal = await requireProposal(tx, cycle, p.proposalId);
		const entry = await change(tx, cycle, proposal);
		await appendAudit(tx, {
			...entry,
			cycleId: cycle.id,
			detail: { proposalId: proposal.id, ...entry.detail },
			at: now
		});
		return toProposal((await repo.findProposal(tx, cycle.id, proposal.id))!, true);
	});
}

export async function updateProposal(
	deps: Deps,
	actor: Actor,
	p: { slug: string; proposalId: string },
	body: ProposalUpdateBody
): Promise<Proposal> {
	return changeProposal(deps, p, async (tx, cycle, proposal) => {
		authorizeStaff(actor, 'proposal.edit', { cycleId: cycle.id });
		assertPhaseOpen(cycle, 'proposal.write');
		assertListed(cycle, 'category', body.category);
		assertListed(cycle, 'neighborhood', body.neighborhood);
		await repo.updateProposal(tx, proposal.id, { ...body, updatedAt: deps.now() });
		return { actor: actor.id, action: 'proposal.update', detail: { changes: body } };
	});
}

/** Assigns the reviewer (an active reviewer or admin), or clears it with null. */
export async function assignReviewer(
	deps: Deps,
	actor: Actor,
	p: { slug: string; proposalId: string },
	body: ProposalAssignBody
): Promise<Proposal> {
	return changeProposal(deps, p, async (tx, cycle, proposal) => {
		authorizeStaff(actor, 'proposal.assign', { cycleId: cycle.id });
		assertPhaseOpen(cycle, 'proposal.write');
		if (body.reviewerId) {
			const reviewer = await findStaffById(tx, body.reviewerId);
			if (!reviewer || reviewer.disabledAt || !['reviewer', 'admin'].includes(reviewer.role)) {
				throw new AppError(
					'VALIDATION_FAILED',
					400,
					'The reviewer must be an active reviewer or admin',
					{
						errors: [{ path: '/reviewerId', message: 'not an active reviewer' }]
					}
				);
			}
		}
		await repo.updateProposal(tx, proposal.id, {
			reviewerId: body.reviewerId,
			updatedAt: deps.now()
		});
		return { actor: actor.id, action: 'proposal.assign', detail: { reviewerId: body.reviewerId } };
	});
}
