import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cents, createdAt, id } from './columns.ts';
import { cycles } from './cycles.ts';
import { proposals } from './ideas.ts';

/** Translations of a project's texts keyed by language: { es: { title, summary, imageAlt } }. */
export type ProjectTranslations = Record<
	string,
	{ title?: string; summary?: string; imageAlt?: string }
>;

export const projects = pgTable(
	'projects',
	{
		id: id(),
		cycleId: uuid()
			.notNull()
			.references(() => cycles.id, { onDelete: 'cascade' }),
		/** short id unique in its cycle, like pabulib's project_id; ballots reference it */
		code: text().notNull(),
		title: text().notNull(),
		summary: text().notNull().default(''),
		description: text().notNull().default(''),
		translations: jsonb().$type<ProjectTranslations>().notNull().default({}),
		costCents: cents().notNull(),
		category: text(),
		imageUrl: text(),
		imageAlt: text(),
		proposalId: uuid().references(() => proposals.id),
		position: integer().notNull().default(0),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('projects_cycle_code_uq').on(t.cycleId, t.code),
		check('project_cost_nonneg', sql`${t.costCents} >= 0`)
	]
);
