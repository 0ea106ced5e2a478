import type { BallotInput, BallotRules, Violation } from '@allot/shared/domain/ballot-rules';

export type { BallotInput, BallotRules, Violation };

/** Field names of the plain-HTML ballot form, shared by the page, the enhancer and the action. */
export const field = {
	rank: (id: string) => `rank:${id}`,
	points: (id: string) => `points:${id}`,
	approve: 'approve',
	choice: 'choice'
} as const;

/** A ballot as the voting form edits it: one shape for every kind, converted at the edges. */
export interface Draft {
	ranking: string[];
	approvals: string[];
	points: Record<string, number>;
}

export const emptyDraft = (): Draft => ({ ranking: [], approvals: [], points: {} });

export function draftFromBallot(ballot: BallotInput | undefined | null): Draft {
	const d = emptyDraft();
	if (!ballot) return d;
	if ('ranking' in ballot) d.ranking = [...ballot.ranking];
	if ('approvals' in ballot) d.approvals = [...ballot.approvals];
	if ('points' in ballot) d.points = { ...ballot.points };
	return d;
}

export function ballotFromDraft(rules: BallotRules, d: Draft): BallotInput {
	if (rules.kind === 'ranked') return { ranking: d.ranking };
	if (rules.kind === 'cumulative') {
		return { points: Object.fromEntries(Object.entries(d.points).filter(([, v]) => v > 0)) };
	}
	return { approvals: d.approvals };
}

/** A web-only problem: two projects given the same rank in the no-JavaScript form. */
export type FormIssue = { code: 'DUPLICATE_RANK'; rank: number } | { code: 'NOT_A_NUMBER'; projectId: string };

/**
 * Reads the plain form (rank selects, checkboxes, radios or point inputs) into a ballot.
 * Ranks may have gaps (1, 3 → first, second); two projects on one rank is an issue.
 */
export function ballotFromForm(
	rules: BallotRules,
	projectIds: readonly string[],
	form: FormData
): { ballot: BallotInput; issues: FormIssue[] } {
	const issues: FormIssue[] = [];
	if (rules.kind === 'ranked') {
		const ranked: { id: string; rank: number }[] = [];
		for (const id of projectIds) {
			const rank = Number(form.get(field.rank(id)) || 0);
			if (Number.isInteger(rank) && rank > 0) ranked.push({ id, rank });
		}
		ranked.sort((a, b) => a.rank - b.rank);
		for (let i = 1; i < ranked.length; i++) {
			if (ranked[i]!.rank === ranked[i - 1]!.rank) issues.push({ code: 'DUPLICATE_RANK', rank: ranked[i]!.rank });
		}
		return { ballot: { ranking: ranked.map((r) => r.id) }, issues };
	}
	if (rules.kind === 'cumulative') {
		const points: Record<string, number> = {};
		for (const id of projectIds) {
			const raw = String(form.get(field.points(id)) ?? '').trim();
			if (raw === '') continue;
			const value = Number(raw);
			if (!Number.isSafeInteger(value) || value < 0) issues.push({ code: 'NOT_A_NUMBER', projectId: id });
			else if (value > 0) points[id] = value;
		}
		return { ballot: { points }, issues };
	}
	const known = new Set(projectIds);
	const chosen =
		rules.kind === 'single'
			? form.getAll(field.choice).map(String)
			: form.getAll(field.approve).map(String);
	return { ballot: { approvals: chosen.filter((id) => known.has(id)) }, issues };
}

/** The ids on a ballot in the order to show them back to the voter. */
export function ballotIds(ballot: BallotInput): string[] {
	if ('ranking' in ballot) return ballot.ranking;
	if ('approvals' in ballot) return ballot.approvals;
	return Object.keys(ballot.points);
}
