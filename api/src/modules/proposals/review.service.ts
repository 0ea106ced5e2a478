import type {
	ProjectSummary,
	Proposal,
	ProposalPromoteBody,
	ProposalReviewBody
} from '@allot/shared';
import type { Actor } from '@allot/shared/domain/policy';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { appendAudit } from '../audit/audit.repo.ts';
import { authorizeStaff } from '../auth/authorize.ts';
import { assertPhaseOpen, requireCycle } from '../cycles/cycles.service.ts';
import { toProjectSummary } from '../projects/projects.mapper.ts';
import { insertBallotProject } from '../projects/projects.service.ts';
import * as repo from './proposals.repo.ts';
import { changeProposal, requireProposal } from './proposals.service.ts';

function alreadyOnBallot(proposal: repo.ProposalRow): AppError {
	return new AppError(
		'ALREADY_PROMOTED',
		409,
		`This proposal is on the ballot as ${proposal.projectCode}`,
		{
			projectId: proposal.projectCode
		}
	);
}

/**
 * Records a feasibility decision: feasible with a cost estimate, infeasible with a public
 * reason, or back to pending. Reviewers decide on proposals assigned to them or to nobody.
 */
export async function reviewProposal(
	deps: Deps,
	actor: Actor,
	p: { slug: string; proposalId: string },
	body: ProposalReviewBody
): Promise<Proposal> {
	return changeProposal(deps, p, async (tx, cycle, proposal) => {
		authorizeStaff(actor, 'proposal.review', {
			cycleId: cycle.id,
			reviewerId: proposal.reviewerId
		});
		assertPhaseOpen(cycle, 'proposal.write');
		// The ballot shows the promoted project: take it off before changing the decision behind it.
		if (proposal.projectCode) throw alreadyOnBallot(proposal);
		await repo.updateProposal(tx, proposal.id, {
			feasibility: body.feasibility,
			feasibilityReason: body.feasibility === 'infeasible' ? body.reason : null,
			costEstimateCents: body.feasibility === 'pending' ? undefined : body.costEstimateCents,
			notes: body.notes,
			updatedAt: deps.now()
		});
		return { actor: actor.id, action: 'proposal.review', detail: { ...body } };
	});
}

/** Puts a feasible proposal on the ballot as a project costing its estimate. */
export async function promoteProposal(
	deps: Deps,
	actor: Actor,
	p: { slug: string; proposalId: string },
	body: ProposalPromoteBody
): Promise<ProjectSummary> {
	const now = deps.now();
	return deps.db.transaction(async (tx) => {
		const cycle = await requireCycle(tx, p.slug, { lock: 'update' });
		authorizeStaff(actor, 'proposal.promote', { cycleId: cycle.id });
		assertPhaseOpen(cycle, 'project.edit');
		const proposal = await requireProposal(tx, cycle, p.proposalId);
		if (proposal.feasibility !== 'feasible' || proposal.costEstimateCents === null) {
			throw new AppError(
				'PROPOSAL_NOT_FEASIBLE',
				409,
				'Only a proposal reviewed as feasible, with a cost estimate, can go on the ballot'
			);
		}
		if (proposal.projectCode) throw alreadyOnBallot(proposal);
		const project = await insertBallotProject(
			tx,
			cycle,
			{
				...body,
				title: body.title ?? proposal.title,
				description: body.description ?? proposal.description,
				summary: body.summary ?? '',
				category: body.category ?? proposal.category,
				translations: body.translations ?? {},
				costCents: proposal.costEstimateCents,
				proposalId: proposal.id
			},
			now
		);
		const detail = {
			proposalId: proposal.id,
			projectId: project.code,
			costCents: project.costCents
		};
		await appendAudit(tx, {
			cycleId: cycle.id,
			actor: actor.id,
			action: 'project.promote',
			detail,
			at: now
		});
		return toProjectSummary(project);
	});
}
