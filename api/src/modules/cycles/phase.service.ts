import type { CycleDetail, PhaseChangeBody } from '@allot/shared';
import { phaseChangeProblems } from '@allot/shared/domain/phases';
import type { Actor } from '@allot/shared/domain/policy';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { appendAudit } from '../audit/audit.repo.ts';
import { authorizeStaff } from '../auth/authorize.ts';
import { archiveCycle, freezeBallots } from '../results/lifecycle.ts';
import * as repo from './cycles.repo.ts';
import { requireCycle, toCycleDetail } from './cycles.service.ts';

/**
 * Moves a cycle to another phase when the work the target needs is done (domain/phases.ts).
 * The cycle row stays locked until commit, so the facts checked cannot change underneath
 * (a ballot arriving while voting is being closed waits for the new phase, then is refused).
 */
export async function changePhase(
	deps: Deps,
	actor: Actor,
	slug: string,
	body: PhaseChangeBody
): Promise<CycleDetail> {
	authorizeStaff(actor, 'cycle.changePhase');
	const now = deps.now();
	return deps.db.transaction(async (tx) => {
		const cycle = await requireCycle(tx, slug, { lock: 'update' });
		const from = cycle.phase;
		const to = body.phase;
		const reasons = phaseChangeProblems(from, to, await repo.phaseFacts(tx, cycle));
		if (reasons.length > 0) {
			throw new AppError(
				'PHASE_TRANSITION_INVALID',
				409,
				`${from} → ${to}: ${reasons.join('; ')}`,
				{
					from,
					to,
					reasons
				}
			);
		}
		if (to === 'archived') await repo.purgeForArchive(tx, cycle.id);
		const updated = await repo.updateCycle(tx, cycle.id, { phase: to, updatedAt: now });
		const detail = { slug, from, to };
		await appendAudit(tx, {
			cycleId: cycle.id,
			actor: actor.id,
			action: 'cycle.phase',
			detail,
			at: now
		});
		// voting hooks (issue 5): chain the frozen ballot set's hash; purge voters at archive
		const hook = { actor: actor.id, at: now };
		if (to === 'tallying') await freezeBallots(tx, updated, hook);
		if (to === 'archived') await archiveCycle(tx, updated, hook);
		return toCycleDetail(updated, await repo.listProjects(tx, cycle.id));
	});
}
