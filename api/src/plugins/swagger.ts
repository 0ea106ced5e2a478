import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/** OpenAPI generated from the zod contracts in @allot/shared; docs UI at /api/docs. */
export const swaggerPlugin = fp(async (app: FastifyInstance) => {
	await app.register(swagger, {
		openapi: {
			openapi: '3.1.0',
			info: {
				title: 'allot API',
				version: '0.1.0',
				description: 'Participatory budgeting: cycles, ideas, proposals, voting and exact allocation rules.'
			},
			components: {
				securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }
			}
		},
		transform: jsonSchemaTransform,
		transformObject: jsonSchemaTransformObject
	});
	await app.register(swaggerUi, {
		routePrefix: '/api/docs',
		// The docs page needs inline styles of its own; everything else keeps the strict CSP.
		staticCSP: false
	});
	app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
});
