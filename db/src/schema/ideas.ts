import { sql } from 'drizzle-orm';
import {
	check,
	doublePrecision,
	index,
	pgTable,
	primaryKey,
	text,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { at, cents, createdAt, id } from './columns.ts';
import { cycles } from './cycles.ts';
import { staffUsers } from './staff.ts';

export const ideas = pgTable(
	'ideas',
	{
		id: id(),
		cycleId: uuid()
			.notNull()
			.references(() => cycles.id, { onDelete: 'cascade' }),
		title: text().notNull(),
		description: text().notNull(),
		category: text(),
		neighborhood: text(),
		latitude: doublePrecision(),
		longitude: doublePrecision(),
		submitterAgeBracket: text(),
		/** private: shown to staff only, purged at archive */
		contact: text(),
		hiddenAt: at(),
		hiddenReason: text(),
		createdAt: createdAt()
	},
	(t) => [index('ideas_cycle_idx').on(t.cycleId, t.createdAt)]
);

export const feasibilities = ['pending', 'feasible', 'infeasible'] as const;

export const proposals = pgTable(
	'proposals',
	{
		id: id(),
		cycleId: uuid()
			.notNull()
			.references(() => cycles.id, { onDelete: 'cascade' }),
		title: text().notNull(),
		description: text().notNull(),
		category: text(),
		neighborhood: text(),
		reviewerId: uuid().references(() => staffUsers.id),
		feasibility: text({ enum: feasibilities }).notNull().default('pending'),
		/** public reason when infeasible ("why not on the ballot") */
		feasibilityReason: text(),
		costEstimateCents: cents(),
		notes: text().notNull().default(''),
		createdAt: createdAt(),
		updatedAt: at().notNull().defaultNow()
	},
	(t) => [
		index('proposals_cycle_idx').on(t.cycleId),
		check('proposal_cost_nonneg', sql`${t.costEstimateCents} >= 0`),
		check('proposal_feasibility_known', sql`${t.feasibility} in ('pending','feasible','infeasible')`)
	]
);

/** Which ideas a proposal merges (many ideas → one proposal). */
export const proposalIdeas = pgTable(
	'proposal_ideas',
	{
		proposalId: uuid()
			.notNull()
			.references(() => proposals.id, { onDelete: 'cascade' }),
		ideaId: uuid()
			.notNull()
			.references(() => ideas.id, { onDelete: 'cascade' })
	},
	// An idea is merged into at most one proposal, so its path to the ballot is never ambiguous.
	(t) => [
		primaryKey({ columns: [t.proposalId, t.ideaId] }),
		uniqueIndex('proposal_ideas_idea_uq').on(t.ideaId)
	]
);

export const commentTargets = ['idea', 'proposal'] as const;

export const comments = pgTable(
	'comments',
	{
		id: id(),
		cycleId: uuid()
			.notNull()
			.references(() => cycles.id, { onDelete: 'cascade' }),
		targetType: text({ enum: commentTargets }).notNull(),
		targetId: uuid().notNull(),
		authorName: text(),
		body: text().notNull(),
		hiddenAt: at(),
		hiddenReason: text(),
		createdAt: createdAt()
	},
	(t) => [
		index('comments_target_idx').on(t.targetType, t.targetId, t.createdAt),
		check('comment_target_known', sql`${t.targetType} in ('idea','proposal')`)
	]
);
