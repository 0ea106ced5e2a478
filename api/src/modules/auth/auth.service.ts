import type { LoginBody, Me, PasswordChangeBody } from '@allot/shared';
import type { Actor } from '@allot/shared/domain/policy';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import type { TokenClaims } from '../../plugins/auth.ts';
import { appendAudit } from '../audit/audit.repo.ts';
import * as staffRepo from '../staff/staff.repo.ts';
import { clearAttempts, countAttempt, lockedUntil, type LockoutLimits } from './attempts.repo.ts';
import { dummyHash, hashPassword, verifyPassword } from './passwords.ts';

const MINUTE = 60_000;
/** Five wrong passwords in 15 minutes lock an account for 15 minutes (ASVS 2.2.1). */
export const ACCOUNT_LOCKOUT: LockoutLimits = {
	maxFailures: 5,
	windowMs: 15 * MINUTE,
	lockMs: 15 * MINUTE
};
/** An address trying many accounts is locked too; generous, as a school may share one address. */
export const IP_LOCKOUT: LockoutLimits = {
	maxFailures: 20,
	windowMs: 15 * MINUTE,
	lockMs: 15 * MINUTE
};

const accountKey = (email: string) => `login:account:${email}`;
const ipKey = (ip: string) => `login:ip:${ip}`;

function lockedOut(until: Date, now: Date): AppError {
	const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
	return new AppError('LOCKED_OUT', 429, 'Too many failed sign-ins; try again later', {
		retryAfterSeconds
	});
}

async function recordFailure(deps: Deps, email: string, ip: string, now: Date): Promise<void> {
	await countAttempt(deps.db, accountKey(email), now, ACCOUNT_LOCKOUT.windowMs, ACCOUNT_LOCKOUT);
	await countAttempt(deps.db, ipKey(ip), now, IP_LOCKOUT.windowMs, IP_LOCKOUT);
}

/**
 * Checks a staff sign-in and returns the token claims. Every failure (unknown email, wrong
 * password, disabled account) is the same 401 LOGIN_FAILED and costs the same argon2 time, and
 * counts against both the email and the address, so nothing reveals which accounts exist.
 */
export async function login(deps: Deps, body: LoginBody, ip: string): Promise<TokenClaims> {
	const email = body.email.toLowerCase();
	const now = deps.now();
	const until = await lockedUntil(deps.db, [accountKey(email), ipKey(ip)], now);
	if (until) throw lockedOut(until, now);
	const staff = await staffRepo.findStaffByEmail(deps.db, email);
	const ok = await verifyPassword(staff?.passwordHash ?? (await dummyHash()), body.password);
	if (!staff || !ok || staff.disabledAt) {
		await recordFailure(deps, email, ip, now);
		throw new AppError('LOGIN_FAILED', 401, 'The email or password is wrong');
	}
	await clearAttempts(deps.db, accountKey(email));
	return { sub: staff.id, kind: 'staff', role: staff.role };
}

async function currentStaff(deps: Deps, actor: Actor) {
	const staff =
		actor.kind === 'staff' ? await staffRepo.findStaffById(deps.db, actor.id) : undefined;
	if (!staff) throw new AppError('FORBIDDEN', 403, 'Only staff accounts have a profile');
	return staff;
}

export async function me(deps: Deps, actor: Actor): Promise<Me> {
	const s = await currentStaff(deps, actor);
	return {
		id: s.id,
		email: s.email,
		displayName: s.displayName,
		role: s.role,
		mustChangePassword: s.passwordTemporary
	};
}

/** Sets a new password after checking the current one (which counts toward the lockout). */
export async function changePassword(
	deps: Deps,
	actor: Actor,
	body: PasswordChangeBody,
	ip: string
): Promise<void> {
	const staff = await currentStaff(deps, actor);
	const now = deps.now();
	const until = await lockedUntil(deps.db, [accountKey(staff.email)], now);
	if (until) throw lockedOut(until, now);
	if (!(await verifyPassword(staff.passwordHash, body.currentPassword))) {
		await recordFailure(deps, staff.email, ip, now);
		throw new AppError('VALIDATION_FAILED', 400, 'The current password is wrong', {
			errors: [{ path: '/currentPassword', message: 'wrong password' }]
		});
	}
	const passwordHash = await hashPassword(body.newPassword);
	await deps.db.transaction(async (tx) => {
		await staffRepo.updateStaff(tx, staff.id, { passwordHash, passwordTemporary: false });
		await appendAudit(tx, {
			actor: staff.id,
			action: 'staff.password_changed',
			detail: { staffId: staff.id },
			at: now
		});
	});
}
