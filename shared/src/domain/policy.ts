/**
 * Who may do what: one decision table (decidim's permissions.rb), asked by every service through
 * `can(actor, action, resource)`. Pure data plus small named conditions, so the whole policy can
 * be read, and tested role × action, in one place.
 *
 * Adding an action: append it to `ACTIONS`, grant it in the rows of the subjects that may do it
 * (`true`, or a condition on the resource), and add its expected row to policy.test.ts.
 * A subject without an entry for an action is refused: the table is closed by default.
 */

export const STAFF_ROLES = ['admin', 'reviewer', 'moderator', 'poll_worker'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * Who is calling: a staff member, a voter scoped to one cycle, a polling-site kiosk scoped to
 * one kiosk session (the device a poll worker handed over to walk-ins), or nobody.
 */
export type Actor =
	| { kind: 'staff'; id: string; role: StaffRole }
	| { kind: 'voter'; id: string; cycleId: string; channel: 'online' | 'kiosk' }
	| { kind: 'kiosk'; sessionId: string; cycleId: string; siteId: string }
	| { kind: 'anonymous' };

export const ACTIONS = [
	// staff accounts and the audit log
	'staff.manage',
	'audit.read',
	// cycles and their ballot projects
	'cycle.create',
	'cycle.edit',
	'cycle.changePhase',
	'project.manage',
	// ideas
	'idea.submit',
	'idea.moderate',
	'idea.viewPrivate',
	// proposals
	'proposal.create',
	'proposal.edit',
	'proposal.assign',
	'proposal.review',
	'proposal.viewInternal',
	'proposal.promote',
	// comments
	'comment.post',
	'comment.moderate',
	// voting (issue 5): access codes, polling sites and kiosks, ballots, results, open data
	'accessCode.manage',
	'pollingSite.manage',
	// open kiosk sessions, list sites, enter paper ballots: staff at a polling site
	'kiosk.operate',
	// what a kiosk screen does in one session: show it, check walk-ins in, close it
	'kiosk.viewSession',
	'kiosk.checkIn',
	'kiosk.closeSession',
	'turnout.viewLive',
	'ballot.cast',
	'results.compute',
	'results.publish',
	'results.export',
	'pabulib.import'
] as const;
export type Action = (typeof ACTIONS)[number];

/** What a decision may depend on; services pass what they loaded. */
export interface Resource {
	/** the cycle the action touches */
	cycleId?: string;
	/** the reviewer assigned to a proposal (null: nobody yet) */
	reviewerId?: string | null;
	/** the kiosk session the action happens in */
	sessionId?: string;
}

export type Condition = (actor: Actor, resource: Resource | undefined) => boolean;
/** `true`: always allowed; a condition: allowed when it holds. */
export type Grant = true | Condition;
export type Subject = StaffRole | 'voter' | 'kiosk' | 'anonymous';
export const SUBJECTS: readonly Subject[] = [...STAFF_ROLES, 'voter', 'kiosk', 'anonymous'];

/** A voter token is scoped to one cycle: it acts only there (elsewhere, send no token). */
export const inOwnCycle: Condition = (actor, resource) =>
	actor.kind === 'voter' && resource?.cycleId !== undefined && resource.cycleId === actor.cycleId;

/**
 * A kiosk credential is scoped to the one session it was issued for (and that session's cycle):
 * a device left with walk-ins can serve that booth and nothing else.
 */
export const inOwnSession: Condition = (actor, resource) =>
	actor.kind === 'kiosk' &&
	resource?.sessionId !== undefined &&
	resource.sessionId === actor.sessionId &&
	resource.cycleId === actor.cycleId;

/** A reviewer works on proposals assigned to them, or not yet assigned to anyone. */
export const assignedOrOpen: Condition = (actor, resource) =>
	actor.kind === 'staff' && (resource?.reviewerId == null || resource.reviewerId === actor.id);

/** Anyone may take part in deliberation: guests, staff and voters (in their own cycle). */
const participation = { 'idea.submit': true, 'comment.post': true } as const;

export const PERMISSIONS: Record<Subject, Partial<Record<Action, Grant>>> = {
	admin: {
		...participation,
		'staff.manage': true,
		'audit.read': true,
		'cycle.create': true,
		'cycle.edit': true,
		'cycle.changePhase': true,
		'project.manage': true,
		'idea.moderate': true,
		'idea.viewPrivate': true,
		'proposal.create': true,
		'proposal.edit': true,
		'proposal.assign': true,
		'proposal.review': true,
		'proposal.viewInternal': true,
		'proposal.promote': true,
		'comment.moderate': true,
		'accessCode.manage': true,
		'pollingSite.manage': true,
		'kiosk.operate': true,
		'kiosk.viewSession': true,
		'kiosk.checkIn': true,
		'kiosk.closeSession': true,
		'turnout.viewLive': true,
		'results.compute': true,
		'results.publish': true,
		'results.export': true,
		'pabulib.import': true
	},
	reviewer: {
		...participation,
		'idea.viewPrivate': true,
		'proposal.create': true,
		'proposal.edit': true,
		'proposal.review': assignedOrOpen,
		'proposal.viewInternal': true
	},
	moderator: {
		...participation,
		'idea.moderate': true,
		'comment.moderate': true
	},
	poll_worker: {
		...participation,
		'kiosk.operate': true,
		'kiosk.viewSession': true,
		'kiosk.checkIn': true,
		'kiosk.closeSession': true,
		'turnout.viewLive': true
	},
	voter: { 'idea.submit': inOwnCycle, 'comment.post': inOwnCycle, 'ballot.cast': inOwnCycle },
	// Nothing else, not even taking part in deliberation: the kiosk is a booth, not a browser.
	kiosk: {
		'kiosk.viewSession': inOwnSession,
		'kiosk.checkIn': inOwnSession,
		'kiosk.closeSession': inOwnSession
	},
	anonymous: { ...participation }
};

export function subjectOf(actor: Actor): Subject {
	return actor.kind === 'staff' ? actor.role : actor.kind;
}

/** Whether `actor` may do `action` (on `resource`, for conditional grants). */
export function can(actor: Actor, action: Action, resource?: Resource): boolean {
	const grant = PERMISSIONS[subjectOf(actor)][action];
	if (grant === undefined) return false;
	return grant === true || grant(actor, resource);
}
