import { z } from 'zod';
import { Instant, Slug } from './cycles.ts';

export const CommentParams = z.object({ slug: Slug, commentId: z.uuid() });
export type CommentParams = z.infer<typeof CommentParams>;

export const CommentCreateBody = z.object({
	body: z.string().trim().min(1).max(2_000),
	/** optional display name; guests may stay anonymous */
	authorName: z.string().trim().min(1).max(60).optional()
});
export type CommentCreateBody = z.infer<typeof CommentCreateBody>;

/** A comment; a hidden one shows only "hidden by moderators: <reason>" to the public. */
export const Comment = z.object({
	id: z.string(),
	targetType: z.enum(['idea', 'proposal']),
	targetId: z.string(),
	authorName: z.string().nullable(),
	body: z.string(),
	createdAt: Instant,
	hidden: z.boolean(),
	hiddenReason: z.string().nullable()
});
export type Comment = z.infer<typeof Comment>;

export const CommentList = z.object({ items: z.array(Comment) });
export type CommentList = z.infer<typeof CommentList>;
