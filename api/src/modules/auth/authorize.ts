import { can, type Action, type Actor, type Resource } from '@allot/shared/domain/policy';
import { AppError, forbidden } from '../../errors.ts';

export type StaffActor = Extract<Actor, { kind: 'staff' }>;

/** Asks the policy table; refuses with 401 when nobody is signed in, 403 otherwise. */
export function authorize(actor: Actor, action: Action, resource?: Resource): void {
	if (can(actor, action, resource)) return;
	if (actor.kind === 'anonymous') {
		throw new AppError('UNAUTHENTICATED', 401, 'Sign in to do this');
	}
	throw forbidden();
}

/** `authorize` for staff-only actions, narrowing the actor so services can audit its id. */
export function authorizeStaff(
	actor: Actor,
	action: Action,
	resource?: Resource
): asserts actor is StaffActor {
	authorize(actor, action, resource);
	if (actor.kind !== 'staff') throw forbidden();
}
