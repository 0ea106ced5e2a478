import type { ProjectCreateBody, ProjectSummary, ProjectUpdateBody } from '@allot/shared';
import type { Actor } from '@allot/shared/domain/policy';
import type { DbOrTx } from '@allot/db';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { appendAudit } from '../audit/audit.repo.ts';
import { authorizeStaff } from '../auth/authorize.ts';
import type { CycleRow } from '../cycles/cycles.repo.ts';
import { assertListed, assertPhaseOpen, requireCycle } from '../cycles/cycles.service.ts';
import { toProjectSummary } from './projects.mapper.ts';
import * as repo from './projects.repo.ts';

/** A project dearer than the pot could never be funded: refuse it while it can still be fixed. */
function assertAffordable(cycle: CycleRow, costCents: number | undefined): void {
	if (costCents === undefined || costCents <= cycle.potCents) return;
	throw new AppError('VALIDATION_FAILED', 400, 'The project costs more than the whole pot', {
		errors: [{ path: '/costCents', message: `at most ${cycle.potCents}` }]
	});
}

/** Locks the cycle and checks that its ballot can still change (before voting opens). */
async function editableCycle(tx: DbOrTx, slug: string): Promise<CycleRow> {
	const cycle = await requireCycle(tx, slug, { lock: 'update' });
	assertPhaseOpen(cycle, 'project.edit');
	return cycle;
}

/**
 * Adds a ballot project; with no id, the next `P<n>`. Runs with the cycle row locked, so
 * generated ids never collide and no project lands after voting opened.
 */
export async function insertBallotProject(
	tx: DbOrTx,
	cycle: CycleRow,
	body: ProjectCreateBody & { proposalId?: string },
	now: Date
): Promise<repo.ProjectRow> {
	assertListed(cycle, 'category', body.category);
	assertAffordable(cycle, body.costCents);
	const { id, ...fields } = body;
	const code = id ?? (await repo.nextProjectCode(tx, cycle.id));
	const position = await repo.nextPosition(tx, cycle.id);
	const row = await repo.insertProject(tx, {
		...fields,
		cycleId: cycle.id,
		code,
		position,
		createdAt: now
	});
	if (!row)
		throw new AppError('PROJECT_ID_TAKEN', 409, `Project ${code} already exists in this cycle`);
	return row;
}

export async function createProject(
	deps: Deps,
	actor: Actor,
	slug: string,
	body: ProjectCreateBody
): Promise<ProjectSummary> {
	authorizeStaff(actor, 'project.manage');
	const now = deps.now();
	return deps.db.transaction(async (tx) => {
		const cycle = await editableCycle(tx, slug);
		const row = await insertBallotProject(tx, cycle, body, now);
		const detail = { projectId: row.code, title: row.title, costCents: row.costCents };
		await appendAudit(tx, {
			cycleId: cycle.id,
			actor: actor.id,
			action: 'project.create',
			detail,
			at: now
		});
		return toProjectSummary(row);
	});
}

async function requireProject(tx: DbOrTx, cycle: CycleRow, code: string): Promise<repo.ProjectRow> {
	const project = await repo.findProject(tx, cycle.id, code);
	if (!project) throw notFound(`Project ${code}`);
	return project;
}

export async function updateProject(
	deps: Deps,
	actor: Actor,
	p: { slug: string; projectId: string },
	body: ProjectUpdateBody
): Promise<ProjectSummary> {
	authorizeStaff(actor, 'project.manage');
	const now = deps.now();
	return deps.db.transaction(async (tx) => {
		const cycle = await editableCycle(tx, p.slug);
		const project = await requireProject(tx, cycle, p.projectId);
		assertListed(cycle, 'category', body.category);
		assertAffordable(cycle, body.costCents);
		if (Object.values(body).every((v) => v === undefined)) return toProjectSummary(project);
		const row = await repo.updateProject(tx, project.id, body);
		const detail = { projectId: row.code, changes: body };
		await appendAudit(tx, {
			cycleId: cycle.id,
			actor: actor.id,
			action: 'project.update',
			detail,
			at: now
		});
		return toProjectSummary(row);
	});
}

export async function deleteProject(
	deps: Deps,
	actor: Actor,
	p: { slug: string; projectId: string }
): Promise<void> {
	authorizeStaff(actor, 'project.manage');
	const now = deps.now();
	await deps.db.transaction(async (tx) => {
		const cycle = await editableCycle(tx, p.slug);
		const project = await requireProject(tx, cycle, p.projectId);
		await repo.deleteProject(tx, project.id);
		const detail = { projectId: project.code, title: project.title };
		await appendAudit(tx, {
			cycleId: cycle.id,
			actor: actor.id,
			action: 'project.delete',
			detail,
			at: now
		});
	});
}
