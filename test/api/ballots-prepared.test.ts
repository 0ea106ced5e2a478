import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { votingCycle } from '../helpers/factories.ts';
import { generateCodes, newVoter, putBallot } from '../helpers/voting.ts';

/**
 * The ballot hot path runs prepared statements, kept per connection. A migration that adds a
 * column while the API runs must not break them (PostgreSQL refuses a cached plan whose result
 * type changed, so they name their columns instead of `*`).
 */

let t: TestContext;
beforeAll(async () => {
	t = await createTestApp();
});
afterAll(() => t.close());

it('keeps taking ballots after a column is added to ballots', async () => {
	const { slug } = await votingCycle(t, {}, 3);
	const { codes } = await generateCodes(t, slug, 2);
	const tokens = [await newVoter(t, slug, codes[0]!), await newVoter(t, slug, codes[1]!)];
	// The first ballot locks the rules; the next ones take the prepared one-statement path.
	for (const token of tokens)
		expect((await putBallot(t, slug, token, { ranking: ['P01'] })).statusCode).toBe(200);
	for (let i = 0; i < 5; i++) {
		expect((await putBallot(t, slug, tokens[1]!, { ranking: ['P02'] })).statusCode).toBe(200);
	}
	await t.deps.db.execute(sql`alter table ballots add column later_column integer`);
	for (let i = 0; i < 5; i++) {
		const res = await putBallot(t, slug, tokens[1]!, { ranking: ['P03'] });
		expect(res.statusCode, res.body).toBe(200);
	}
});
