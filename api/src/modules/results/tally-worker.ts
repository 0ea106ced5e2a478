/**
 * Worker side of tally-thread.ts: rebuilds the ballot set from its export text (structured
 * clone carries plain data only) and computes one outcome. An expected failure (an AppError:
 * bad params, bad overrides) goes back with its code and status.
 */
import { parsePabulib, toElection } from '@allot/shared/domain/pabulib/index';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../errors.ts';
import { computeOutcome } from './tally.ts';
import type { TallyJob } from './tally-thread.ts';

const job = workerData as TallyJob;
try {
	const election = toElection(parsePabulib(job.text));
	const set = { ...job, election };
	parentPort!.postMessage({ outcome: computeOutcome(set, job.params, job.overrides) });
} catch (error) {
	const e = error instanceof Error ? error : new Error(String(error));
	const expected = e instanceof AppError ? { code: e.code, status: e.status, extra: e.extra } : {};
	parentPort!.postMessage({ error: { name: e.name, message: e.message, ...expected } });
}
