import type { FastifyInstance, FastifyReply, FastifyError } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { STATUS_CODES } from 'node:http';
import { AppError } from '../errors.ts';

export interface ProblemExtra {
	detail?: string;
	errors?: { path: string; message: string }[];
	[key: string]: unknown;
}

/** Writes an RFC 9457 problem+json response with our stable `code`. */
export function sendProblem(
	reply: FastifyReply,
	status: number,
	code: string,
	extra: ProblemExtra = {}
) {
	return reply
		.code(status)
		.type('application/problem+json')
		.send({
			type: `https://allot.example/problems/${code.toLowerCase().replaceAll('_', '-')}`,
			title: STATUS_CODES[status] ?? 'Error',
			status,
			code,
			instance: reply.request.url,
			...extra
		});
}

// Fastify's own client errors, mapped to stable codes (everything else 4xx: VALIDATION_FAILED).
const fastifyCodes: Record<string, string> = {
	FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
	FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
	FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
	FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
	FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
	FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
	FST_ERR_BAD_URL: 'NOT_FOUND',
	FST_JWT_NO_AUTHORIZATION_IN_HEADER: 'UNAUTHENTICATED',
	FST_JWT_AUTHORIZATION_TOKEN_INVALID: 'TOKEN_INVALID',
	FST_JWT_AUTHORIZATION_TOKEN_EXPIRED: 'TOKEN_INVALID',
	FST_JWT_AUTHORIZATION_TOKEN_UNTRUSTED: 'TOKEN_INVALID',
	FST_JWT_BAD_REQUEST: 'TOKEN_INVALID',
	FST_JWT_BAD_COOKIE_REQUEST: 'TOKEN_INVALID'
};

// PostgreSQL SQLSTATEs and socket errors that mean "the database cannot be reached right now".
const UNREACHABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNREACHABLE_ERRNOS = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH'
]);
const UNREACHABLE_MESSAGE = /^(Connection terminated|timeout exceeded when trying to connect)/;

/**
 * Whether an error (or its cause: drizzle wraps driver errors) says the database is down or
 * restarting: a 503 the client may retry, not a 500 that reports our bug.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
	for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
		const code = (e as { code?: unknown }).code;
		if (typeof code === 'string') {
			if (code.startsWith('08') || UNREACHABLE_STATES.has(code) || UNREACHABLE_ERRNOS.has(code)) {
				return true;
			}
		}
		if (UNREACHABLE_MESSAGE.test(e.message)) return true;
	}
	return false;
}

function handleError(err: FastifyError, reply: FastifyReply) {
	if (hasZodFastifySchemaValidationErrors(err)) {
		return sendProblem(reply, 400, 'VALIDATION_FAILED', {
			detail: 'The request does not match the schema',
			errors: err.validation.map((v) => ({
				path: `${err.validationContext ?? ''}${v.instancePath}`,
				message: v.message ?? 'invalid'
			}))
		});
	}
	if (err instanceof AppError) {
		// Lockouts say when to come back, in the header clients and proxies already understand.
		if (typeof err.extra.retryAfterSeconds === 'number') {
			reply.header('retry-after', String(err.extra.retryAfterSeconds));
		}
		return sendProblem(reply, err.status, err.code, { detail: err.message, ...err.extra });
	}
	const status = err.statusCode ?? 500;
	if (status >= 400 && status < 500) {
		const code =
			(err.code && fastifyCodes[err.code]) ??
			(status === 429 ? 'RATE_LIMITED' : 'VALIDATION_FAILED');
		return sendProblem(reply, status, code, { detail: err.message });
	}
	if (status === 503) return sendProblem(reply, 503, 'OVERLOADED', { detail: 'Try again shortly' });
	if (isDatabaseUnavailable(err)) {
		reply.request.log.warn({ err }, 'database unavailable');
		reply.header('retry-after', '2');
		return sendProblem(reply, 503, 'UNAVAILABLE', {
			detail: 'The database is unavailable: try again shortly'
		});
	}
	// Anything else is our bug: log it with the request id, never leak its message.
	reply.request.log.error({ err }, 'unhandled error');
	return sendProblem(reply, 500, 'INTERNAL', { detail: `Reference ${reply.request.id}` });
}

/**
 * For the errors Fastify's router raises before any route or hook runs (a malformed URL, a path
 * parameter over maxParamLength): without it Fastify answers them in its own JSON shape.
 */
export function frameworkErrors(err: FastifyError, _req: unknown, reply: FastifyReply) {
	return handleError(err, reply);
}

/** One error shape for the whole API (fastify/demo's "< 500 may be shown" rule). */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
	app.setErrorHandler((err: FastifyError, _req, reply) => handleError(err, reply));
	app.setNotFoundHandler((req, reply) =>
		sendProblem(reply, 404, 'NOT_FOUND', {
			detail: `No route ${req.method} ${req.url.split('?')[0]}`
		})
	);
});
