import { fromNumber, lcm, type Rational } from './rational.ts';
import type { Instance, Profile, WeightedBallot } from './types.ts';

/**
 * A profile compressed for the sequential rules (MES, Phragmén, EAR): projects become indices
 * 0..m-1 in instance order, each ballot keeps only the projects it gives a positive value, and
 * ballots that give the same values to the same projects are merged into one weighted ballot.
 * Both directions are stored as flat typed arrays (CSR): ballot → (project, value) and
 * project → (ballot, value). Values are positive integers (`values[valueIndex]`); fractional
 * points are scaled by one common factor, which no rule here can tell apart (a rule that is
 * invariant to multiplying every utility by a constant).
 */
export interface BallotIndex {
	ids: string[];
	costs: bigint[];
	/** number of distinct ballots */
	count: number;
	weight: Float64Array;
	/** Σ weight, the number of voters n */
	voters: bigint;
	ballotStart: Int32Array;
	ballotProject: Int32Array;
	ballotValue: Int32Array;
	projectStart: Int32Array;
	projectBallot: Int32Array;
	projectValue: Int32Array;
	/** distinct positive values, as integers after scaling */
	values: bigint[];
	/** Σ weight·value per project, and Σ weight (the supporter count) per project */
	totalValue: bigint[];
	supporters: number[];
}

/** The value a ballot gives the project at `position` of its list; ≤ 0 means no support. */
export type ValueOf = (ballot: WeightedBallot, position: number) => number;

/** Builds the index. Unknown project ids and repeated ids (after the first) are ignored. */
export function buildBallotIndex(
	instance: Instance,
	profile: Profile,
	valueOf: ValueOf
): BallotIndex {
	const position = new Map(instance.projects.map((p, i) => [p.id, i]));
	const valueSlot = new Map<number, number>();
	const merged = new Map<string, { entries: number[]; weight: number }>();
	const seen = new Int32Array(instance.projects.length).fill(-1);
	profile.ballots.forEach((ballot, b) => {
		if (ballot.weight === 0) return;
		if (!Number.isSafeInteger(ballot.weight) || ballot.weight < 0) {
			throw new RangeError('ballot weights must be non-negative integers');
		}
		const entries = ballotEntries(ballot, b, { position, valueOf, valueSlot, seen });
		const key = entries.join(',');
		const known = merged.get(key);
		if (known) known.weight += ballot.weight;
		else merged.set(key, { entries, weight: ballot.weight });
	});
	return packIndex(instance, [...merged.values()], scaleValues([...valueSlot.keys()]));
}

interface EntryContext {
	position: Map<string, number>;
	valueOf: ValueOf;
	valueSlot: Map<number, number>;
	/** seen[p] = index of the last ballot that listed p, to skip repeats without a Set */
	seen: Int32Array;
}

/** Sorted `[project, valueSlot, project, valueSlot, ...]` pairs of ballot number `b`. */
function ballotEntries(ballot: WeightedBallot, b: number, cx: EntryContext): number[] {
	const out: number[] = [];
	const ids = ballot.projects;
	for (let k = 0; k < ids.length; k++) {
		const p = cx.position.get(ids[k]!);
		if (p === undefined || cx.seen[p] === b) continue;
		cx.seen[p] = b;
		const v = cx.valueOf(ballot, k);
		if (!(v > 0)) continue;
		let slot = cx.valueSlot.get(v);
		if (slot === undefined) cx.valueSlot.set(v, (slot = cx.valueSlot.size));
		// insertion sort by project: ballots are short
		let at = out.length;
		out.push(p, slot);
		while (at > 0 && out[at - 2]! > p) {
			out[at] = out[at - 2]!;
			out[at + 1] = out[at - 1]!;
			at -= 2;
		}
		out[at] = p;
		out[at + 1] = slot;
	}
	return out;
}

/** Turns positive doubles into integers by one common factor (the lcm of their denominators). */
function scaleValues(raw: number[]): bigint[] {
	const exact: Rational[] = raw.map(fromNumber);
	const factor = exact.reduce((acc, r) => lcm(acc, r.d), 1n);
	return exact.map((r) => (r.n * factor) / r.d);
}

function packIndex(
	instance: Instance,
	ballots: { entries: number[]; weight: number }[],
	values: bigint[]
): BallotIndex {
	const m = instance.projects.length;
	const count = ballots.length;
	const weight = new Float64Array(count);
	const ballotStart = new Int32Array(count + 1);
	const projectStart = new Int32Array(m + 1);
	let total = 0;
	let voters = 0;
	ballots.forEach((b, d) => {
		voters += b.weight;
		weight[d] = b.weight;
		total += b.entries.length / 2;
		ballotStart[d + 1] = total;
		for (let k = 0; k < b.entries.length; k += 2) projectStart[b.entries[k]! + 1]!++;
	});
	for (let p = 0; p < m; p++) projectStart[p + 1]! += projectStart[p]!;
	const ballotProject = new Int32Array(total);
	const ballotValue = new Int32Array(total);
	const projectBallot = new Int32Array(total);
	const projectValue = new Int32Array(total);
	const fill = projectStart.slice(0, m);
	const nv = Math.max(values.length, 1);
	const weightBySlot = new Float64Array(m * nv);
	ballots.forEach((b, d) => {
		for (let k = 0; k < b.entries.length; k += 2) {
			const p = b.entries[k]!;
			const slot = b.entries[k + 1]!;
			const at = ballotStart[d]! + k / 2;
			ballotProject[at] = p;
			ballotValue[at] = slot;
			const to = fill[p]!++;
			projectBallot[to] = d;
			projectValue[to] = slot;
			weightBySlot[p * nv + slot]! += b.weight;
		}
	});
	const totalValue: bigint[] = [];
	const supporters: number[] = [];
	for (let p = 0; p < m; p++) {
		let sum = 0n;
		let count = 0;
		for (let slot = 0; slot < values.length; slot++) {
			const w = weightBySlot[p * nv + slot]!;
			sum += BigInt(w) * values[slot]!;
			count += w;
		}
		totalValue.push(sum);
		supporters.push(count);
	}
	return {
		ids: instance.projects.map((p) => p.id),
		costs: instance.projects.map((p) => p.cost),
		count,
		weight,
		voters: BigInt(voters),
		ballotStart,
		ballotProject,
		ballotValue,
		projectStart,
		projectBallot,
		projectValue,
		values,
		totalValue,
		supporters
	};
}

/**
 * `co[p * m + q] = 1` when some ballot supports both p and q: after p is funded, only those q
 * can see their supporters' budgets change, so every other project keeps its last evaluation.
 */
export function coSupport(index: BallotIndex): Uint8Array {
	const m = index.ids.length;
	const co = new Uint8Array(m * m);
	for (let d = 0; d < index.count; d++) {
		const from = index.ballotStart[d]!;
		const to = index.ballotStart[d + 1]!;
		for (let a = from; a < to; a++) {
			const row = index.ballotProject[a]! * m;
			for (let b = from; b < to; b++) co[row + index.ballotProject[b]!] = 1;
		}
	}
	return co;
}
