import type { Instance, Profile, TieBreak } from './types.ts';

/** A comparator over project ids: negative when `a` should win a tie against `b`. */
export type TieOrder = (a: string, b: string) => number;

/**
 * Builds the explicit tie-break order named in the outcome's params.
 * - `lexicographic`: smallest id in plain string order ("10" < "9"), as pabutools does.
 * - `file-order`: the order projects appear in the instance (pabulib checker's city greedy).
 * - `min-cost-max-votes`: cheaper first, then more supporters (equalshares.net); any tie left
 *   after that falls back to file order so the result is always deterministic.
 */
export function makeTieOrder(tie: TieBreak, instance: Instance, profile: Profile): TieOrder {
	const position = new Map(instance.projects.map((p, i) => [p.id, i]));
	const byFile: TieOrder = (a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0);
	if (tie === 'lexicographic') return (a, b) => (a < b ? -1 : a > b ? 1 : 0);
	if (tie === 'file-order') return byFile;
	const cost = new Map(instance.projects.map((p) => [p.id, p.cost]));
	const votes = supporterCounts(profile);
	return (a, b) => {
		const ca = cost.get(a) ?? 0n;
		const cb = cost.get(b) ?? 0n;
		if (ca !== cb) return ca < cb ? -1 : 1;
		const va = votes.get(a) ?? 0;
		const vb = votes.get(b) ?? 0;
		return vb - va || byFile(a, b);
	};
}

/** Number of voters listing each project (with multiplicity), whatever the ballot shape. */
export function supporterCounts(profile: Profile): Map<string, number> {
	const votes = new Map<string, number>();
	for (const ballot of profile.ballots) {
		ballot.projects.forEach((id, k) => {
			if (ballot.points && !(ballot.points[k]! > 0)) return;
			votes.set(id, (votes.get(id) ?? 0) + ballot.weight);
		});
	}
	return votes;
}
