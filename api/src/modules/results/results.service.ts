import type {
	AllocationParams,
	CompareBody,
	Comparison,
	Outcome,
	PreviewBody,
	PublishedResults,
	PublicTurnout
} from '@allot/shared';
import { countBy, summarizeTurnout, suppressCells } from '@allot/shared/domain/turnout';
import type { DbOrTx } from '@allot/db';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../plugins/auth.ts';
import { actorName } from '../access-codes/access-codes.service.ts';
import { appendAudit } from '../audit/audit.repo.ts';
import { authorize } from '../auth/authorize.ts';
import {
	CLOSED_PHASES,
	requireCycle,
	requirePhase,
	type CycleRow
} from '../ballots/cycle-access.ts';
import { listProjects } from '../cycles/cycles.repo.ts';
import { listSites } from '../kiosk/kiosk.repo.ts';
import { cachedBallotSet } from './ballot-set.ts';
import * as repo from './results.repo.ts';
import { tally } from './tally-thread.ts';

/** The params a request asks for: its own with a `rule`, else the cycle's with its fields on top. */
export function resolveParams(cycle: CycleRow, body: PreviewBody | undefined): AllocationParams {
	const { overrides: _o, ...given } = body ?? {};
	if (given.rule) return given as AllocationParams;
	return { ...(cycle.allocation as AllocationParams), ...given } as AllocationParams;
}

async function closedCycle(
	deps: Deps,
	actor: Actor,
	slug: string,
	action: 'results.compute' | 'results.publish'
) {
	const cycle = await requireCycle(deps.db, slug);
	authorize(actor, action, { cycleId: cycle.id });
	requirePhase(cycle, CLOSED_PHASES, 'Counting');
	return cycle;
}

/** Runs any rule on the frozen ballots; nothing is stored. */
export async function preview(
	deps: Deps,
	actor: Actor,
	slug: string,
	body?: PreviewBody
): Promise<Outcome> {
	const cycle = await closedCycle(deps, actor, slug, 'results.compute');
	const set = await cachedBallotSet(deps.db, cycle);
	return tally(set, resolveParams(cycle, body), body?.overrides);
}

/** Several rules side by side on the same ballots (loaded and hashed once). */
export async function compare(
	deps: Deps,
	actor: Actor,
	slug: string,
	body: CompareBody
): Promise<Comparison> {
	const cycle = await closedCycle(deps, actor, slug, 'results.compute');
	const [set, projects] = await Promise.all([
		cachedBallotSet(deps.db, cycle),
		listProjects(deps.db, cycle.id)
	]);
	const items = await Promise.all(body.rules.map((params) => tally(set, params, body.overrides)));
	const fundedSets = items.map((o) => new Set(o.funded.map((f) => f.id)));
	return {
		items,
		projects: projects.map((p) => ({
			id: p.code,
			title: p.title,
			costCents: p.costCents,
			funded: fundedSets.map((s) => s.has(p.code))
		}))
	};
}

/** Published turnout: suppressed cells, polling sites by name. */
export async function publicTurnout(db: DbOrTx, cycleId: string): Promise<PublicTurnout> {
	const [rows, sites] = await Promise.all([repo.turnoutRows(db, cycleId), listSites(db, cycleId)]);
	const names = new Map(sites.map((s) => [s.id, s.name]));
	const inPerson = rows.filter((r) => r.siteId !== null);
	return {
		...summarizeTurnout(rows),
		bySite: suppressCells(countBy(inPerson, (r) => names.get(r.siteId!) ?? null))
	};
}

/** What GET …/results answers: the outcome with every project, the cycle and its turnout. */
export async function publishedPayload(
	db: DbOrTx,
	cycle: CycleRow,
	outcome: Outcome,
	at: Date
): Promise<PublishedResults> {
	const [projects, turnout] = await Promise.all([
		listProjects(db, cycle.id),
		publicTurnout(db, cycle.id)
	]);
	const funded = new Map(outcome.funded.map((f) => [f.id, f]));
	const scores = new Map([...outcome.unfunded, ...outcome.funded].map((p) => [p.id, p.score]));
	return {
		...outcome,
		slug: cycle.slug,
		name: cycle.name,
		currency: cycle.currency,
		potCents: cycle.potCents,
		publishedAt: at.toISOString(),
		projects: projects.map((p) => ({
			id: p.code,
			title: p.title,
			costCents: p.costCents,
			score: scores.get(p.code) ?? '0',
			funded: funded.has(p.code),
			fundedCents: funded.get(p.code)?.costCents ?? 0
		})),
		turnout
	};
}

/**
 * Publishes the outcome (the cycle's rule unless the body names another, with audited
 * overrides) and opens the results phase, in one transaction. The outcome is computed before
 * the transaction (ballots cannot change in tallying); the phase is re-checked under the lock.
 */
export async function publish(
	deps: Deps,
	actor: Actor,
	slug: string,
	body?: PreviewBody
): Promise<PublishedResults> {
	const cycle = await closedCycle(deps, actor, slug, 'results.publish');
	requirePhase(cycle, ['tallying'], 'Publishing');
	const set = await cachedBallotSet(deps.db, cycle);
	const outcome = await tally(set, resolveParams(cycle, body), body?.overrides);
	const at = deps.now();
	const payload = await publishedPayload(deps.db, cycle, outcome, at);
	const who = actorName(actor);
	await deps.db.transaction(async (tx) => {
		const locked = await repo.lockCycle(tx, cycle.id);
		requirePhase({ ...cycle, phase: locked!.phase }, ['tallying'], 'Publishing');
		const createdBy = actor.kind === 'staff' ? actor.id : null;
		const record = {
			cycleId: cycle.id,
			params: outcome.params,
			outcome: payload,
			overrides: outcome.overrides
		};
		await repo.insertPublished(tx, { ...record, ballotsSha256: set.sha256, createdBy, at });
		const funded = outcome.funded.map((f) => f.id);
		const detail = {
			ballotsSha256: set.sha256,
			params: outcome.params,
			overrides: outcome.overrides,
			funded
		};
		await appendAudit(tx, {
			cycleId: cycle.id,
			actor: who,
			action: 'results.published',
			detail,
			at
		});
		await repo.setPhase(tx, { cycleId: cycle.id, phase: 'results', at });
		const change = {
			slug: cycle.slug,
			from: 'tallying',
			to: 'results',
			reason: 'results published'
		};
		await appendAudit(tx, {
			cycleId: cycle.id,
			actor: who,
			action: 'cycle.phase',
			detail: change,
			at
		});
	});
	return payload;
}

/** The published result, public; 404 NOT_PUBLISHED before. */
export async function getPublished(deps: Deps, slug: string): Promise<PublishedResults> {
	const cycle = await requireCycle(deps.db, slug);
	const row = await repo.findPublished(deps.db, cycle.id);
	if (!row)
		throw new AppError('NOT_PUBLISHED', 404, `The results of ${slug} are not published yet`);
	return row.outcome as PublishedResults;
}
