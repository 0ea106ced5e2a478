import type { FormIssue, Violation } from '$lib/ballot';
import type { I18n, MessageKey } from '$lib/i18n';
import { formatMoney } from '$lib/format';

/**
 * One sentence per violation in the reader's language, with the numbers checkBallot reports.
 * `name` turns a project id into its title.
 */
export function describe(
	v: Violation | FormIssue,
	i18n: I18n,
	currency: string,
	name: (id: string) => string
): string {
	const money = (cents: number) => formatMoney(cents, currency, i18n.lang);
	const key = `violation.${v.code}` as MessageKey;
	switch (v.code) {
		case 'UNKNOWN_PROJECT':
		case 'DUPLICATE_PROJECT':
		case 'NOT_A_NUMBER':
			return i18n.t(key, { project: name(v.projectId) });
		case 'INVALID_POINTS':
		case 'POINTS_OVER_MAX':
			return i18n.t(key, { project: name(v.projectId), ...('max' in v ? { max: v.max } : {}) });
		case 'OVER_BUDGET':
			return i18n.t(key, { over: money(v.overCents), cap: money(v.capCents) });
		case 'UNDER_MIN_SPEND':
			return i18n.t(key, { missing: money(v.missingCents), min: money(v.minCents), percent: v.minSpendPercent });
		case 'WRONG_BALLOT_SHAPE':
		case 'EMPTY_BALLOT':
			return i18n.t(key);
		default:
			return i18n.t(key, v as unknown as Record<string, number>);
	}
}
