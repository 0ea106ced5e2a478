import type {
	Idea,
	IdeaCreateBody,
	IdeaCreated,
	IdeaListQuery,
	IdeaPage,
	ModerationBody,
	SimilarIdeaList
} from '@allot/shared';
import { can, type Actor, type Resource } from '@allot/shared/domain/policy';
import { similarTitles } from '@allot/shared/domain/similarity';
import type { DbOrTx } from '@allot/db';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../errors.ts';
import { appendAudit } from '../audit/audit.repo.ts';
import { authorize, authorizeStaff } from '../auth/authorize.ts';
import type { CycleRow } from '../cycles/cycles.repo.ts';
import { assertListed, assertPhaseOpen, requireCycle } from '../cycles/cycles.service.ts';
import * as repo from './ideas.repo.ts';

/** What the caller may see of ideas: hidden texts (moderators, reviewers), contacts (staff who follow up). */
function viewOf(actor: Actor, cycle: CycleRow) {
	const r: Resource = { cycleId: cycle.id };
	return {
		hidden: can(actor, 'idea.moderate', r) || can(actor, 'idea.viewPrivate', r),
		contact: can(actor, 'idea.viewPrivate', r)
	};
}

export const hiddenText = (reason: string | null) => `hidden by moderators: ${reason ?? ''}`.trim();

export function toIdea(row: repo.IdeaRow, view: { hidden: boolean; contact: boolean }): Idea {
	const hidden = row.hiddenAt !== null;
	const idea: Idea = {
		id: row.id,
		title: row.title,
		description: row.description,
		category: row.category,
		neighborhood: row.neighborhood,
		latitude: row.latitude,
		longitude: row.longitude,
		ageBracket: row.submitterAgeBracket,
		createdAt: row.createdAt.toISOString(),
		hidden,
		hiddenReason: row.hiddenReason,
		proposalId: row.proposalId
	};
	if (view.contact) idea.contact = row.contact;
	if (!hidden || view.hidden) return idea;
	const withheld = {
		category: null,
		neighborhood: null,
		latitude: null,
		longitude: null,
		ageBracket: null
	};
	return {
		...idea,
		...withheld,
		title: hiddenText(row.hiddenReason),
		description: hiddenText(row.hiddenReason)
	};
}

async function similarTo(db: DbOrTx, cycleId: string, idea: { id: string; title: string }) {
	const candidates = (await repo.visibleTitles(db, cycleId)).filter((c) => c.id !== idea.id);
	return similarTitles(idea.title, candidates);
}

/** Anyone may submit during the ideas phase; the answer lists ideas that look alike. */
export async function submitIdea(
	deps: Deps,
	actor: Actor,
	slug: string,
	body: IdeaCreateBody
): Promise<IdeaCreated> {
	const now = deps.now();
	return deps.db.transaction(async (tx) => {
		const cycle = await requireCycle(tx, slug, { lock: 'share' });
		authorize(actor, 'idea.submit', { cycleId: cycle.id });
		assertPhaseOpen(cycle, 'idea.submit');
		assertListed(cycle, 'category', body.category);
		assertListed(cycle, 'neighborhood', body.neighborhood);
		const { ageBracket, ...fields } = body;
		const row = await repo.insertIdea(tx, {
			...fields,
			submitterAgeBracket: ageBracket,
			cycleId: cycle.id,
			createdAt: now
		});
		if (actor.kind === 'staff') {
			await appendAudit(tx, {
				cycleId: cycle.id,
				actor: actor.id,
				action: 'idea.submit',
				detail: { ideaId: row.id },
				at: now
			});
		}
		return { ...toIdea(row, viewOf(actor, cycle)), similar: await similarTo(tx, cycle.id, row) };
	});
}

export async function listIdeas(
	deps: Deps,
	actor: Actor,
	slug: string,
	query: IdeaListQuery
): Promise<IdeaPage> {
	const cycle = await requireCycle(deps.db, slug);
	const view = viewOf(actor, cycle);
	const filtered =
		query.q !== undefined || query.category !== undefined || query.neighborhood !== undefined;
	const { rows, total } = await repo.listIdeas(deps.db, {
		...query,
		cycleId: cycle.id,
		// Unfiltered, the public sees hidden ideas as placeholders; a search never matches them.
		includeHidden: view.hidden || !filtered,
		limit: query.pageSize,
		offset: (query.page - 1) * query.pageSize
	});
	return {
		items: rows.map((r) => toIdea(r, view)),
		total,
		page: query.page,
		pageSize: query.pageSize
	};
}

async function requireIdea(db: DbOrTx, cycle: CycleRow, ideaId: string): Promise<repo.IdeaRow> {
	const idea = await repo.findIdea(db, cycle.id, ideaId);
	if (!idea) throw notFound('Idea');
	return idea;
}

export async function getIdea(
	deps: Deps,
	actor: Actor,
	p: { slug: string; ideaId: string }
): Promise<Idea> {
	const cycle = await requireCycle(deps.db, p.slug);
	return toIdea(await requireIdea(deps.db, cycle, p.ideaId), viewOf(actor, cycle));
}

/** Visible ideas whose titles look like this one's (likely duplicates). */
export async function similarIdeas(
	deps: Deps,
	p: { slug: string; ideaId: string }
): Promise<SimilarIdeaList> {
	const cycle = await requireCycle(deps.db, p.slug);
	const idea = await requireIdea(deps.db, cycle, p.ideaId);
	return { items: await similarTo(deps.db, cycle.id, idea) };
}

/** Hides an idea with a public reason, or (`body` null) restores it. Audited. */
export async function moderateIdea(
	deps: Deps,
	actor: Actor,
	p: { slug: string; ideaId: string },
	body: ModerationBody | null
): Promise<Idea> {
	const now = deps.now();
	return deps.db.transaction(async (tx) => {
		const cycle = await requireCycle(tx, p.slug, { lock: 'share' });
		authorizeStaff(actor, 'idea.moderate', { cycleId: cycle.id });
		assertPhaseOpen(cycle, 'moderate');
		const idea = await requireIdea(tx, cycle, p.ideaId);
		const hidden = body && { hiddenAt: idea.hiddenAt ?? now, hiddenReason: body.reason };
		await repo.setHidden(tx, idea.id, hidden);
		const action = body ? 'idea.hide' : 'idea.restore';
		await appendAudit(tx, {
			cycleId: cycle.id,
			actor: actor.id,
			action,
			detail: { ideaId: idea.id, reason: body?.reason },
			at: now
		});
		return toIdea(
			{ ...idea, ...(hidden ?? { hiddenAt: null, hiddenReason: null }) },
			viewOf(actor, cycle)
		);
	});
}
