import { allocate } from '@allot/shared/domain/allocation/index';
import { parsePabulib, toElection } from '@allot/shared/domain/pabulib/index';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as tallyCli } from '../../scripts/cli/tally.ts';
import { seededRandom } from '@allot/shared/domain/random';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { adminToken, bearer, uniqueSlug } from '../helpers/factories.ts';
import { freshAddress, generateCodes, newVoter, putBallot } from '../helpers/voting.ts';

let t: TestContext;
beforeAll(async () => {
	t = await createTestApp();
});
afterAll(() => t.close());

async function admin(method: 'GET' | 'POST', url: string, payload?: object) {
	const res = await t.app.inject({
		method,
		url,
		headers: bearer(await adminToken(t)),
		...(payload ? { payload } : {})
	});
	expect(res.statusCode, res.body).toBeLessThan(300);
	return res;
}

/** Runs `allot tally FILE ARGS --json` in process and returns the JSON it prints. */
async function cli(file: string, args: string[]) {
	let stdout = '';
	const spy = vi
		.spyOn(process.stdout, 'write')
		.mockImplementation((chunk) => ((stdout += String(chunk)), true));
	const errors = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
	const code = await tallyCli([file, ...args, '--json']);
	spy.mockRestore();
	errors.mockRestore();
	expect(code).toBe(0);
	return JSON.parse(stdout) as {
		funded: string[];
		spent: string;
		manifest: { ballotsSha256: string };
	};
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const votes = (rankings: string[][]) => rankings.map((r) => r.join(',')).sort();

describe('a whole cycle through the API', () => {
	it('codes → voters → ranked ballots with revisions → close → preview → publish → results → export → re-tally', async () => {
		// the admin sets up a ranked cycle with six projects and opens the vote
		const slug = uniqueSlug('full');
		await admin('POST', '/api/cycles', {
			slug,
			name: 'Youth Lead the Change (full cycle)',
			potCents: 600_000_00,
			currency: 'USD',
			ballot: { kind: 'ranked', maxRanks: 3 },
			allocation: { rule: 'greedy', score: 'pabulib-borda', tie: 'lexicographic' },
			eligibility: { minAge: 12, maxAge: 25, asOf: '2027-04-01', residency: ['live', 'school'] }
		});
		const costs = [90, 250, 120, 300, 60, 180];
		for (const [i, cost] of costs.entries()) {
			await admin('POST', `/api/cycles/${slug}/projects`, {
				title: `Project ${i + 1}`,
				description: 'd',
				costCents: cost * 1000_00
			});
		}
		await admin('POST', `/api/cycles/${slug}/phase`, { phase: 'voting' });

		// 40 voters redeem codes and rank; a third revise up to three times; the last ack counts
		const ids = costs.map((_, i) => `P0${i + 1}`);
		const random = seededRandom(7);
		const rank = () => {
			const pool = [...ids];
			const length = 1 + Math.floor(random() * 3);
			return Array.from({ length }, () => pool.splice(Math.floor(random() * pool.length), 1)[0]!);
		};
		const { codes } = await generateCodes(t, slug, 40);
		const last: string[][] = [];
		const receipts: string[] = [];
		for (const code of codes) {
			const token = await newVoter(t, slug, code);
			let ack = (await putBallot(t, slug, token, { ranking: rank() })).json();
			const revisions = random() < 0.33 ? 1 + Math.floor(random() * 3) : 0;
			for (let r = 0; r < revisions; r++)
				ack = (await putBallot(t, slug, token, { ranking: rank() })).json();
			expect(ack.revision).toBe(revisions + 1);
			last.push(ack.ballot.ranking);
			receipts.push(ack.receipt);
		}

		// close, preview, publish
		await admin('POST', `/api/cycles/${slug}/phase`, { phase: 'tallying' });
		const preview = (await admin('POST', `/api/cycles/${slug}/results/preview`)).json();
		const published = (await admin('POST', `/api/cycles/${slug}/results/publish`)).json();
		expect(published.funded).toEqual(preview.funded);
		expect(published.manifest).toEqual(preview.manifest);

		// the public result and the open data
		const results = await t.app.inject({
			method: 'GET',
			url: `/api/cycles/${slug}/results`,
			remoteAddress: freshAddress()
		});
		expect(results.statusCode).toBe(200);
		expect(results.json()).toEqual(published);
		expect(results.json().turnout.total).toBe(40);
		const file = (await t.app.inject({ method: 'GET', url: `/api/cycles/${slug}/export.pb` })).body;
		expect(sha256(file)).toBe(published.manifest.ballotsSha256);
		const parsed = parsePabulib(file);
		expect(votes(parsed.votes.map((v) => v.vote!.split(',').filter(Boolean)))).toEqual(votes(last));
		const counted = (
			await t.app.inject({ method: 'GET', url: `/api/cycles/${slug}/receipts` })
		).json();
		expect(counted.items).toEqual([...receipts].sort());

		// anyone re-tallies the export with the engine …
		const { instance, profile } = toElection(parsed);
		const again = allocate(instance, profile, published.manifest.params);
		expect(again.funded.map((f) => f.id)).toEqual(
			published.funded.map((f: { id: string }) => f.id)
		);
		expect((Number(again.spent) * 100) / Number(instance.moneyScale)).toBe(published.spentCents);

		// … and with the command line, from the downloaded file
		const path = join(mkdtempSync(join(tmpdir(), 'allot-')), `${slug}.pb`);
		writeFileSync(path, file);
		const p = published.manifest.params;
		const printed = await cli(path, [
			'--rule',
			p.rule,
			'--score',
			p.score,
			'--tie',
			p.tie,
			'--variant',
			p.variant
		]);
		expect(printed.funded).toEqual(published.funded.map((f: { id: string }) => f.id));
		expect(printed.manifest.ballotsSha256).toBe(published.manifest.ballotsSha256);
		expect(Number(printed.spent) * 100).toBe(published.spentCents);

		// and another rule previewed on the API equals the CLI's
		const mes = (
			await admin('POST', `/api/cycles/${slug}/results/preview`, {
				rule: 'mes',
				utility: 'cost',
				completion: 'add1'
			})
		).json();
		const mesCli = await cli(path, ['--rule', 'mes', '--utility', 'cost', '--completion', 'add1']);
		expect(mesCli.funded).toEqual(mes.funded.map((f: { id: string }) => f.id));
	});
});
