import type { Comment, CommentCreateBody, CommentList, ModerationBody } from '@allot/shared';
import { can, type Actor } from '@allot/shared/domain/policy';
import type { DbOrTx } from '@allot/db';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../errors.ts';
import { appendAudit } from '../audit/audit.repo.ts';
import { authorize, authorizeStaff } from '../auth/authorize.ts';
import type { CycleRow } from '../cycles/cycles.repo.ts';
import { assertPhaseOpen, requireCycle } from '../cycles/cycles.service.ts';
import { findIdea } from '../ideas/ideas.repo.ts';
import { hiddenText } from '../ideas/ideas.service.ts';
import { findProposal } from '../proposals/proposals.repo.ts';
import * as repo from './comments.repo.ts';

function toComment(row: repo.CommentRow, seeHidden: boolean): Comment {
	const hidden = row.hiddenAt !== null;
	const withheld = hidden && !seeHidden;
	return {
		id: row.id,
		targetType: row.targetType,
		targetId: row.targetId,
		authorName: withheld ? null : row.authorName,
		body: withheld ? hiddenText(row.hiddenReason) : row.body,
		createdAt: row.createdAt.toISOString(),
		hidden,
		hiddenReason: row.hiddenReason
	};
}

/** 404 unless the idea or proposal exists in the cycle. */
async function requireTarget(
	db: DbOrTx,
	cycle: CycleRow,
	target: repo.CommentTarget
): Promise<void> {
	const found =
		target.type === 'idea'
			? await findIdea(db, cycle.id, target.id)
			: await findProposal(db, cycle.id, target.id);
	if (!found) throw notFound(target.type === 'idea' ? 'Idea' : 'Proposal');
}

/** Anyone may comment while ideas and proposals are deliberated (ideas and development phases). */
export async function postComment(
	deps: Deps,
	actor: Actor,
	p: { slug: string; target: repo.CommentTarget },
	body: CommentCreateBody
): Promise<Comment> {
	const now = deps.now();
	return deps.db.transaction(async (tx) => {
		const cycle = await requireCycle(tx, p.slug, { lock: 'share' });
		authorize(actor, 'comment.post', { cycleId: cycle.id });
		assertPhaseOpen(cycle, 'comment.post');
		await requireTarget(tx, cycle, p.target);
		const row = await repo.insertComment(tx, {
			cycleId: cycle.id,
			targetType: p.target.type,
			targetId: p.target.id,
			authorName: body.authorName,
			body: body.body,
			createdAt: now
		});
		if (actor.kind === 'staff') {
			await appendAudit(tx, {
				cycleId: cycle.id,
				actor: actor.id,
				action: 'comment.post',
				detail: { commentId: row.id },
				at: now
			});
		}
		return toComment(row, false);
	});
}

export async function listComments(
	deps: Deps,
	actor: Actor,
	p: { slug: string; target: repo.CommentTarget }
): Promise<CommentList> {
	const cycle = await requireCycle(deps.db, p.slug);
	await requireTarget(deps.db, cycle, p.target);
	const seeHidden = can(actor, 'comment.moderate', { cycleId: cycle.id });
	return {
		items: (await repo.listComments(deps.db, cycle.id, p.target)).map((r) =>
			toComment(r, seeHidden)
		)
	};
}

/** Hides a comment with a public reason, or (`body` null) restores it. Audited. */
export async function moderateComment(
	deps: Deps,
	actor: Actor,
	p: { slug: string; commentId: string },
	body: ModerationBody | null
): Promise<Comment> {
	const now = deps.now();
	return deps.db.transaction(async (tx) => {
		const cycle = await requireCycle(tx, p.slug, { lock: 'share' });
		authorizeStaff(actor, 'comment.moderate', { cycleId: cycle.id });
		assertPhaseOpen(cycle, 'moderate');
		const comment = await repo.findComment(tx, cycle.id, p.commentId);
		if (!comment) throw notFound('Comment');
		const hidden = body && { hiddenAt: comment.hiddenAt ?? now, hiddenReason: body.reason };
		const row = await repo.setHidden(tx, comment.id, hidden);
		const action = body ? 'comment.hide' : 'comment.restore';
		await appendAudit(tx, {
			cycleId: cycle.id,
			actor: actor.id,
			action,
			detail: { commentId: row.id, reason: body?.reason },
			at: now
		});
		return toComment(row, true);
	});
}
