/**
 * Computes an outcome in a worker thread and prints a progress line on stderr each second
 * while it runs. If a worker cannot start (no tsx loader where this runs), it computes on the
 * main thread instead: same outcome, just no progress line.
 */
import { Worker } from 'node:worker_threads';
import { allocate } from '../../shared/src/domain/allocation/index.ts';
import type {
	AllocationParams,
	Instance,
	Outcome,
	Profile
} from '../../shared/src/domain/allocation/types.ts';

export interface TallyJob {
	instance: Instance;
	profile: Profile;
	params: AllocationParams;
	meta?: Record<string, string>;
}

type Reply = { outcome: Outcome } | { error: { name: string; message: string; stack?: string } };

/** Worker code: registers tsx's loader in the worker, then loads the TypeScript worker. */
function bootCode(): string {
	const worker = new URL('./tally-worker.ts', import.meta.url).href;
	return `const { register } = await import('tsx/esm/api');\nregister();\nawait import(${JSON.stringify(worker)});\n`;
}

function rethrow(error: { name: string; message: string }): never {
	const e = new Error(error.message);
	e.name = error.name;
	throw e;
}

function inWorker(job: TallyJob, onTick: (seconds: number) => void): Promise<Outcome> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(bootCode(), { eval: true, workerData: job });
		const started = Date.now();
		const timer = setInterval(() => onTick(Math.round((Date.now() - started) / 1000)), 1000);
		let settled = false;
		const finish = (fn: () => void) => {
			if (settled) return;
			settled = true;
			clearInterval(timer);
			fn();
		};
		worker.once('message', (reply: Reply) => {
			finish(() => ('outcome' in reply ? resolve(reply.outcome) : reject(reply.error)));
			void worker.terminate();
		});
		worker.once('error', (error) =>
			finish(() => reject({ name: 'WorkerStartError', message: String(error) }))
		);
		worker.once('exit', () =>
			finish(() => reject({ name: 'WorkerStartError', message: 'worker exited' }))
		);
	});
}

/**
 * The outcome of `job`, computed off the main thread; `onTick(seconds)` is called every second
 * until it is done. Errors thrown by the engine (RuleParamsError, FileRuleError) come back with
 * their name and message.
 */
export async function computeWithProgress(
	job: TallyJob,
	onTick: (seconds: number) => void
): Promise<Outcome> {
	try {
		return await inWorker(job, onTick);
	} catch (error) {
		const e = error as { name: string; message: string };
		if (e.name !== 'WorkerStartError') rethrow(e);
		return allocate(job.instance, job.profile, job.params, job.meta);
	}
}
