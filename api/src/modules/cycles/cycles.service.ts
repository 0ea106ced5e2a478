import type {
	AllocationParams,
	BallotRules,
	CycleCreateBody,
	CycleDetail,
	CycleList,
	CycleUpdateBody,
	Eligibility,
	Timeline
} from '@allot/shared';
import type { DbOrTx } from '@allot/db';
import { checkParams, RuleParamsError } from '@allot/shared/domain/allocation/params';
import type { BallotShape } from '@allot/shared/domain/allocation/types';
import { phaseAllows, type PhaseActivity } from '@allot/shared/domain/phases';
import type { Actor } from '@allot/shared/domain/policy';
import { randomBytes } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { appendAudit } from '../audit/audit.repo.ts';
import { authorizeStaff } from '../auth/authorize.ts';
import { toProjectSummary } from '../projects/projects.mapper.ts';
import * as repo from './cycles.repo.ts';

export async function listCycles(deps: Deps): Promise<CycleList> {
	return { items: await repo.listCycles(deps.db) };
}

/** The cycle or 404; `lock` locks its row for the transaction (see the repo). */
export async function requireCycle(
	db: DbOrTx,
	slug: string,
	opts: { lock?: 'update' | 'share' } = {}
): Promise<repo.CycleRow> {
	const cycle = await repo.findCycleBySlug(db, slug, opts);
	if (!cycle) throw notFound(`Cycle ${slug}`);
	return cycle;
}

/** 409 PHASE_CLOSED unless the cycle's phase allows the activity. */
export function assertPhaseOpen(cycle: repo.CycleRow, activity: PhaseActivity): void {
	if (!phaseAllows(cycle.phase, activity)) {
		throw new AppError('PHASE_CLOSED', 409, `Not possible while the cycle is in ${cycle.phase}`, {
			phase: cycle.phase
		});
	}
}

/** 400 unless `value` is one of the cycle's categories (or neighbourhoods), when it lists any. */
export function assertListed(
	cycle: repo.CycleRow,
	field: 'category' | 'neighborhood',
	value?: string | null
) {
	const allowed = field === 'category' ? cycle.categories : cycle.neighborhoods;
	if (value == null || allowed.length === 0 || allowed.includes(value)) return;
	throw new AppError(
		'VALIDATION_FAILED',
		400,
		`${value} is not one of this cycle's ${field} values`,
		{
			errors: [{ path: `/${field}`, message: `one of: ${allowed.join(', ')}` }]
		}
	);
}

export function toCycleDetail(cycle: repo.CycleRow, projects: repo.ProjectRow[]): CycleDetail {
	return {
		slug: cycle.slug,
		name: cycle.name,
		description: cycle.description,
		phase: cycle.phase,
		potCents: cycle.potCents,
		currency: cycle.currency,
		projectCount: projects.length,
		categories: cycle.categories,
		neighborhoods: cycle.neighborhoods,
		eligibility: cycle.eligibility as Eligibility,
		ballot: cycle.ballotRules as BallotRules,
		allocation: cycle.allocation as AllocationParams,
		timeline: cycle.timeline as Timeline,
		retention: cycle.retention,
		rulesLocked: cycle.rulesLockedAt !== null,
		rulesLockedAt: cycle.rulesLockedAt?.toISOString() ?? null,
		projects: projects.map(toProjectSummary)
	};
}

export async function getCycle(deps: Deps, slug: string): Promise<CycleDetail> {
	const cycle = await requireCycle(deps.db, slug);
	return toCycleDetail(cycle, await repo.listProjects(deps.db, cycle.id));
}

const SHAPE: Record<BallotRules['kind'], BallotShape> = {
	ranked: 'ordinal',
	approval: 'approval',
	single: 'approval',
	knapsack: 'approval',
	cumulative: 'cumulative'
};

/**
 * Checks the allocation params against the ballot kind with the engine's own `checkParams`
 * (Borda needs ranked ballots, a threshold needs minScore, …) and returns them with the
 * engine's defaults filled in, so the stored rule states every choice.
 */
export function checkAllocation(params: AllocationParams, ballot: BallotRules): AllocationParams {
	if (params.rule === 'from-file') {
		throw new AppError(
			'RULE_PARAMS_INVALID',
			400,
			'from-file applies only to imported pabulib files'
		);
	}
	try {
		return checkParams(params, { shape: SHAPE[ballot.kind], ballots: [] });
	} catch (e) {
		if (e instanceof RuleParamsError) throw new AppError('RULE_PARAMS_INVALID', 400, e.message);
		throw e;
	}
}

function checkBudgetCap(ballot: BallotRules, potCents: number): void {
	if (ballot.kind === 'knapsack' && ballot.budgetCap !== undefined && ballot.budgetCap > potCents) {
		throw new AppError('VALIDATION_FAILED', 400, 'The knapsack budget cap is above the pot', {
			errors: [{ path: '/ballot/budgetCap', message: 'above potCents' }]
		});
	}
}

export async function createCycle(
	deps: Deps,
	actor: Actor,
	body: CycleCreateBody
): Promise<CycleDetail> {
	authorizeStaff(actor, 'cycle.create');
	const allocation = checkAllocation(body.allocation, body.ballot);
	checkBudgetCap(body.ballot, body.potCents);
	const now = deps.now();
	const { ballot, ...fields } = body;
	return deps.db.transaction(async (tx) => {
		const cycle = await repo.insertCycle(tx, {
			...fields,
			ballotRules: ballot,
			allocation,
			phase: 'draft',
			linkKey: randomBytes(32),
			createdAt: now,
			updatedAt: now
		});
		if (!cycle) throw new AppError('SLUG_TAKEN', 409, `The slug ${body.slug} is taken`);
		const detail = {
			slug: body.slug,
			name: body.name,
			potCents: body.potCents,
			ballot,
			allocation
		};
		await appendAudit(tx, {
			cycleId: cycle.id,
			actor: actor.id,
			action: 'cycle.create',
			detail,
			at: now
		});
		return toCycleDetail(cycle, []);
	});
}

/**
 * Checks the rules a PATCH would leave (the allocation rule against the ballot kind, the cap
 * against the pot) and returns the allocation to store when the PATCH sets one.
 */
function checkRuleChanges(
	cycle: repo.CycleRow,
	body: CycleUpdateBody
): AllocationParams | undefined {
	const ballot = body.ballot ?? (cycle.ballotRules as BallotRules);
	if (body.ballot || body.potCents !== undefined)
		checkBudgetCap(ballot, body.potCents ?? cycle.potCents);
	if (body.allocation) return checkAllocation(body.allocation, ballot);
	const stored = cycle.allocation as AllocationParams;
	// A new ballot kind must suit the stored rule; an imported cycle's from-file rule suits any.
	if (body.ballot && stored.rule !== 'from-file') checkAllocation(stored, ballot);
	return undefined;
}

/** Fields frozen once the first ballot is cast: changing them would change what votes mean. */
const LOCKED_FIELDS = ['ballot', 'allocation', 'eligibility', 'potCents', 'currency'] as const;

function assertEditable(cycle: repo.CycleRow, body: CycleUpdateBody): void {
	assertPhaseOpen(cycle, 'cycle.edit');
	const locked = LOCKED_FIELDS.filter((f) => body[f] !== undefined);
	if (cycle.rulesLockedAt && locked.length > 0) {
		throw new AppError(
			'RULES_LOCKED',
			409,
			`Ballots were cast: ${locked.join(', ')} can no longer change`,
			{
				fields: locked
			}
		);
	}
}

export async function updateCycle(
	deps: Deps,
	actor: Actor,
	slug: string,
	body: CycleUpdateBody
): Promise<CycleDetail> {
	authorizeStaff(actor, 'cycle.edit');
	const now = deps.now();
	return deps.db.transaction(async (tx) => {
		const cycle = await requireCycle(tx, slug, { lock: 'update' });
		assertEditable(cycle, body);
		const { ballot, allocation: _checkedBelow, ...fields } = body;
		const checked = checkRuleChanges(cycle, body);
		const changes = { ...fields, ballotRules: ballot, allocation: checked, updatedAt: now };
		const updated = await repo.updateCycle(tx, cycle.id, changes);
		await appendAudit(tx, {
			cycleId: cycle.id,
			actor: actor.id,
			action: 'cycle.update',
			detail: { slug, changes: body },
			at: now
		});
		return toCycleDetail(updated, await repo.listProjects(tx, cycle.id));
	});
}
