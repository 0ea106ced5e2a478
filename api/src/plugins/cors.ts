import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** `CORS_ORIGINS` as a list: comma-separated, blanks dropped, trailing slashes ignored. */
export function corsOrigins(setting: string): string[] {
	return setting
		.split(',')
		.map((o) => o.trim().replace(/\/+$/, ''))
		.filter(Boolean);
}

/**
 * CORS is closed by default: the web app is served from the API's own origin, so browsers need
 * no CORS at all, and a foreign page gets no Access-Control-Allow-Origin. Only the exact origins
 * in CORS_ORIGINS are allowed, without credentials (the API takes bearer tokens, not cookies).
 */
export const corsPlugin = fp(async (app: FastifyInstance, { origins }: { origins: string[] }) => {
	if (origins.length === 0) return;
	await app.register(cors, {
		origin: origins,
		methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
		allowedHeaders: ['authorization', 'content-type'],
		credentials: false,
		maxAge: 600
	});
});
