import { can, type Action, type Actor, type StaffRole } from '@allot/shared/domain/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCycleBySlug } from '../../api/src/modules/cycles/cycles.repo.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import {
	adminToken,
	bearer,
	createCycle,
	createProposal,
	freshIp,
	setPhase,
	staffToken,
	submitIdea,
	votingCycle
} from '../helpers/factories.ts';
import { adminPost, generateCodes, newVoter, putBallot } from '../helpers/voting.ts';

/**
 * Every role × every endpoint of the OpenAPI document. ACCESS says, per endpoint, which policy
 * action guards it (or that it is public / for any staff / for the voter), and how to call it
 * with a valid request; who may call it follows from the policy table itself (can()). A refused
 * caller must get 401 (nobody signed in) or 403; an allowed one anything but. An endpoint that
 * the document lists and ACCESS does not fails the test: new endpoints must be classified.
 * The `kiosk` subject is the credential of the poll worker's kiosk session `sessionId`.
 */

type Subject = StaffRole | 'voter' | 'kiosk' | 'anonymous';
const SUBJECTS: Subject[] = [
	'admin',
	'reviewer',
	'moderator',
	'poll_worker',
	'voter',
	'kiosk',
	'anonymous'
];

interface World {
	ideas: string;
	dev: string;
	voting: string;
	draft: string;
	phase: string;
	tallying: string;
	/** closed and never published: its exports stay for admins */
	closed: string;
	ideaId: string;
	devIdeaId: string;
	proposalId: string;
	commentId: string;
	batchId: string;
	spareBatchId: string;
	spareCode: string;
	siteId: string;
	/** the poll worker's kiosk session; the kiosk subject's token is for it */
	sessionId: string;
	/** another session of the same poll worker */
	spareSessionId: string;
	staffId: string;
	newCode: string;
}

interface Call {
	url: string;
	body?: unknown;
	contentType?: string;
}
type Guard = Action | 'public' | 'staff' | 'voter';
interface Access {
	guard: Guard;
	/** the cycle the call touches (for conditional grants such as a voter's own cycle) */
	cycle?: (w: World) => string;
	/** the kiosk session the call touches (for the kiosk's own-session grants) */
	session?: (w: World) => string;
	call: (w: World) => Call;
	/** how a refused caller is answered, when not 401/403 (exports hide an unpublished result) */
	refusal?: { status: number; code: string };
}

const c = (path: string) => `/api/cycles/${path}`;
const ACCESS: Record<string, Access> = {
	'POST /api/auth/login': {
		guard: 'public',
		call: () => ({
			url: '/api/auth/login',
			body: { email: 'nobody@test.allot', password: 'wrong password' }
		})
	},
	'GET /api/auth/me': { guard: 'staff', call: () => ({ url: '/api/auth/me' }) },
	'POST /api/auth/password': {
		guard: 'staff',
		call: () => ({
			url: '/api/auth/password',
			body: { currentPassword: 'not the password', newPassword: 'a new password 1234' }
		})
	},
	'GET /api/staff': { guard: 'staff.manage', call: () => ({ url: '/api/staff' }) },
	'POST /api/staff': {
		guard: 'staff.manage',
		call: () => ({
			url: '/api/staff',
			body: { email: `new-${Math.random()}@test.allot`, displayName: 'New', role: 'moderator' }
		})
	},
	'PATCH /api/staff/{staffId}': {
		guard: 'staff.manage',
		call: (w) => ({ url: `/api/staff/${w.staffId}`, body: { displayName: 'Renamed' } })
	},
	'GET /api/health': { guard: 'public', call: () => ({ url: '/api/health' }) },
	'GET /api/cycles': { guard: 'public', call: () => ({ url: '/api/cycles' }) },
	'POST /api/cycles': {
		guard: 'cycle.create',
		call: () => ({
			url: '/api/cycles',
			body: {
				slug: `roles-${Math.random().toString(36).slice(2, 8)}`,
				name: 'Roles',
				potCents: 100_00,
				currency: 'USD',
				ballot: { kind: 'approval', maxSelections: 3 },
				allocation: { rule: 'greedy' },
				eligibility: { minAge: 12, maxAge: 25, asOf: '2027-04-01', residency: ['live'] }
			}
		})
	},
	'GET /api/cycles/{slug}': { guard: 'public', call: (w) => ({ url: c(w.voting) }) },
	'PATCH /api/cycles/{slug}': {
		guard: 'cycle.edit',
		cycle: (w) => w.draft,
		call: (w) => ({ url: c(w.draft), body: { name: 'Renamed cycle' } })
	},
	'POST /api/cycles/{slug}/phase': {
		guard: 'cycle.changePhase',
		cycle: (w) => w.phase,
		call: (w) => ({ url: c(`${w.phase}/phase`), body: { phase: 'ideas' } })
	},
	'POST /api/cycles/{slug}/projects': {
		guard: 'project.manage',
		cycle: (w) => w.draft,
		call: (w) => ({
			url: c(`${w.draft}/projects`),
			body: { title: 'New', description: 'x', costCents: 100 }
		})
	},
	'PATCH /api/cycles/{slug}/projects/{projectId}': {
		guard: 'project.manage',
		cycle: (w) => w.draft,
		call: (w) => ({ url: c(`${w.draft}/projects/P01`), body: { title: 'Renamed' } })
	},
	'DELETE /api/cycles/{slug}/projects/{projectId}': {
		guard: 'project.manage',
		cycle: (w) => w.draft,
		call: (w) => ({ url: c(`${w.draft}/projects/P02`) })
	},
	'GET /api/cycles/{slug}/ideas': {
		guard: 'public',
		call: (w) => ({ url: c(`${w.ideas}/ideas`) })
	},
	'POST /api/cycles/{slug}/ideas': {
		guard: 'idea.submit',
		cycle: (w) => w.ideas,
		call: (w) => ({
			url: c(`${w.ideas}/ideas`),
			body: { title: 'A new idea', description: 'Why not' }
		})
	},
	'GET /api/cycles/{slug}/ideas/{ideaId}': {
		guard: 'public',
		call: (w) => ({ url: c(`${w.ideas}/ideas/${w.ideaId}`) })
	},
	'GET /api/cycles/{slug}/ideas/{ideaId}/similar': {
		guard: 'public',
		call: (w) => ({ url: c(`${w.ideas}/ideas/${w.ideaId}/similar`) })
	},
	'POST /api/cycles/{slug}/ideas/{ideaId}/hide': {
		guard: 'idea.moderate',
		cycle: (w) => w.ideas,
		call: (w) => ({ url: c(`${w.ideas}/ideas/${w.ideaId}/hide`), body: { reason: 'Off topic' } })
	},
	'POST /api/cycles/{slug}/ideas/{ideaId}/restore': {
		guard: 'idea.moderate',
		cycle: (w) => w.ideas,
		call: (w) => ({ url: c(`${w.ideas}/ideas/${w.ideaId}/restore`) })
	},
	'GET /api/cycles/{slug}/proposals': {
		guard: 'public',
		call: (w) => ({ url: c(`${w.dev}/proposals`) })
	},
	'POST /api/cycles/{slug}/proposals': {
		guard: 'proposal.create',
		cycle: (w) => w.dev,
		call: (w) => ({
			url: c(`${w.dev}/proposals`),
			body: { title: 'Proposal', description: 'D', ideaIds: [w.devIdeaId] }
		})
	},
	'GET /api/cycles/{slug}/proposals/{proposalId}': {
		guard: 'public',
		call: (w) => ({ url: c(`${w.dev}/proposals/${w.proposalId}`) })
	},
	'PATCH /api/cycles/{slug}/proposals/{proposalId}': {
		guard: 'proposal.edit',
		cycle: (w) => w.dev,
		call: (w) => ({ url: c(`${w.dev}/proposals/${w.proposalId}`), body: { title: 'Renamed' } })
	},
	'POST /api/cycles/{slug}/proposals/{proposalId}/assign': {
		guard: 'proposal.assign',
		cycle: (w) => w.dev,
		call: (w) => ({
			url: c(`${w.dev}/proposals/${w.proposalId}/assign`),
			body: { reviewerId: null }
		})
	},
	'POST /api/cycles/{slug}/proposals/{proposalId}/review': {
		guard: 'proposal.review',
		cycle: (w) => w.dev,
		call: (w) => ({
			url: c(`${w.dev}/proposals/${w.proposalId}/review`),
			body: { feasibility: 'pending' }
		})
	},
	'POST /api/cycles/{slug}/proposals/{proposalId}/promote': {
		guard: 'proposal.promote',
		cycle: (w) => w.dev,
		call: (w) => ({ url: c(`${w.dev}/proposals/${w.proposalId}/promote`), body: {} })
	},
	'GET /api/cycles/{slug}/ideas/{ideaId}/comments': {
		guard: 'public',
		call: (w) => ({ url: c(`${w.ideas}/ideas/${w.ideaId}/comments`) })
	},
	'POST /api/cycles/{slug}/ideas/{ideaId}/comments': {
		guard: 'comment.post',
		cycle: (w) => w.ideas,
		call: (w) => ({ url: c(`${w.ideas}/ideas/${w.ideaId}/comments`), body: { body: 'A comment' } })
	},
	'GET /api/cycles/{slug}/proposals/{proposalId}/comments': {
		guard: 'public',
		call: (w) => ({ url: c(`${w.dev}/proposals/${w.proposalId}/comments`) })
	},
	'POST /api/cycles/{slug}/proposals/{proposalId}/comments': {
		guard: 'comment.post',
		cycle: (w) => w.dev,
		call: (w) => ({
			url: c(`${w.dev}/proposals/${w.proposalId}/comments`),
			body: { body: 'A comment' }
		})
	},
	'POST /api/cycles/{slug}/comments/{commentId}/hide': {
		guard: 'comment.moderate',
		cycle: (w) => w.ideas,
		call: (w) => ({ url: c(`${w.ideas}/comments/${w.commentId}/hide`), body: { reason: 'Rude' } })
	},
	'POST /api/cycles/{slug}/comments/{commentId}/restore': {
		guard: 'comment.moderate',
		cycle: (w) => w.ideas,
		call: (w) => ({ url: c(`${w.ideas}/comments/${w.commentId}/restore`) })
	},
	'GET /api/audit': { guard: 'audit.read', call: () => ({ url: '/api/audit' }) },
	'GET /api/audit/verify': { guard: 'audit.read', call: () => ({ url: '/api/audit/verify' }) },
	'POST /api/cycles/{slug}/access-codes': {
		guard: 'accessCode.manage',
		cycle: (w) => w.voting,
		call: (w) => ({ url: c(`${w.voting}/access-codes`), body: { count: 1, label: 'Roles' } })
	},
	'GET /api/cycles/{slug}/access-codes/batches': {
		guard: 'accessCode.manage',
		cycle: (w) => w.voting,
		call: (w) => ({ url: c(`${w.voting}/access-codes/batches`) })
	},
	'POST /api/cycles/{slug}/access-codes/batches/{batchId}/void': {
		guard: 'accessCode.manage',
		cycle: (w) => w.voting,
		call: (w) => ({ url: c(`${w.voting}/access-codes/batches/${w.spareBatchId}/void`) })
	},
	'POST /api/cycles/{slug}/access-codes/void': {
		guard: 'accessCode.manage',
		cycle: (w) => w.voting,
		call: (w) => ({ url: c(`${w.voting}/access-codes/void`), body: { code: w.spareCode } })
	},
	'POST /api/cycles/{slug}/voters': {
		guard: 'public',
		call: (w) => ({
			url: c(`${w.voting}/voters`),
			body: { code: w.newCode, birthDate: '2011-01-15', residency: { basis: 'live' } }
		})
	},
	'PUT /api/cycles/{slug}/ballot': {
		guard: 'ballot.cast',
		cycle: (w) => w.voting,
		call: (w) => ({ url: c(`${w.voting}/ballot`), body: { ranking: ['P01'] } })
	},
	'GET /api/cycles/{slug}/ballot': {
		guard: 'ballot.cast',
		cycle: (w) => w.voting,
		call: (w) => ({ url: c(`${w.voting}/ballot`) })
	},
	'POST /api/cycles/{slug}/polling-sites': {
		guard: 'pollingSite.manage',
		cycle: (w) => w.voting,
		call: (w) => ({ url: c(`${w.voting}/polling-sites`), body: { name: 'Another site' } })
	},
	'GET /api/cycles/{slug}/polling-sites': {
		guard: 'kiosk.operate',
		cycle: (w) => w.voting,
		call: (w) => ({ url: c(`${w.voting}/polling-sites`) })
	},
	'POST /api/cycles/{slug}/kiosk/sessions': {
		guard: 'kiosk.operate',
		cycle: (w) => w.voting,
		call: (w) => ({ url: c(`${w.voting}/kiosk/sessions`), body: { siteId: w.siteId } })
	},
	'GET /api/cycles/{slug}/kiosk/sessions/{sessionId}': {
		guard: 'kiosk.viewSession',
		cycle: (w) => w.voting,
		session: (w) => w.sessionId,
		call: (w) => ({ url: c(`${w.voting}/kiosk/sessions/${w.sessionId}`) })
	},
	// The spare session, so the others stay open: the kiosk is refused here (not its session);
	// closing its own session is checked on its own below.
	'POST /api/cycles/{slug}/kiosk/sessions/{sessionId}/close': {
		guard: 'kiosk.closeSession',
		cycle: (w) => w.voting,
		session: (w) => w.spareSessionId,
		call: (w) => ({ url: c(`${w.voting}/kiosk/sessions/${w.spareSessionId}/close`) })
	},
	'POST /api/cycles/{slug}/kiosk/sessions/{sessionId}/voters': {
		guard: 'kiosk.checkIn',
		cycle: (w) => w.voting,
		session: (w) => w.sessionId,
		call: (w) => ({
			url: c(`${w.voting}/kiosk/sessions/${w.sessionId}/voters`),
			body: { birthDate: '2011-01-15', residency: { basis: 'live' } }
		})
	},
	'POST /api/cycles/{slug}/kiosk/sessions/{sessionId}/paper-ballots': {
		guard: 'kiosk.operate',
		cycle: (w) => w.voting,
		call: (w) => ({
			url: c(`${w.voting}/kiosk/sessions/${w.sessionId}/paper-ballots`),
			body: { birthDate: '2011-01-15', residency: { basis: 'live' }, ballot: { ranking: ['P01'] } }
		})
	},
	'GET /api/cycles/{slug}/turnout': {
		guard: 'turnout.viewLive',
		cycle: (w) => w.voting,
		call: (w) => ({ url: c(`${w.voting}/turnout`) })
	},
	'POST /api/cycles/{slug}/results/preview': {
		guard: 'results.compute',
		cycle: (w) => w.tallying,
		call: (w) => ({ url: c(`${w.tallying}/results/preview`), body: {} })
	},
	'POST /api/cycles/{slug}/results/compare': {
		guard: 'results.compute',
		cycle: (w) => w.tallying,
		call: (w) => ({
			url: c(`${w.tallying}/results/compare`),
			body: { rules: [{ rule: 'greedy' }] }
		})
	},
	'POST /api/cycles/{slug}/results/publish': {
		guard: 'results.publish',
		cycle: (w) => w.tallying,
		call: (w) => ({ url: c(`${w.tallying}/results/publish`), body: {} })
	},
	'GET /api/cycles/{slug}/results': {
		guard: 'public',
		call: (w) => ({ url: c(`${w.tallying}/results`) })
	},
	'GET /api/cycles/{slug}/export.pb': {
		guard: 'results.export',
		cycle: (w) => w.closed,
		call: (w) => ({ url: c(`${w.closed}/export.pb`) }),
		refusal: { status: 404, code: 'NOT_PUBLISHED' }
	},
	'GET /api/cycles/{slug}/ballots.csv': {
		guard: 'results.export',
		cycle: (w) => w.closed,
		call: (w) => ({ url: c(`${w.closed}/ballots.csv`) }),
		refusal: { status: 404, code: 'NOT_PUBLISHED' }
	},
	'GET /api/cycles/{slug}/results.json': {
		guard: 'public',
		call: (w) => ({ url: c(`${w.tallying}/results.json`) })
	},
	'GET /api/cycles/{slug}/results.csv': {
		guard: 'public',
		call: (w) => ({ url: c(`${w.tallying}/results.csv`) })
	},
	'GET /api/cycles/{slug}/receipts': {
		guard: 'public',
		call: (w) => ({ url: c(`${w.tallying}/receipts`) })
	},
	'GET /api/cycles/{slug}/receipts/{receipt}': {
		guard: 'public',
		call: (w) => ({ url: c(`${w.tallying}/receipts/0000-0000-0000-0000`) })
	},
	'POST /api/import/pabulib': {
		guard: 'pabulib.import',
		call: () => ({
			url: '/api/import/pabulib',
			body: 'META\nkey;value\n',
			contentType: 'text/plain'
		})
	}
};

let t: TestContext;
let w: World;
let operations: string[] = [];
const tokens: Partial<Record<Subject, string>> = {};
const actors: Partial<Record<Subject, Actor>> = {};
const cycleIds = new Map<string, string>();

beforeAll(async () => {
	t = await createTestApp();
	const admin = await adminToken(t);
	const ideas = (await createCycle(t)).slug as string;
	await setPhase(t, ideas, 'ideas');
	const idea = await submitIdea(t, ideas);
	const comment = await t.app.inject({
		method: 'POST',
		url: c(`${ideas}/ideas/${idea.id}/comments`),
		payload: { body: 'First' },
		remoteAddress: freshIp()
	});
	const dev = (await createCycle(t)).slug as string;
	await setPhase(t, dev, 'ideas');
	const devIdea = await submitIdea(t, dev);
	await setPhase(t, dev, 'development');
	const proposal = await createProposal(t, dev, [devIdea.id]);
	const draft = (await createCycle(t)).slug as string;
	for (const title of ['One', 'Two']) {
		await t.app.inject({
			method: 'POST',
			url: c(`${draft}/projects`),
			headers: bearer(admin),
			payload: { title, description: 'x', costCents: 100 }
		});
	}
	const phase = (await createCycle(t)).slug as string;
	const voting = (await votingCycle(t, {}, 3)).slug as string;
	const codes = await generateCodes(t, voting, 3);
	const spare = await generateCodes(t, voting, 1, 'spare');
	const site = (await adminPost(t, c(`${voting}/polling-sites`), { name: 'Library' })).json();
	const worker = await staffToken(t, 'poll_worker');
	const session = async () =>
		(
			await t.app.inject({
				method: 'POST',
				url: c(`${voting}/kiosk/sessions`),
				headers: bearer(worker.token),
				payload: { siteId: site.id }
			})
		).json() as { id: string; kioskToken: { token: string } };
	const kiosk = await session();
	const sessionId = kiosk.id;
	const spareSessionId = (await session()).id;
	const voter = await newVoter(t, voting, codes.codes[0]!);
	// A closed vote with one ballot, for the results and export endpoints.
	const tallying = (await votingCycle(t, {}, 3)).slug as string;
	const tallyCodes = await generateCodes(t, tallying, 1);
	await putBallot(t, tallying, await newVoter(t, tallying, tallyCodes.codes[0]!), {
		ranking: ['P01']
	});
	await setPhase(t, tallying, 'tallying');
	const closed = (await votingCycle(t, {}, 3)).slug as string;
	const closedCodes = await generateCodes(t, closed, 1);
	await putBallot(t, closed, await newVoter(t, closed, closedCodes.codes[0]!), {
		ranking: ['P02']
	});
	await setPhase(t, closed, 'tallying');
	const reviewer = await staffToken(t, 'reviewer');
	const moderator = await staffToken(t, 'moderator');
	const spareStaff = await staffToken(t, 'moderator');
	w = {
		ideas,
		dev,
		voting,
		draft,
		phase,
		tallying,
		closed,
		ideaId: idea.id,
		devIdeaId: devIdea.id,
		proposalId: proposal.id,
		commentId: comment.json().id,
		batchId: codes.batchId,
		spareBatchId: spare.batchId,
		spareCode: codes.codes[1]!,
		siteId: site.id,
		sessionId,
		spareSessionId,
		staffId: spareStaff.id,
		newCode: codes.codes[2]!
	};
	for (const slug of [ideas, dev, voting, draft, phase, tallying, closed]) {
		cycleIds.set(slug, (await findCycleBySlug(t.deps.db, slug))!.id);
	}
	const adminId = t.app.jwt.decode<{ sub: string }>(admin)!.sub;
	const voterClaims = t.app.jwt.decode<{ sub: string; cycle: string }>(voter)!;
	Object.assign(tokens, {
		admin,
		reviewer: reviewer.token,
		moderator: moderator.token,
		poll_worker: worker.token,
		voter,
		kiosk: kiosk.kioskToken.token
	});
	Object.assign(actors, {
		admin: { kind: 'staff', id: adminId, role: 'admin' },
		reviewer: { kind: 'staff', id: reviewer.id, role: 'reviewer' },
		moderator: { kind: 'staff', id: moderator.id, role: 'moderator' },
		poll_worker: { kind: 'staff', id: worker.id, role: 'poll_worker' },
		voter: { kind: 'voter', id: voterClaims.sub, cycleId: voterClaims.cycle, channel: 'online' },
		kiosk: { kind: 'kiosk', sessionId, cycleId: cycleIds.get(voting)!, siteId: site.id },
		anonymous: { kind: 'anonymous' }
	});
	const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
	operations = Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, ops]) =>
		Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)
	);
}, 180_000);
afterAll(() => t?.close());

function allowed(access: Access, subject: Subject): boolean {
	const actor = actors[subject]!;
	if (access.guard === 'public') return true;
	if (access.guard === 'staff') return actor.kind === 'staff';
	const cycleId = access.cycle ? cycleIds.get(access.cycle(w)) : undefined;
	return can(actor, access.guard as Action, { cycleId, sessionId: access.session?.(w) });
}

async function callAs(op: string, subject: Subject) {
	const access = ACCESS[op]!;
	const { url, body, contentType } = access.call(w);
	const headers: Record<string, string> = {};
	if (subject !== 'anonymous') headers.authorization = `Bearer ${tokens[subject]}`;
	if (body !== undefined) headers['content-type'] = contentType ?? 'application/json';
	return t.app.inject({
		method: op.split(' ')[0] as 'GET',
		url,
		headers,
		payload:
			body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		remoteAddress: freshIp()
	});
}

describe('role × endpoint', () => {
	it('classifies every endpoint of the OpenAPI document', () => {
		expect(operations.length).toBeGreaterThan(40);
		const unclassified = operations.filter((op) => !ACCESS[op] && !op.startsWith('GET /api/docs'));
		expect(unclassified, 'add these endpoints to ACCESS').toEqual([]);
	});

	it('refuses every caller the policy refuses (401 or 403), and lets the others through', async () => {
		const report: string[] = [];
		let checked = 0;
		for (const op of operations.filter((o) => ACCESS[o])) {
			const access = ACCESS[op]!;
			// Refused callers first: the allowed calls may change what later calls find.
			const order = [...SUBJECTS].sort(
				(a, b) => Number(allowed(access, a)) - Number(allowed(access, b))
			);
			for (const subject of order) {
				const res = await callAs(op, subject);
				checked++;
				const ok = allowed(access, subject);
				// A refusal is about who calls; LOGIN_FAILED (a 401 too) is an answer to what was sent.
				const code = res.headers['content-type']?.toString().includes('json')
					? res.json().code
					: '';
				const refusals = ['UNAUTHENTICATED', 'TOKEN_INVALID', 'FORBIDDEN', access.refusal?.code];
				const refused = typeof code === 'string' && refusals.includes(code);
				const expected = access.refusal?.status ?? (subject === 'anonymous' ? 401 : 403);
				if (ok ? refused : !refused || res.statusCode !== expected) {
					report.push(
						`${op} as ${subject}: expected ${ok ? 'access' : expected}, got ${res.statusCode} ${res.body.slice(0, 160)}`
					);
				}
				if (refused)
					expect(res.headers['content-type'], `${op} as ${subject}`).toMatch(/problem\+json/);
			}
		}
		console.log(
			`security-roles: ${checked} role × endpoint checks on ${Object.keys(ACCESS).length} endpoints`
		);
		expect(report).toEqual([]);
	}, 180_000);

	it('lets the kiosk close its own session, after which its token is refused there too', async () => {
		const own = {
			method: 'POST' as const,
			url: c(`${w.voting}/kiosk/sessions/${w.sessionId}/close`)
		};
		const res = await t.app.inject({ ...own, headers: bearer(tokens.kiosk!) });
		expect(res.statusCode, res.body).toBe(200);
		expect(res.json().closedAt).not.toBeNull();
		const again = await t.app.inject({ ...own, headers: bearer(tokens.kiosk!) });
		expect({ status: again.statusCode, code: again.json().code }).toEqual({
			status: 401,
			code: 'TOKEN_INVALID'
		});
	});
});
