import type { ReceiptCheck } from '@allot/shared/contracts/results';
import { createApi } from '$lib/server/api';
import type { PageServerLoad } from './$types';

/** A GET form, so the result has a shareable address and works without JavaScript. */
export const load: PageServerLoad = async ({ url, fetch, params }) => {
	const receipt = url.searchParams.get('receipt')?.trim() ?? '';
	if (!receipt) return { receipt, result: null, code: null };
	const res = await createApi(fetch).get<ReceiptCheck>(
		`/cycles/${params.slug}/receipts/${encodeURIComponent(receipt)}`
	);
	if (res.ok) return { receipt, result: res.data, code: null };
	return { receipt, result: null, code: res.problem.code };
};
