import type { PublishedResults, ReceiptCheck, ReceiptList } from '@allot/shared';
import { normalizeReceipt } from '@allot/shared/domain/receipts';
import { parsePabulib } from '@allot/shared/domain/pabulib/index';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../plugins/auth.ts';
import { can } from '@allot/shared/domain/policy';
import { CLOSED_PHASES, requireCycle, requirePhase } from '../ballots/cycle-access.ts';
import { cachedBallotSet } from '../results/ballot-set.ts';
import * as results from '../results/results.repo.ts';

/**
 * The anonymised ballot set as a pabulib file: for admins once the vote closed, for everyone once
 * the result is published. A published cycle is exported with the pot and currency recorded at
 * publication, so the file keeps hashing to the published manifest.
 */
export async function exportPabulib(deps: Deps, actor: Actor, slug: string) {
	const cycle = await requireCycle(deps.db, slug);
	const published = await results.findPublished(deps.db, cycle.id);
	if (!published) {
		if (!can(actor, 'results.export', { cycleId: cycle.id })) {
			throw new AppError(
				'NOT_PUBLISHED',
				404,
				`The ballots of ${slug} are published with the results`
			);
		}
		requirePhase(cycle, CLOSED_PHASES, 'Exporting ballots');
	}
	const outcome = published?.outcome as PublishedResults | undefined;
	const snapshot = outcome && { potCents: outcome.potCents, currency: outcome.currency };
	const set = await cachedBallotSet(deps.db, cycle, snapshot);
	return { slug, text: set.text, sha256: set.sha256 };
}

const csvCell = (cell: string | number | boolean) => {
	const text = String(cell);
	return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};
const csv = (rows: (string | number | boolean)[][]) =>
	rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** One row per ballot project: cost, score, funded amount, selection order and reason. */
export function resultsCsv(r: PublishedResults): string {
	const order = new Map(r.funded.map((f, i) => [f.id, i + 1]));
	const reasons = new Map([...r.unfunded, ...r.funded].map((p) => [p.id, p.reason]));
	const header = [
		'project_id',
		'title',
		'cost_cents',
		'score',
		'funded',
		'funded_cents',
		'selection_order',
		'reason'
	];
	const rows = r.projects.map((p) => [
		p.id,
		p.title,
		p.costCents,
		p.score,
		p.funded,
		p.fundedCents,
		order.get(p.id) ?? '',
		reasons.get(p.id) ?? ''
	]);
	return csv([header, ...rows]);
}

/** The ballots of export.pb as a plain CSV (same voter ids and order). */
export async function ballotsCsv(
	deps: Deps,
	actor: Actor,
	slug: string
): Promise<{ slug: string; text: string }> {
	const { text } = await exportPabulib(deps, actor, slug);
	const parsed = parsePabulib(text);
	const hasPoints = parsed.voteColumns.includes('points');
	const header = hasPoints ? ['voter_id', 'vote', 'points'] : ['voter_id', 'vote'];
	const rows = parsed.votes.map((v) => header.map((h) => v[h] ?? ''));
	return { slug, text: csv([header, ...rows]) };
}

/** Counted receipt trackers, sorted (never in casting order), once the vote closed. */
export async function listReceipts(deps: Deps, slug: string): Promise<ReceiptList> {
	const cycle = await requireCycle(deps.db, slug);
	requirePhase(cycle, CLOSED_PHASES, 'Checking receipts');
	const items = await results.receipts(deps.db, cycle.id);
	return { count: items.length, items };
}

export async function checkReceipt(deps: Deps, slug: string, typed: string): Promise<ReceiptCheck> {
	const cycle = await requireCycle(deps.db, slug);
	requirePhase(cycle, CLOSED_PHASES, 'Checking receipts');
	const receipt = normalizeReceipt(typed);
	if (!receipt) return { receipt: typed, counted: false };
	return { receipt, counted: await results.hasReceipt(deps.db, { cycleId: cycle.id, receipt }) };
}
