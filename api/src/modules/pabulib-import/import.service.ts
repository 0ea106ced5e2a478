import type { ImportResult } from '@allot/shared';
import {
	PabulibError,
	parsePabulib,
	toElection,
	type Election,
	type ParsedPabulib
} from '@allot/shared/domain/pabulib/index';
import { sha256Hex } from '@allot/shared/domain/allocation/index';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../plugins/auth.ts';
import { actorName } from '../access-codes/access-codes.service.ts';
import { appendAudit } from '../audit/audit.repo.ts';
import { authorize } from '../auth/authorize.ts';
import { newReceipt } from '../ballots/voter-key.ts';
import * as map from './import-map.ts';
import * as repo from './import.repo.ts';

function readFile(text: string): { parsed: ParsedPabulib; election: Election } {
	try {
		const parsed = parsePabulib(text);
		const election = toElection(parsed);
		if (election.instance.moneyScale > 100n) {
			const line = parsed.metaLines.budget ?? 1;
			throw new PabulibError(line, 'money with more than 2 decimals cannot be held in cents');
		}
		return { parsed, election };
	} catch (error) {
		if (!(error instanceof PabulibError)) throw error;
		throw new AppError('PABULIB_INVALID', 400, error.message, { line: error.line });
	}
}

/** The slug asked for (409 if taken) or one made from the META, with -2, -3… when taken. */
async function chooseSlug(
	deps: Deps,
	meta: Record<string, string>,
	asked?: string
): Promise<string> {
	if (asked) {
		if ((await repo.slugsLike(deps.db, asked)).has(asked)) {
			throw new AppError('SLUG_TAKEN', 409, `The slug ${asked} is taken`);
		}
		return asked;
	}
	const base = map.slugFromMeta(meta);
	const taken = await repo.slugsLike(deps.db, base);
	let slug = base;
	for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
	return slug;
}

const cents = (amount: bigint, scale: bigint) => Number((amount * 100n) / scale);

/**
 * Creates a cycle from a pabulib file: its projects (ids and order kept), its ballots (channel
 * `import`), phase `tallying` so the rules can be previewed at once. The file's META is kept in
 * the audit entry (the `from-file` rule reads it, and it records where the data came from).
 */
export async function importPabulib(
	deps: Deps,
	actor: Actor,
	text: string,
	asked?: string
): Promise<ImportResult> {
	authorize(actor, 'pabulib.import');
	const { parsed, election } = readFile(text);
	const { meta } = parsed;
	const scale = election.instance.moneyScale;
	const slug = await chooseSlug(deps, meta, asked);
	const at = deps.now();
	const rules = map.rulesFromFile(election, meta);
	const allocation = map.allocationFromFile(election, meta);
	const fileSha256 = await sha256Hex(text);
	await deps.db.transaction(async (tx) => {
		const cycleId = await repo.insertCycle(tx, {
			slug,
			name: map.cycleName(meta),
			description: `Imported from a pabulib file. ${meta.description ?? ''}`
				.trim()
				.slice(0, 10_000),
			potCents: cents(election.instance.budget, scale),
			currency: /^[A-Za-z]{3}$/.test(meta.currency ?? '') ? meta.currency!.toUpperCase() : 'XXX',
			eligibility: {
				minAge: 0,
				maxAge: 130,
				asOf: at.toISOString().slice(0, 10),
				residency: ['live', 'work', 'school']
			},
			ballotRules: rules,
			allocation,
			phase: 'tallying',
			rulesLockedAt: at,
			createdAt: at,
			updatedAt: at
		});
		await repo.insertProjects(
			tx,
			parsed.projects.map((row, position) => ({
				cycleId,
				code: row.project_id!,
				title: (row.name && row.name.toLowerCase() !== 'none'
					? row.name
					: `Project ${row.project_id}`
				).slice(0, 200),
				description: row.description ?? '',
				costCents: cents(election.instance.projects[position]!.cost, scale),
				category:
					row.category && row.category.toLowerCase() !== 'none' ? row.category.slice(0, 100) : null,
				position,
				createdAt: at
			}))
		);
		const rows = parsed.votes.map((row) => ({
			voterKey: `import:${row.voter_id}`,
			content: map.ballotContent(row, election),
			receipt: newReceipt(),
			ageBracket: map.bracketOf(row),
			neighborhood: map.neighborhoodOf(row)
		}));
		await repo.insertBallots(tx, { cycleId, at, rows });
		const detail = {
			slug,
			fileSha256,
			meta,
			projects: parsed.projects.length,
			ballots: parsed.votes.length,
			warnings: election.warnings
		};
		await appendAudit(tx, {
			cycleId,
			actor: actorName(actor),
			action: 'pabulib.imported',
			detail,
			at
		});
	});
	return {
		slug,
		name: map.cycleName(meta),
		projects: parsed.projects.length,
		ballots: parsed.votes.length,
		voteType: election.voteType,
		allocation,
		warnings: election.warnings
	};
}
