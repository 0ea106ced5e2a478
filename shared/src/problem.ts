import { z } from 'zod';

/** Stable error codes. Clients branch on these, never on titles or messages. */
export const ErrorCode = z.enum([
	'VALIDATION_FAILED',
	'UNSUPPORTED_MEDIA_TYPE',
	'PAYLOAD_TOO_LARGE',
	'MALFORMED_JSON',
	'UNAUTHENTICATED',
	'TOKEN_INVALID',
	'FORBIDDEN',
	'NOT_FOUND',
	'METHOD_NOT_ALLOWED',
	'CONFLICT',
	'SLUG_TAKEN',
	'EMAIL_TAKEN',
	'LAST_ADMIN',
	'PROJECT_ID_TAKEN',
	'IDEA_ALREADY_MERGED',
	'PROPOSAL_NOT_FEASIBLE',
	'ALREADY_PROMOTED',
	'PHASE_CLOSED',
	'PHASE_TRANSITION_INVALID',
	'RULES_LOCKED',
	'BALLOT_INVALID',
	'NOT_ELIGIBLE',
	'CODE_INVALID',
	'LOCKED_OUT',
	'LOGIN_FAILED',
	'RATE_LIMITED',
	'OVERLOADED',
	'UNAVAILABLE',
	'PABULIB_INVALID',
	'RULE_PARAMS_INVALID',
	'NOT_PUBLISHED',
	'ALREADY_VOTED_IN_PERSON',
	'SESSION_CLOSED',
	'OVERRIDE_INVALID',
	'INTERNAL'
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** RFC 9457 problem details with our stable `code` and optional per-field `errors`. */
export const ProblemDetails = z
	.object({
		type: z.string(),
		title: z.string(),
		status: z.number().int(),
		detail: z.string().optional(),
		instance: z.string().optional(),
		code: z.string(),
		errors: z.array(z.object({ path: z.string(), message: z.string() })).optional()
	})
	.loose();
export type ProblemDetails = z.infer<typeof ProblemDetails>;
