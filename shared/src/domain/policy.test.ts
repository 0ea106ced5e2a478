import { describe, expect, it } from 'vitest';
import { ACTIONS, can, SUBJECTS, type Action, type Actor, type Subject } from './policy.ts';

/**
 * The expected decision for every subject × action. `own-cycle`: only on a resource in the
 * voter's own cycle; `assigned`: only on a proposal assigned to the actor or to nobody;
 * `own-session`: only in the kiosk session (of the cycle) the kiosk credential was issued for.
 */
type Expected = 'yes' | 'no' | 'own-cycle' | 'assigned' | 'own-session';
type Row = Record<Subject, Expected>;

const staffOnly = (admin: Expected, reviewer: Expected, moderator: Expected): Row => ({
	admin,
	reviewer,
	moderator,
	poll_worker: 'no',
	voter: 'no',
	kiosk: 'no',
	anonymous: 'no'
});
const everyone: Row = {
	admin: 'yes',
	reviewer: 'yes',
	moderator: 'yes',
	poll_worker: 'yes',
	voter: 'own-cycle',
	kiosk: 'no',
	anonymous: 'yes'
};
/** Staff at a polling site (admins, poll workers) and the kiosk in its own session. */
const booth: Row = { ...staffOnly('yes', 'no', 'no'), poll_worker: 'yes', kiosk: 'own-session' };

const expected: Record<Action, Row> = {
	'staff.manage': staffOnly('yes', 'no', 'no'),
	'audit.read': staffOnly('yes', 'no', 'no'),
	'cycle.create': staffOnly('yes', 'no', 'no'),
	'cycle.edit': staffOnly('yes', 'no', 'no'),
	'cycle.changePhase': staffOnly('yes', 'no', 'no'),
	'project.manage': staffOnly('yes', 'no', 'no'),
	'idea.submit': everyone,
	'idea.moderate': staffOnly('yes', 'no', 'yes'),
	'idea.viewPrivate': staffOnly('yes', 'yes', 'no'),
	'proposal.create': staffOnly('yes', 'yes', 'no'),
	'proposal.edit': staffOnly('yes', 'yes', 'no'),
	'proposal.assign': staffOnly('yes', 'no', 'no'),
	'proposal.review': staffOnly('yes', 'assigned', 'no'),
	'proposal.viewInternal': staffOnly('yes', 'yes', 'no'),
	'proposal.promote': staffOnly('yes', 'no', 'no'),
	'comment.post': everyone,
	'comment.moderate': staffOnly('yes', 'no', 'yes'),
	'accessCode.manage': staffOnly('yes', 'no', 'no'),
	'pollingSite.manage': staffOnly('yes', 'no', 'no'),
	'kiosk.operate': { ...staffOnly('yes', 'no', 'no'), poll_worker: 'yes' },
	'kiosk.viewSession': booth,
	'kiosk.checkIn': booth,
	'kiosk.closeSession': booth,
	'turnout.viewLive': { ...staffOnly('yes', 'no', 'no'), poll_worker: 'yes' },
	'ballot.cast': { ...staffOnly('no', 'no', 'no'), voter: 'own-cycle' },
	'results.compute': staffOnly('yes', 'no', 'no'),
	'results.publish': staffOnly('yes', 'no', 'no'),
	'results.export': staffOnly('yes', 'no', 'no'),
	'pabulib.import': staffOnly('yes', 'no', 'no')
};

const CYCLE = 'cycle-1';
const ME = 'staff-me';
const SESSION = 'session-1';

function actorFor(subject: Subject): Actor {
	if (subject === 'anonymous') return { kind: 'anonymous' };
	if (subject === 'voter')
		return { kind: 'voter', id: 'voter-1', cycleId: CYCLE, channel: 'online' };
	if (subject === 'kiosk')
		return { kind: 'kiosk', sessionId: SESSION, cycleId: CYCLE, siteId: 'site-1' };
	return { kind: 'staff', id: ME, role: subject };
}

const cases = ACTIONS.flatMap((action) =>
	SUBJECTS.map((subject) => ({ action, subject, want: expected[action][subject] }))
);

describe('policy decision table', () => {
	it('has an expected row for every action', () => {
		expect(Object.keys(expected).sort()).toEqual([...ACTIONS].sort());
	});

	it.each(cases)('$subject × $action → $want', ({ action, subject, want }) => {
		const actor = actorFor(subject);
		const own = { cycleId: CYCLE, reviewerId: null, sessionId: SESSION };
		const other = { cycleId: 'cycle-2', reviewerId: 'someone-else', sessionId: 'session-2' };
		switch (want) {
			case 'yes':
				expect(can(actor, action, own)).toBe(true);
				expect(can(actor, action, other)).toBe(true);
				break;
			case 'no':
				expect(can(actor, action, own)).toBe(false);
				expect(can(actor, action)).toBe(false);
				break;
			case 'own-cycle':
				expect(can(actor, action, { cycleId: CYCLE })).toBe(true);
				expect(can(actor, action, { cycleId: 'cycle-2' })).toBe(false);
				expect(can(actor, action)).toBe(false);
				break;
			case 'assigned':
				expect(can(actor, action, { reviewerId: null })).toBe(true);
				expect(can(actor, action, { reviewerId: ME })).toBe(true);
				expect(can(actor, action, { reviewerId: 'someone-else' })).toBe(false);
				break;
			case 'own-session':
				expect(can(actor, action, { cycleId: CYCLE, sessionId: SESSION })).toBe(true);
				expect(can(actor, action, { cycleId: CYCLE, sessionId: 'session-2' })).toBe(false);
				expect(can(actor, action, { cycleId: 'cycle-2', sessionId: SESSION })).toBe(false);
				expect(can(actor, action, { cycleId: CYCLE })).toBe(false);
				expect(can(actor, action)).toBe(false);
				break;
		}
	});
});
