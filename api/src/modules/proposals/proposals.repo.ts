import { proposalIdeas, proposals, type DbOrTx } from '@allot/db';
import type { Feasibility } from '@allot/shared';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';

export type ProposalRow = typeof proposals.$inferSelect & {
	ideaIds: string[];
	projectCode: string | null;
};
export type NewProposal = typeof proposals.$inferInsert;

// A proposal with the ideas it merges and the ballot project it became, in one query. The
// subqueries name tables explicitly: inside them, a bare "id" would be the inner table's.
const ideaIds = sql<string[]>`coalesce((select array_agg(pi.idea_id::text order by pi.idea_id)
	from proposal_ideas pi where pi.proposal_id = ${proposals}.id), '{}')`;
const projectCode = sql<
	string | null
>`(select pr.code from projects pr where pr.proposal_id = ${proposals}.id limit 1)`;

async function select(db: DbOrTx, where: SQL | undefined): Promise<ProposalRow[]> {
	const rows = await db
		.select({ proposal: proposals, ideaIds, projectCode })
		.from(proposals)
		.where(where)
		.orderBy(asc(proposals.createdAt), asc(proposals.id));
	return rows.map((r) => ({ ...r.proposal, ideaIds: r.ideaIds, projectCode: r.projectCode }));
}

export async function findProposal(
	db: DbOrTx,
	cycleId: string,
	id: string
): Promise<ProposalRow | undefined> {
	const [row] = await select(db, and(eq(proposals.cycleId, cycleId), eq(proposals.id, id)));
	return row;
}

export async function listProposals(
	db: DbOrTx,
	cycleId: string,
	feasibility?: Feasibility
): Promise<ProposalRow[]> {
	const byFeasibility = feasibility ? eq(proposals.feasibility, feasibility) : undefined;
	return select(db, and(eq(proposals.cycleId, cycleId), byFeasibility));
}

/** Which of `ideaIds` are already merged into some proposal. */
export async function mergedIdeaIds(db: DbOrTx, ids: string[]): Promise<string[]> {
	const rows = await db
		.select({ id: proposalIdeas.ideaId })
		.from(proposalIdeas)
		.where(inArray(proposalIdeas.ideaId, ids));
	return rows.map((r) => r.id);
}

export async function insertProposal(
	db: DbOrTx,
	values: NewProposal,
	ideas: string[]
): Promise<string> {
	const [row] = await db.insert(proposals).values(values).returning({ id: proposals.id });
	await db.insert(proposalIdeas).values(ideas.map((ideaId) => ({ proposalId: row!.id, ideaId })));
	return row!.id;
}

export async function updateProposal(
	db: DbOrTx,
	id: string,
	changes: Partial<NewProposal>
): Promise<void> {
	await db.update(proposals).set(changes).where(eq(proposals.id, id));
}
