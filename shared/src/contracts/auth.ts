import { z } from 'zod';
import { STAFF_ROLES } from '../domain/policy.ts';

export const StaffRole = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof StaffRole>;

/** Long passphrases are welcome; the cap keeps one request from hashing megabytes. */
export const Password = z.string().min(12, 'at least 12 characters').max(256);

export const LoginBody = z.object({
	email: z.string().trim().min(1).max(254),
	password: z.string().min(1).max(256)
});
export type LoginBody = z.infer<typeof LoginBody>;

export const LoginResponse = z.object({ token: z.string() });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const Me = z.object({
	id: z.string(),
	email: z.string(),
	displayName: z.string(),
	role: StaffRole,
	/** the password is the temporary one an admin handed out: ask for a new one */
	mustChangePassword: z.boolean()
});
export type Me = z.infer<typeof Me>;

export const PasswordChangeBody = z.object({
	currentPassword: z.string().min(1).max(256),
	newPassword: Password
});
export type PasswordChangeBody = z.infer<typeof PasswordChangeBody>;
