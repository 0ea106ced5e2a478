import type { CycleDetail } from '@allot/shared';
import { error } from '@sveltejs/kit';
import type { BallotRules } from '$lib/ballot';
import { createApi } from '$lib/server/api';

/** The public cycle, or the page fails with the API's status (404 for an unknown slug). */
export async function getCycle(fetch: typeof globalThis.fetch, slug: string): Promise<CycleDetail> {
	const res = await createApi(fetch).get<CycleDetail>(`/cycles/${slug}`);
	if (!res.ok) error(res.problem.status === 404 ? 404 : 502, res.problem.title);
	return res.data;
}

export const rulesOf = (cycle: CycleDetail) => cycle.ballot as unknown as BallotRules;
