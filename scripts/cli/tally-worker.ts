/**
 * Runs one allocation off the main thread, so the CLI can report progress while a long rule
 * (MES with Add1 on a city-wide file) computes. Input and output cross by structured clone,
 * which keeps bigint money exact.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { allocate } from '../../shared/src/domain/allocation/index.ts';
import type { TallyJob } from './tally-run.ts';

const job = workerData as TallyJob;
try {
	const outcome = allocate(job.instance, job.profile, job.params, job.meta);
	parentPort!.postMessage({ outcome });
} catch (error) {
	const e = error instanceof Error ? error : new Error(String(error));
	parentPort!.postMessage({ error: { name: e.name, message: e.message, stack: e.stack } });
}
