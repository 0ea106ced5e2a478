import type { ErrorCode } from '@allot/shared';

/** An expected failure with a stable code; the error handler turns it into problem+json. */
export class AppError extends Error {
	constructor(
		readonly code: ErrorCode,
		readonly status: number,
		detail?: string,
		readonly extra: Record<string, unknown> = {}
	) {
		super(detail ?? code);
		this.name = 'AppError';
	}
}

export const notFound = (what: string) => new AppError('NOT_FOUND', 404, `${what} not found`);
export const forbidden = (detail = 'Your role may not do this') =>
	new AppError('FORBIDDEN', 403, detail);
