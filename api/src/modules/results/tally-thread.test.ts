import { readFileSync } from 'node:fs';
import { parsePabulib, toElection } from '@allot/shared/domain/pabulib/index';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { computeOutcome } from './tally.ts';
import { inWorker, tally, WORKER_MIN_BALLOTS } from './tally-thread.ts';

const text = readFileSync(
	new URL('../../../../test/fixtures/pabulib/Poland_Warszawa_2017_Nadwisle.pb', import.meta.url),
	'utf8'
);
const set = { text, sha256: 'test', ballotCount: 108, election: toElection(parsePabulib(text)) };
const job = { text, sha256: 'test', ballotCount: 108, overrides: [] };

describe('tallies off the event loop', () => {
	it('computes in a worker thread exactly what it computes inline', async () => {
		const params = { rule: 'mes', utility: 'cost', completion: 'add1' } as const;
		const inline = computeOutcome(set, params);
		expect(await inWorker({ ...job, params })).toEqual(inline);
		const large = { ...set, ballotCount: WORKER_MIN_BALLOTS };
		expect(await tally(large, params)).toEqual({ ...inline, ballotCount: WORKER_MIN_BALLOTS });
	});

	it('brings an expected failure back as the same AppError', async () => {
		const failure = inWorker({ ...job, params: { rule: 'phragmen', tie: 'nope' as never } });
		await expect(failure).rejects.toBeInstanceOf(AppError);
		await expect(failure).rejects.toMatchObject({ code: 'RULE_PARAMS_INVALID', status: 422 });
	});
});
