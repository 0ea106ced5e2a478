/**
 * Turnout statistics safe to publish about minors: counts by day, channel, age bracket and
 * neighbourhood where any cell under 10 people is suppressed. Primary suppression alone leaks:
 * with the total published, a single hidden cell equals the total minus the others, so when
 * exactly one cell of a breakdown is hidden, the next smallest is hidden too (secondary
 * suppression, the standard disclosure-control step).
 */

export const SUPPRESSION_THRESHOLD = 10;

export interface TurnoutCell {
	key: string;
	/** null when suppressed */
	count: number | null;
	suppressed: boolean;
}

/** One counted ballot as the statistics see it: no identity, only the published dimensions. */
export interface TurnoutRow {
	/** UTC day of the first submission, YYYY-MM-DD */
	day: string;
	channel: string;
	ageBracket: string | null;
	neighborhood: string | null;
}

export interface TurnoutSummary {
	total: number;
	threshold: number;
	byDay: TurnoutCell[];
	byChannel: TurnoutCell[];
	byAgeBracket: TurnoutCell[];
	byNeighborhood: TurnoutCell[];
}

/**
 * Suppresses counts in 1..threshold-1 and, when exactly one cell is hidden, also the smallest
 * visible one (ties: the first in key order). Zero counts do not occur: only seen keys are cells.
 */
export function suppressCells(
	counts: readonly { key: string; count: number }[],
	threshold = SUPPRESSION_THRESHOLD
): TurnoutCell[] {
	const hidden = new Set(counts.filter((c) => c.count < threshold).map((c) => c.key));
	if (hidden.size === 1) {
		const next = counts
			.filter((c) => !hidden.has(c.key))
			.sort((a, b) => a.count - b.count || (a.key < b.key ? -1 : 1))[0];
		if (next) hidden.add(next.key);
	}
	return counts.map((c) =>
		hidden.has(c.key)
			? { key: c.key, count: null, suppressed: true }
			: { key: c.key, count: c.count, suppressed: false }
	);
}

/** Counts per key, sorted by key; a null key becomes `unknown`. */
export function countBy<T>(rows: readonly T[], keyOf: (row: T) => string | null) {
	const counts = new Map<string, number>();
	for (const row of rows) {
		const key = keyOf(row) ?? 'unknown';
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return [...counts]
		.map(([key, count]) => ({ key, count }))
		.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The published turnout of a cycle from its counted ballots. */
export function summarizeTurnout(
	rows: readonly TurnoutRow[],
	threshold = SUPPRESSION_THRESHOLD
): TurnoutSummary {
	const breakdown = (keyOf: (row: TurnoutRow) => string | null) =>
		suppressCells(countBy(rows, keyOf), threshold);
	return {
		total: rows.length,
		threshold,
		byDay: breakdown((r) => r.day),
		byChannel: breakdown((r) => r.channel),
		byAgeBracket: breakdown((r) => r.ageBracket),
		byNeighborhood: breakdown((r) => r.neighborhood)
	};
}
