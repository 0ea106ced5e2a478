import type {
	StaffInviteBody,
	StaffInvited,
	StaffList,
	StaffMember,
	StaffUpdateBody
} from '@allot/shared';
import type { Actor } from '@allot/shared/domain/policy';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { appendAudit } from '../audit/audit.repo.ts';
import { authorizeStaff } from '../auth/authorize.ts';
import { hashPassword, temporaryPassword } from '../auth/passwords.ts';
import * as repo from './staff.repo.ts';

export function toStaffMember(row: repo.StaffRow): StaffMember {
	return {
		id: row.id,
		email: row.email,
		displayName: row.displayName,
		role: row.role,
		disabled: row.disabledAt !== null,
		disabledAt: row.disabledAt?.toISOString() ?? null,
		createdAt: row.createdAt.toISOString()
	};
}

export async function listStaff(deps: Deps, actor: Actor): Promise<StaffList> {
	authorizeStaff(actor, 'staff.manage');
	return { items: (await repo.listStaff(deps.db)).map(toStaffMember) };
}

/** Creates a staff account with a temporary password, returned this once (never stored in clear). */
export async function inviteStaff(
	deps: Deps,
	actor: Actor,
	body: StaffInviteBody
): Promise<StaffInvited> {
	authorizeStaff(actor, 'staff.manage');
	const password = temporaryPassword();
	const passwordHash = await hashPassword(password);
	const email = body.email.toLowerCase();
	const now = deps.now();
	return deps.db.transaction(async (tx) => {
		const row = await repo.insertStaff(tx, { ...body, email, passwordHash, temporary: true, now });
		if (!row) throw new AppError('EMAIL_TAKEN', 409, `${email} already has an account`);
		const detail = { staffId: row.id, email, role: row.role };
		await appendAudit(tx, { actor: actor.id, action: 'staff.invite', detail, at: now });
		return { staff: toStaffMember(row), temporaryPassword: password };
	});
}

/** Refuses changes that would leave no active admin (nobody could manage staff any more). */
async function keepAnAdmin(
	tx: Parameters<typeof repo.countActiveAdmins>[0],
	row: repo.StaffRow,
	body: StaffUpdateBody
) {
	const activeAdmin = row.role === 'admin' && row.disabledAt === null;
	const losesAdmin = (body.role !== undefined && body.role !== 'admin') || body.disabled === true;
	if (activeAdmin && losesAdmin && (await repo.countActiveAdmins(tx)) <= 1) {
		throw new AppError('LAST_ADMIN', 409, 'This is the last active admin');
	}
}

export async function updateStaff(
	deps: Deps,
	actor: Actor,
	staffId: string,
	body: StaffUpdateBody
): Promise<StaffMember> {
	authorizeStaff(actor, 'staff.manage');
	if (staffId === actor.id && (body.disabled === true || (body.role && body.role !== 'admin'))) {
		throw new AppError('CONFLICT', 409, 'You cannot disable or demote your own account');
	}
	const now = deps.now();
	return deps.db.transaction(async (tx) => {
		const row = await repo.findStaffById(tx, staffId, { forUpdate: true });
		if (!row) throw notFound('Staff member');
		await keepAnAdmin(tx, row, body);
		const disabledAt =
			body.disabled === undefined ? undefined : body.disabled ? (row.disabledAt ?? now) : null;
		const changes = { displayName: body.displayName, role: body.role, disabledAt };
		if (Object.values(changes).every((v) => v === undefined)) return toStaffMember(row);
		const updated = await repo.updateStaff(tx, staffId, changes);
		await appendAudit(tx, {
			actor: actor.id,
			action: 'staff.update',
			detail: { staffId, changes: body },
			at: now
		});
		return toStaffMember(updated);
	});
}
