import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainEntry {
	seq: number;
	cycleId: string | null;
	actor: string;
	action: string;
	detail: unknown;
	at: Date;
	prevHash: string;
	hash: string;
}

/** JSON with object keys sorted, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** hash = sha256(prevHash ‖ canonical entry); the sequence number is part of what is hashed. */
export function entryHash(e: Omit<ChainEntry, 'hash'>): string {
	const body = canonicalJson({
		seq: e.seq,
		cycleId: e.cycleId,
		actor: e.actor,
		action: e.action,
		detail: e.detail,
		at: e.at.toISOString()
	});
	return createHash('sha256').update(e.prevHash).update(body).digest('hex');
}

export interface ChainProblem {
	seq: number;
	problem: 'hash-mismatch' | 'broken-link' | 'gap';
}

/** Checks a whole chain in sequence order; returns every problem found (empty = intact). */
export function verifyChain(entries: readonly ChainEntry[]): ChainProblem[] {
	const problems: ChainProblem[] = [];
	let prevHash = GENESIS_HASH;
	let prevSeq = 0;
	for (const e of entries) {
		if (e.seq !== prevSeq + 1) problems.push({ seq: e.seq, problem: 'gap' });
		if (e.prevHash !== prevHash) problems.push({ seq: e.seq, problem: 'broken-link' });
		if (entryHash(e) !== e.hash) problems.push({ seq: e.seq, problem: 'hash-mismatch' });
		prevHash = e.hash;
		prevSeq = e.seq;
	}
	return problems;
}
