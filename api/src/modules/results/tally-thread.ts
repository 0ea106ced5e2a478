import type { AllocationParams, Outcome, Override } from '@allot/shared';
import type { ErrorCode } from '@allot/shared';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors.ts';
import type { BallotSet } from './ballot-set.ts';
import { computeOutcome } from './tally.ts';

/**
 * Heavy tallies run in a worker thread. MES with a completion on tens of thousands of ballots is
 * seconds of pure CPU: on the event loop it would stall every other request of the process
 * (ballots of a cycle still voting, health checks, and the overload guard would start shedding).
 * Small sets stay inline, where starting a worker would cost more than the tally. If no worker
 * can start (no tsx loader where this runs), the tally runs inline: same outcome.
 */
export const WORKER_MIN_BALLOTS = 5_000;

export interface TallyJob {
	text: string;
	sha256: string;
	ballotCount: number;
	fileMeta?: Record<string, string>;
	params: AllocationParams;
	overrides: readonly Override[];
}

interface WorkerError {
	name: string;
	message: string;
	code?: ErrorCode;
	status?: number;
	extra?: Record<string, unknown>;
}

class WorkerStartError extends Error {}

/** Registers tsx's loader in the worker (the API runs TypeScript through tsx), then the worker. */
const bootCode = () => {
	const worker = new URL('./tally-worker.ts', import.meta.url).href;
	return `const { register } = await import('tsx/esm/api');\nregister();\nawait import(${JSON.stringify(worker)});\n`;
};

/** One outcome computed in a fresh worker thread (exported for its test). */
export function inWorker(job: TallyJob): Promise<Outcome> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(bootCode(), { eval: true, workerData: job });
		let settled = false;
		const settle = (fn: () => void) => {
			if (settled) return;
			settled = true;
			fn();
		};
		worker.once('message', (reply: { outcome: Outcome } | { error: WorkerError }) => {
			settle(() => ('outcome' in reply ? resolve(reply.outcome) : reject(toError(reply.error))));
			void worker.terminate();
		});
		worker.once('error', (e) => settle(() => reject(new WorkerStartError(String(e)))));
		worker.once('exit', () => settle(() => reject(new WorkerStartError('worker exited'))));
	});
}

function toError(e: WorkerError): Error {
	if (e.code && e.status) return new AppError(e.code, e.status, e.message, e.extra);
	const error = new Error(e.message);
	error.name = e.name;
	return error;
}

/** `computeOutcome`, in a worker thread when the set is large. */
export async function tally(
	set: BallotSet,
	params: AllocationParams,
	overrides: readonly Override[] = []
): Promise<Outcome> {
	if (set.ballotCount < WORKER_MIN_BALLOTS) return computeOutcome(set, params, overrides);
	const { text, sha256, ballotCount, fileMeta } = set;
	try {
		return await inWorker({ text, sha256, ballotCount, fileMeta, params, overrides });
	} catch (error) {
		if (!(error instanceof WorkerStartError)) throw error;
		return computeOutcome(set, params, overrides);
	}
}
