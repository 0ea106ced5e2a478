import { z } from 'zod';
import { StaffRole } from './auth.ts';
import { Instant } from './cycles.ts';

export const StaffParams = z.object({ staffId: z.uuid() });
export type StaffParams = z.infer<typeof StaffParams>;

export const StaffMember = z.object({
	id: z.string(),
	email: z.string(),
	displayName: z.string(),
	role: StaffRole,
	disabled: z.boolean(),
	disabledAt: Instant.nullable(),
	createdAt: Instant
});
export type StaffMember = z.infer<typeof StaffMember>;

export const StaffList = z.object({ items: z.array(StaffMember) });
export type StaffList = z.infer<typeof StaffList>;

export const StaffInviteBody = z.object({
	email: z.email().max(254),
	displayName: z.string().trim().min(1).max(100),
	role: StaffRole
});
export type StaffInviteBody = z.infer<typeof StaffInviteBody>;

/** The new account and its temporary password, shown this once and never stored in clear. */
export const StaffInvited = z.object({ staff: StaffMember, temporaryPassword: z.string() });
export type StaffInvited = z.infer<typeof StaffInvited>;

export const StaffUpdateBody = z
	.object({
		displayName: z.string().trim().min(1).max(100),
		role: StaffRole,
		disabled: z.boolean()
	})
	.partial();
export type StaffUpdateBody = z.infer<typeof StaffUpdateBody>;
