import type { DbOrTx } from '@allot/db';
import type {
	BallotShape,
	Instance,
	Profile,
	WeightedBallot
} from '@allot/shared/domain/allocation/types';
import type { BallotRules } from '@allot/shared/domain/ballot-rules';
import {
	electionToPabulib,
	parsePabulib,
	toElection,
	writePabulib,
	type Election
} from '@allot/shared/domain/pabulib/index';
import { createHash } from 'node:crypto';
import { listProjects } from '../cycles/cycles.repo.ts';
import type { CycleRow } from '../ballots/cycle-access.ts';
import * as repo from './results.repo.ts';

/**
 * The anonymised ballot set of a cycle as one canonical pabulib file: the thing that is hashed
 * into the manifest, served as export.pb, and counted. Outcomes are computed from this very
 * text (parsed back), so re-running the CLI on the download cannot disagree with the server.
 */
export interface BallotSet {
	text: string;
	sha256: string;
	election: Election;
	ballotCount: number;
	/** the pabulib META of an imported cycle (for the from-file rule) */
	fileMeta?: Record<string, string>;
}

const SHAPES: Record<BallotRules['kind'], BallotShape> = {
	ranked: 'ordinal',
	approval: 'approval',
	single: 'approval',
	knapsack: 'approval',
	cumulative: 'cumulative'
};

/** META keys the writer sets from the data, and META that must not survive from an import. */
const DERIVED = new Set(['num_projects', 'num_votes', 'budget', 'vote_type']);

/** A stored ballot ({ranking} | {approvals} | {points}) as a pabulib vote; points in ballot order. */
function toVote(content: unknown, order: Map<string, number>): WeightedBallot {
	const c = content as {
		ranking?: string[];
		approvals?: string[];
		points?: Record<string, number>;
	};
	if (c.points) {
		const entries = Object.entries(c.points).sort(
			([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0)
		);
		return { projects: entries.map(([id]) => id), points: entries.map(([, p]) => p), weight: 1 };
	}
	return { projects: [...(c.ranking ?? c.approvals ?? [])], weight: 1 };
}

const voteKey = (b: WeightedBallot) => `${b.projects.join(',')}\u0000${(b.points ?? []).join(',')}`;

/**
 * Voter order that says nothing about who voted when: ballots are sorted by content (which
 * erases the casting order), then shuffled with a seed taken from that sorted list, so the same
 * ballot set always gives the same file (and hash) and the order carries no information.
 */
export function anonymousOrder(ballots: WeightedBallot[]): WeightedBallot[] {
	const keyed = ballots.map((b) => ({ b, key: voteKey(b) }));
	keyed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
	const seed = createHash('sha256')
		.update(keyed.map((k) => k.key).join('\n'))
		.digest();
	let state = seed.readUInt32BE(0) || 1;
	const next = () => {
		// xorshift32: enough to scramble a list that already carries no information
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		return (state >>> 0) / 2 ** 32;
	};
	const out = keyed.map((k) => k.b);
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

function exportMeta(cycle: CycleRow, currency: string, fileMeta?: Record<string, string>) {
	const rules = cycle.ballotRules as BallotRules;
	const meta: Record<string, string> = {};
	for (const [k, v] of Object.entries(fileMeta ?? {})) if (!DERIVED.has(k)) meta[k] = v;
	meta.description ??= `allot cycle ${cycle.slug}`;
	meta.instance ??= cycle.slug;
	meta.currency = currency;
	if (rules.kind === 'single') meta.vote_type = 'choose-1';
	if (rules.kind === 'ranked' && rules.maxRanks) meta.max_length ??= String(rules.maxRanks);
	if (rules.kind === 'approval' && rules.maxSelections)
		meta.max_length ??= String(rules.maxSelections);
	if (rules.kind === 'cumulative') meta.max_sum_points ??= String(rules.totalPoints);
	return meta;
}

export interface Snapshot {
	potCents: number;
	currency: string;
}

/**
 * Builds the ballot set from the database. `snapshot` (the pot and currency recorded when the
 * result was published) keeps the export of a published cycle byte-identical forever, even if
 * the cycle's settings are edited later.
 */
export async function loadBallotSet(
	db: DbOrTx,
	cycle: CycleRow,
	snapshot?: Snapshot
): Promise<BallotSet> {
	const [projects, contents, fileMeta] = await Promise.all([
		listProjects(db, cycle.id),
		repo.ballotContents(db, cycle.id),
		repo.importedMeta(db, cycle.id)
	]);
	const order = new Map(projects.map((p, i) => [p.code, i]));
	const instance: Instance = {
		budget: BigInt(snapshot?.potCents ?? cycle.potCents),
		moneyScale: 100n,
		projects: projects.map((p) => ({ id: p.code, cost: BigInt(p.costCents), name: p.title }))
	};
	const shape = SHAPES[(cycle.ballotRules as BallotRules).kind];
	const profile: Profile = {
		shape,
		ballots: anonymousOrder(contents.map((c) => toVote(c, order)))
	};
	const meta = exportMeta(cycle, snapshot?.currency ?? cycle.currency, fileMeta);
	const text = writePabulib(electionToPabulib(instance, profile, meta));
	const election = toElection(parsePabulib(text));
	// node's SHA-256, the same digest as the engine's sha256Hex (Web Crypto) and the CLI's
	const sha256 = createHash('sha256').update(text).digest('hex');
	return { text, sha256, election, ballotCount: contents.length, fileMeta };
}

/**
 * Building a set is linear in the ballots (Warszawa 2026's 62k take seconds), and staff preview
 * many rules on the same closed set. A small per-process cache serves the repeats. It is keyed
 * by what the set is made of (ballot count and last change, pot, currency), so it cannot serve
 * a stale set; a replica without the entry just builds it: nothing relies on it for correctness.
 */
const cache = new Map<string, BallotSet>();
const CACHE_SIZE = 4;

export async function cachedBallotSet(
	db: DbOrTx,
	cycle: CycleRow,
	snapshot?: Snapshot
): Promise<BallotSet> {
	const version = await repo.ballotVersion(db, cycle.id);
	const key = [
		cycle.id,
		version.count,
		version.lastChange,
		snapshot?.potCents ?? cycle.potCents,
		snapshot?.currency ?? cycle.currency
	].join('|');
	const hit = cache.get(key);
	if (hit) {
		cache.delete(key);
		cache.set(key, hit);
		return hit;
	}
	const set = await loadBallotSet(db, cycle, snapshot);
	cache.set(key, set);
	if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
	return set;
}
