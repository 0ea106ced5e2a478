import { ballots, cycles, voters } from '@allot/db';
import { parsePabulib } from '@allot/shared/domain/pabulib/index';
import { eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCycleBySlug } from '../../api/src/modules/cycles/cycles.repo.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { expectProblem, setPhase, votingCycle } from '../helpers/factories.ts';
import { adminGet, adminPost, generateCodes, newVoter, putBallot } from '../helpers/voting.ts';

let t: TestContext;
beforeAll(async () => {
	t = await createTestApp();
});
afterAll(() => t.close());

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const get = (url: string) => t.app.inject({ method: 'GET', url });

/** A closed ranked cycle with 11 ballots; returns its slug and the receipts handed out. */
async function closedCycle() {
	const cycle = await votingCycle(t, { potCents: 750_000_00 }, 4);
	const { codes } = await generateCodes(t, cycle.slug, 11);
	const receipts: string[] = [];
	for (const [i, code] of codes.entries()) {
		const token = await newVoter(t, cycle.slug, code);
		const ranking = i % 3 === 0 ? ['P04', 'P01'] : i % 3 === 1 ? ['P02'] : ['P03', 'P04', 'P01'];
		receipts.push((await putBallot(t, cycle.slug, token, { ranking })).json().receipt);
	}
	await setPhase(t, cycle.slug, 'tallying');
	return { slug: cycle.slug as string, receipts };
}

describe('GET /api/cycles/:slug/export.pb', () => {
	it('gives admins the anonymised pabulib file after close, everyone after publication', async () => {
		const { slug, receipts } = await closedCycle();
		expectProblem(await get(`/api/cycles/${slug}/export.pb`), 404, 'NOT_PUBLISHED');
		const file = await adminGet(t, `/api/cycles/${slug}/export.pb`);
		expect(file.statusCode, file.body).toBe(200);
		expect(file.headers['content-type']).toMatch(/^text\/plain/);
		expect(file.headers['content-disposition']).toBe(`attachment; filename="${slug}.pb"`);
		expect(file.headers.etag).toBe(`"sha256-${sha256(file.body)}"`);
		const parsed = parsePabulib(file.body);
		expect(parsed.meta).toMatchObject({
			vote_type: 'ordinal',
			budget: '750000',
			num_votes: '11',
			num_projects: '4',
			currency: 'USD',
			instance: slug
		});
		expect(parsed.projects.map((p) => [p.project_id, p.cost])).toEqual([
			['P01', '100000'],
			['P02', '200000'],
			['P03', '300000'],
			['P04', '400000']
		]);
		expect(parsed.voteColumns).toEqual(['voter_id', 'vote']);
		expect(parsed.votes.map((v) => v.voter_id)).toEqual(
			Array.from({ length: 11 }, (_, i) => String(i + 1))
		);
		const id = (await findCycleBySlug(t.deps.db, slug))!.id;
		const [anyVoter] = await t.deps.db.select().from(voters).where(eq(voters.cycleId, id));
		const [anyBallot] = await t.deps.db.select().from(ballots).where(eq(ballots.cycleId, id));
		for (const secret of [anyVoter!.id, anyBallot!.voterKey, receipts[0]!])
			expect(file.body).not.toContain(secret);
		expect((await adminGet(t, `/api/cycles/${slug}/export.pb`)).body).toBe(file.body);
		const published = (await adminPost(t, `/api/cycles/${slug}/results/publish`)).json();
		expect(published.manifest.ballotsSha256).toBe(sha256(file.body));
		const open = await get(`/api/cycles/${slug}/export.pb`);
		expect(open.statusCode).toBe(200);
		expect(open.body).toBe(file.body);
	});

	it('is refused to admins while the vote is open', async () => {
		const cycle = await votingCycle(t);
		expectProblem(await adminGet(t, `/api/cycles/${cycle.slug}/export.pb`), 409, 'PHASE_CLOSED');
	});

	it('keeps hashing to the published manifest after the pot is edited and after archive', async () => {
		const { slug } = await closedCycle();
		const published = (await adminPost(t, `/api/cycles/${slug}/results/publish`)).json();
		await t.deps.db
			.update(cycles)
			.set({ potCents: 1, currency: 'EUR' })
			.where(eq(cycles.slug, slug));
		expect(sha256((await get(`/api/cycles/${slug}/export.pb`)).body)).toBe(
			published.manifest.ballotsSha256
		);
		await t.deps.db
			.update(cycles)
			.set({ potCents: 750_000_00, currency: 'USD' })
			.where(eq(cycles.slug, slug));
		await setPhase(t, slug, 'archived');
		expect(sha256((await get(`/api/cycles/${slug}/export.pb`)).body)).toBe(
			published.manifest.ballotsSha256
		);
		expect((await get(`/api/cycles/${slug}/results`)).json()).toEqual(published);
	});
});

describe('archive', () => {
	it('destroys the link key and purges voters’ personal data; results and exports stay', async () => {
		const { slug } = await closedCycle();
		const published = (await adminPost(t, `/api/cycles/${slug}/results/publish`)).json();
		const file = (await get(`/api/cycles/${slug}/export.pb`)).body;
		await setPhase(t, slug, 'archived');
		const cycle = (await findCycleBySlug(t.deps.db, slug))!;
		expect(cycle.linkKey).toBeNull();
		const people = await t.deps.db.select().from(voters).where(eq(voters.cycleId, cycle.id));
		expect(people.every((v) => v.ageBracket === null && v.neighborhood === null)).toBe(true);
		expect(
			people.every((v) => v.createdAt.getUTCHours() === 0 && v.createdAt.getUTCMinutes() === 0)
		).toBe(true);
		const rows = await t.deps.db.select().from(ballots).where(eq(ballots.cycleId, cycle.id));
		expect(rows).toHaveLength(11);
		expect(rows.every((b) => b.ageBracket === null && b.castAt.getUTCHours() === 0)).toBe(true);
		expect((await get(`/api/cycles/${slug}/results`)).json()).toEqual(published);
		expect((await get(`/api/cycles/${slug}/export.pb`)).body).toBe(file);
		expect((await get(`/api/cycles/${slug}/receipts`)).json().count).toBe(11);
	});
});

describe('results and ballots as files', () => {
	it('serves results.json, results.csv and ballots.csv once published', async () => {
		const { slug } = await closedCycle();
		for (const file of ['results.json', 'results.csv'])
			expectProblem(await get(`/api/cycles/${slug}/${file}`), 404, 'NOT_PUBLISHED');
		expectProblem(await get(`/api/cycles/${slug}/ballots.csv`), 404, 'NOT_PUBLISHED');
		const published = (await adminPost(t, `/api/cycles/${slug}/results/publish`)).json();
		const json = await get(`/api/cycles/${slug}/results.json`);
		expect(json.headers['content-disposition']).toBe(`attachment; filename="${slug}-results.json"`);
		expect(json.json()).toEqual(published);
		const csv = await get(`/api/cycles/${slug}/results.csv`);
		expect(csv.headers['content-type']).toMatch(/^text\/csv/);
		const rows = csv.body.trim().split('\r\n');
		expect(rows[0]).toBe(
			'project_id,title,cost_cents,score,funded,funded_cents,selection_order,reason'
		);
		expect(rows).toHaveLength(5);
		const first = published.funded[0];
		expect(rows.find((r) => r.startsWith(`${first.id},`))).toContain(`,true,${first.costCents},1,`);
		const ballotsCsv = await get(`/api/cycles/${slug}/ballots.csv`);
		const lines = ballotsCsv.body.trim().split('\r\n');
		expect(lines[0]).toBe('voter_id,vote');
		expect(lines).toHaveLength(12);
		const pb = parsePabulib((await get(`/api/cycles/${slug}/export.pb`)).body);
		expect(lines.slice(1)).toEqual(
			pb.votes.map((v) =>
				v.vote!.includes(',') ? `${v.voter_id},"${v.vote}"` : `${v.voter_id},${v.vote}`
			)
		);
	});
});

describe('receipt trackers', () => {
	it('lists counted receipts (sorted) after close and checks one', async () => {
		const open = await votingCycle(t);
		expectProblem(await get(`/api/cycles/${open.slug}/receipts`), 409, 'PHASE_CLOSED');
		const { slug, receipts } = await closedCycle();
		const list = (await get(`/api/cycles/${slug}/receipts`)).json();
		expect(list).toEqual({ count: 11, items: [...receipts].sort() });
		const yes = await get(
			`/api/cycles/${slug}/receipts/${receipts[3]!.toLowerCase().replaceAll('-', '')}`
		);
		expect(yes.json()).toEqual({ receipt: receipts[3], counted: true });
		expect((await get(`/api/cycles/${slug}/receipts/0000-0000-0000-0000`)).json()).toEqual({
			receipt: '0000-0000-0000-0000',
			counted: false
		});
		expect((await get(`/api/cycles/${slug}/receipts/not-a-receipt`)).json()).toEqual({
			receipt: 'not-a-receipt',
			counted: false
		});
	});
});
