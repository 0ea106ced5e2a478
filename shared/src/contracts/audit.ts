import { z } from 'zod';
import { Instant, Slug } from './cycles.ts';

export const AuditQuery = z.object({
	/** only this cycle's entries */
	cycle: Slug.optional(),
	/** entries before this sequence number (the previous page's `nextBefore`) */
	before: z.coerce.number().int().min(1).optional(),
	limit: z.coerce.number().int().min(1).max(200).default(50)
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
	seq: z.number().int(),
	cycleId: z.string().nullable(),
	/** a staff id, or `system` */
	actor: z.string(),
	action: z.string(),
	detail: z.unknown(),
	at: Instant,
	prevHash: z.string(),
	hash: z.string()
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({
	items: z.array(AuditEntry),
	/** pass as `before` for the next (older) page; null at the start of the log */
	nextBefore: z.number().int().nullable()
});
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditVerification = z.object({
	ok: z.boolean(),
	count: z.number().int(),
	problems: z.array(
		z.object({ seq: z.number().int(), problem: z.enum(['hash-mismatch', 'broken-link', 'gap']) })
	)
});
export type AuditVerification = z.infer<typeof AuditVerification>;
