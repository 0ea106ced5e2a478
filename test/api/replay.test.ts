import {
	computeScores,
	formatRational,
	type ScoreKind
} from '@allot/shared/domain/allocation/index';
import { parsePabulib, toElection } from '@allot/shared/domain/pabulib/index';
import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { adminToken, bearer } from '../helpers/factories.ts';

/**
 * Replays the real elections of test/fixtures/pabulib through the API: each file is imported
 * with POST /api/import/pabulib, then the reference rules (rules.json, as CLI flags) are
 * previewed with POST /results/preview and compared with pabutools' outcomes
 * (reference_outcomes.json): the funded set, or for max-welfare the welfare value (several
 * optima may exist). Files over 500 KB are imported and checked with two fast rules only, so
 * the suite stays within the time budget.
 */
const dir = new URL('../fixtures/pabulib/', import.meta.url);
const json = (name: string) => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
const rules: Record<string, string[]> = json('rules.json');
const reference: Record<string, Record<string, string[]>> = json('reference_outcomes.json');
const LARGE = 500 * 1024;
/** the rules checked on large files, when the reference has them */
const LARGE_RULES = ['greedy_cost_sat', 'greedy_pabulib_score', 'mes_cost'];

/** `--rule mes --utility cost` → `{ rule: 'mes', utility: 'cost' }` */
function toParams(args: string[]): Record<string, string | number> {
	const params: Record<string, string | number> = {};
	for (let i = 0; i < args.length; i += 2) {
		const key = args[i]!.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
		params[key] = key === 'minScore' ? Number(args[i + 1]) : args[i + 1]!;
	}
	return params;
}

/** The welfare of a funded set: approvals (card) or points of its projects, summed exactly. */
function welfareOf(file: string, key: string, funded: string[]): string {
	const { profile } = toElection(parsePabulib(readFileSync(new URL(file, dir), 'utf8')));
	const kind: ScoreKind = key === 'max_welfare_points' ? 'points' : 'votes';
	const scores = computeScores(profile, kind);
	const total = funded.reduce((sum, id) => sum + (scores.values.get(id) ?? 0n), 0n);
	return formatRational(total, scores.scale);
}

const cases = Object.entries(reference).flatMap(([file, outcomes]) => {
	const large = statSync(new URL(file, dir)).size > LARGE;
	const keys = Object.keys(outcomes).filter((k) => rules[k] && (!large || LARGE_RULES.includes(k)));
	return [{ file, large, keys: large ? keys.slice(0, 2) : keys }];
});

let t: TestContext;
const tally = { agree: 0, total: 0 };
beforeAll(async () => {
	// a long allocation blocks the event loop by design here: do not shed the next request
	t = await createTestApp({ OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0' });
});
afterAll(async () => {
	console.log(
		`replay: ${tally.agree}/${tally.total} reference outcomes reproduced through the API`
	);
	await t.close();
});

describe.each(cases)('$file', ({ file, keys }) => {
	let slug = '';
	it('imports through POST /api/import/pabulib', async () => {
		const res = await t.app.inject({
			method: 'POST',
			url: '/api/import/pabulib',
			headers: { 'content-type': 'text/plain', ...bearer(await adminToken(t)) },
			payload: readFileSync(new URL(file, dir), 'utf8')
		});
		expect(res.statusCode, res.body).toBe(201);
		slug = res.json().slug;
	});

	it.each(keys)('previews %s as pabutools computed it', async (key) => {
		const res = await t.app.inject({
			method: 'POST',
			url: `/api/cycles/${slug}/results/preview`,
			headers: bearer(await adminToken(t)),
			payload: toParams(rules[key]!)
		});
		expect(res.statusCode, res.body).toBe(200);
		const funded = res.json().funded.map((f: { id: string }) => f.id) as string[];
		const expected = reference[file]![key]!;
		tally.total++;
		if (key.startsWith('max_welfare')) {
			expect(res.json().welfare).toBe(welfareOf(file, key, expected));
		} else {
			expect([...funded].sort()).toEqual([...expected].sort());
		}
		tally.agree++;
	});
});
