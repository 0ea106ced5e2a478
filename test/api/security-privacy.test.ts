import { createHmac } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCycleBySlug } from '../../api/src/modules/cycles/cycles.repo.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { adminToken, bearer, setPhase, staffToken, votingCycle } from '../helpers/factories.ts';
import { adminPost, generateCodes, newVoter, putBallot } from '../helpers/voting.ts';

/**
 * The secret ballot, from the outside and from the inside: no answer of the API pairs ballot
 * content with a voter identity, and once a cycle is archived even someone holding the whole
 * database cannot tell whose ballot is whose.
 */

let t: TestContext;
let slug: string;
let voterIds: string[];
let voterTokens: string[];
const BALLOTS = [['P03', 'P01'], ['P02'], ['P01', 'P02', 'P03']];

const rows = async <T>(query: SQL) =>
	((await t.deps.db.execute(query)) as unknown as { rows: T[] }).rows;
const hmac = (key: Buffer | string, id: string) =>
	createHmac('sha256', key).update(id).digest('hex');

beforeAll(async () => {
	t = await createTestApp();
	slug = (await votingCycle(t, {}, 3)).slug;
	const { codes } = await generateCodes(t, slug, BALLOTS.length);
	voterTokens = [];
	for (const code of codes) voterTokens.push(await newVoter(t, slug, code));
	voterIds = voterTokens.map((tok) => t.app.jwt.decode<{ sub: string }>(tok)!.sub);
	for (const [i, ranking] of BALLOTS.entries()) {
		const res = await putBallot(t, slug, voterTokens[i]!, { ranking });
		expect(res.statusCode, res.body).toBe(200);
	}
}, 120_000);
afterAll(() => t?.close());

/** Every GET of the OpenAPI document, with this test's cycle in the path. */
async function everyGet(): Promise<string[]> {
	const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
	return Object.entries<Record<string, unknown>>(doc.paths)
		.filter(([, ops]) => 'get' in ops)
		.map(([path]) =>
			path.replace('{slug}', slug).replace(/\{\w+\}/g, '00000000-0000-0000-0000-000000000000')
		);
}

describe('no answer pairs a ballot with a voter', () => {
	it('holds for every GET endpoint, as every role, while voting and after publication', async () => {
		const roles = await Promise.all(
			(['reviewer', 'moderator', 'poll_worker'] as const).map((r) => staffToken(t, r))
		);
		const callers = [await adminToken(t), ...roles.map((r) => r.token), voterTokens[0]!, ''];
		const cycle = (await findCycleBySlug(t.deps.db, slug))!;
		const keys = voterIds.map((id) => hmac(cycle.linkKey!, id));
		const seen = async (stage: string) => {
			for (const url of await everyGet()) {
				for (const token of callers) {
					const res = await t.app.inject({
						method: 'GET',
						url,
						headers: token ? bearer(token) : {}
					});
					for (const secret of [...voterIds, ...keys]) {
						expect(res.body.includes(secret), `${stage}: GET ${url} shows a voter identity`).toBe(
							false
						);
					}
				}
			}
		};
		await seen('voting');
		await setPhase(t, slug, 'tallying');
		expect((await adminPost(t, `/api/cycles/${slug}/results/publish`, {})).statusCode).toBe(200);
		await seen('published');
		// The exports do carry the ballots: anonymised, never with the voter behind them.
		const csv = await t.app.inject({ method: 'GET', url: `/api/cycles/${slug}/ballots.csv` });
		expect(csv.statusCode).toBe(200);
		expect(csv.body).toContain('P03');
	}, 120_000);
});

describe('after archive', () => {
	it('the link key is gone and no voter key can be recomputed from anything stored', async () => {
		const before = (await findCycleBySlug(t.deps.db, slug))!;
		const linkKey = Buffer.from(before.linkKey!);
		const stored = async () =>
			new Set(
				(
					await rows<{ voter_key: string }>(
						sql`select voter_key from ballots where cycle_id = ${before.id}`
					)
				).map((r) => r.voter_key)
			);
		// Before: whoever holds the link key can tie each ballot to its voter.
		expect([...(await stored())].sort()).toEqual(voterIds.map((id) => hmac(linkKey, id)).sort());

		for (const phase of ['implementation', 'archived']) await setPhase(t, slug, phase);
		const after = (await findCycleBySlug(t.deps.db, slug))!;
		expect(after.linkKey).toBeNull();
		const keys = await stored();
		expect(keys.size).toBe(BALLOTS.length);

		// Nothing in the database holds the old key: no column of any table, in any encoding.
		const dump = (
			await rows<{ t: string }>(sql`select string_agg(x::text, '|') as t from (
				select to_jsonb(c.*)::text as x from cycles c union all
				select to_jsonb(a.*)::text from audit_events a union all
				select to_jsonb(v.*)::text from voters v union all
				select to_jsonb(b.*)::text from ballots b
			) all_rows`)
		)[0]!.t;
		for (const encoded of [
			linkKey.toString('hex'),
			linkKey.toString('base64'),
			linkKey.toString('base64url')
		]) {
			expect(dump.includes(encoded), `the link key is still stored (${encoded.slice(0, 8)}…)`).toBe(
				false
			);
		}
		// And no key that is stored (any bytea column, any id) links a voter to a ballot.
		const candidates: (Buffer | string)[] = [
			'',
			before.id,
			slug,
			...(
				await rows<{ k: Buffer | Uint8Array }>(
					sql`select link_key as k from cycles where link_key is not null`
				)
			).map((r) => Buffer.from(r.k))
		];
		const voters = await rows<{ id: string }>(
			sql`select id from voters where cycle_id = ${before.id}`
		);
		for (const key of candidates) {
			for (const v of voters) expect(keys.has(hmac(key, v.id))).toBe(false);
		}
		// A voter's own token no longer finds a ballot either.
		const mine = await t.app.inject({
			method: 'GET',
			url: `/api/cycles/${slug}/ballot`,
			headers: bearer(voterTokens[0]!)
		});
		if (mine.statusCode === 200) expect(mine.json().ballot).toBeNull();
	}, 120_000);
});
