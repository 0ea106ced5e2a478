/** How `allot tally` prints an outcome: a readable table, or one JSON object. */
import type { Manifest } from '../../shared/src/domain/allocation/index.ts';
import {
	formatMoney,
	groupThousands,
	moneyToDecimal
} from '../../shared/src/domain/allocation/outcome-format.ts';
import type { Instance, Outcome } from '../../shared/src/domain/allocation/types.ts';

export interface TallyReport {
	file: string;
	instance: Instance;
	voters: number;
	outcome: Outcome;
	manifest: Manifest;
	warnings: string[];
}

/** The `--json` object: ids in selection order, exact decimal money, every reason. */
export function reportJson(r: TallyReport): Record<string, unknown> {
	const money = (x: bigint) => moneyToDecimal(x, r.instance.moneyScale);
	const explain = (p: { id: string; cost: bigint; score: string; reason: string }) => ({
		id: p.id,
		cost: money(p.cost),
		score: p.score,
		reason: p.reason
	});
	const json: Record<string, unknown> = {
		funded: r.outcome.funded.map((p) => p.id),
		spent: money(r.outcome.spent),
		left: money(r.outcome.left),
		budget: money(r.instance.budget)
	};
	if (r.outcome.welfare !== undefined) json.welfare = r.outcome.welfare;
	Object.assign(json, {
		unfunded: r.outcome.unfunded.map((p) => p.id),
		params: r.outcome.params,
		manifest: r.manifest,
		details: { funded: r.outcome.funded.map(explain), unfunded: r.outcome.unfunded.map(explain) },
		notes: r.outcome.notes ?? {},
		voters: r.voters,
		warnings: r.warnings
	});
	return json;
}

function table(header: string[], rows: string[][], rightAligned: Set<number>): string[] {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
	const line = (cells: string[]) =>
		cells
			.map((c, i) => {
				if (i === cells.length - 1) return c;
				return rightAligned.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!);
			})
			.join('  ');
	return [line(header), ...rows.map(line)];
}

function paramsText(params: Outcome['params']): string {
	const { rule, ...rest } = params;
	const parts = Object.entries(rest).map(([k, v]) => `${k} ${String(v)}`);
	return parts.length ? `${rule} (${parts.join(', ')})` : rule;
}

/** The default readable report: funded in order with cost, score and reason; then the rest. */
export function reportTable(r: TallyReport): string {
	const money = (x: bigint) => formatMoney(x, r.instance.moneyScale);
	const { outcome } = r;
	const out = [
		`${r.file}: ${paramsText(outcome.params)}`,
		`budget ${money(r.instance.budget)}, ${groupThousands(String(r.voters))} voters, ${r.instance.projects.length} projects`,
		'',
		`Funded (${outcome.funded.length}), in selection order:`
	];
	const funded = outcome.funded.map((p, i) => [
		String(i + 1),
		p.id,
		money(p.cost),
		groupThousands(p.score),
		p.reason
	]);
	out.push(
		...table(['#', 'project', 'cost', 'score', 'reason'], funded, new Set([0, 2, 3])).map(
			(l) => `  ${l}`
		)
	);
	if (outcome.unfunded.length > 0) {
		out.push('', `Not funded (${outcome.unfunded.length}):`);
		const unfunded = outcome.unfunded.map((p) => [
			p.id,
			money(p.cost),
			groupThousands(p.score),
			p.reason
		]);
		const lines = table(['project', 'cost', 'score', 'reason'], unfunded, new Set([1, 2]));
		out.push(...lines.map((l) => `  ${l}`));
	}
	out.push(
		'',
		`Spent ${money(outcome.spent)} of ${money(r.instance.budget)}; left ${money(outcome.left)}`
	);
	if (outcome.welfare !== undefined) out.push(`Welfare ${groupThousands(outcome.welfare)}`);
	for (const [key, value] of Object.entries(outcome.notes ?? {})) out.push(`${key}: ${value}`);
	for (const warning of r.warnings) out.push(`warning: ${warning}`);
	out.push(`engine ${r.manifest.engineVersion}, ballots sha256 ${r.manifest.ballotsSha256}`);
	return `${out.join('\n')}\n`;
}
