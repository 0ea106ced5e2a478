import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';

let t: TestContext;
let paths: Record<string, Record<string, Operation>>;
beforeAll(async () => {
	t = await createTestApp();
	paths = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths;
});
afterAll(() => t.close());

interface Operation {
	parameters?: { in: string; name: string; schema?: object }[];
	requestBody?: { content: Record<string, { schema?: object }> };
	responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

/** Issue 4's endpoints: method, path, and whether they take a JSON body. */
const ENDPOINTS: [string, string, boolean][] = [
	['post', '/api/auth/login', true],
	['get', '/api/auth/me', false],
	['post', '/api/auth/password', true],
	['get', '/api/staff', false],
	['post', '/api/staff', true],
	['patch', '/api/staff/{staffId}', true],
	['get', '/api/cycles', false],
	['post', '/api/cycles', true],
	['get', '/api/cycles/{slug}', false],
	['patch', '/api/cycles/{slug}', true],
	['post', '/api/cycles/{slug}/phase', true],
	['post', '/api/cycles/{slug}/projects', true],
	['patch', '/api/cycles/{slug}/projects/{projectId}', true],
	['delete', '/api/cycles/{slug}/projects/{projectId}', false],
	['get', '/api/cycles/{slug}/ideas', false],
	['post', '/api/cycles/{slug}/ideas', true],
	['get', '/api/cycles/{slug}/ideas/{ideaId}', false],
	['get', '/api/cycles/{slug}/ideas/{ideaId}/similar', false],
	['post', '/api/cycles/{slug}/ideas/{ideaId}/hide', true],
	['post', '/api/cycles/{slug}/ideas/{ideaId}/restore', false],
	['get', '/api/cycles/{slug}/proposals', false],
	['post', '/api/cycles/{slug}/proposals', true],
	['get', '/api/cycles/{slug}/proposals/{proposalId}', false],
	['patch', '/api/cycles/{slug}/proposals/{proposalId}', true],
	['post', '/api/cycles/{slug}/proposals/{proposalId}/assign', true],
	['post', '/api/cycles/{slug}/proposals/{proposalId}/review', true],
	['post', '/api/cycles/{slug}/proposals/{proposalId}/promote', true],
	['get', '/api/cycles/{slug}/ideas/{ideaId}/comments', false],
	['post', '/api/cycles/{slug}/ideas/{ideaId}/comments', true],
	['get', '/api/cycles/{slug}/proposals/{proposalId}/comments', false],
	['post', '/api/cycles/{slug}/proposals/{proposalId}/comments', true],
	['post', '/api/cycles/{slug}/comments/{commentId}/hide', true],
	['post', '/api/cycles/{slug}/comments/{commentId}/restore', false],
	['get', '/api/audit', false],
	['get', '/api/audit/verify', false]
];

const successes = (op: Operation) =>
	Object.entries(op.responses).filter(([status]) => status.startsWith('2'));

describe('OpenAPI document', () => {
	it.each(ENDPOINTS)('%s %s has its request and response schemas', (method, path, hasBody) => {
		const op = paths[path]?.[method];
		expect(op, `${method} ${path} missing`).toBeDefined();
		const [[status, response]] = successes(op!) as [[string, Operation['responses'][string]]];
		if (status !== '204') expect(response.content?.['application/json']?.schema).toBeDefined();
		for (const name of path.match(/\{(\w+)\}/g) ?? []) {
			const param = op!.parameters?.find((p) => p.in === 'path' && `{${p.name}}` === name);
			expect(param?.schema, `${name} in ${path}`).toBeDefined();
		}
		if (hasBody) expect(op!.requestBody?.content['application/json']?.schema).toBeDefined();
		else expect(op!.requestBody).toBeUndefined();
	});

	it('documents query parameters with their schemas', () => {
		const names = (path: string) =>
			paths[path]!.get!.parameters!.filter((p) => p.in === 'query').map((p) => p.name);
		expect(names('/api/cycles/{slug}/ideas')).toEqual([
			'q',
			'category',
			'neighborhood',
			'page',
			'pageSize'
		]);
		expect(names('/api/cycles/{slug}/proposals')).toEqual(['feasibility']);
		expect(names('/api/audit')).toEqual(['cycle', 'before', 'limit']);
	});

	it('gives every operation of the API a success response with a schema', () => {
		for (const [path, ops] of Object.entries(paths)) {
			for (const [method, op] of Object.entries(ops)) {
				const ok = successes(op);
				expect(ok.length, `${method} ${path}`).toBeGreaterThan(0);
				for (const [status, response] of ok) {
					if (status === '204') continue;
					expect(
						Object.values(response.content ?? {})[0]?.schema,
						`${method} ${path} ${status}`
					).toBeDefined();
				}
			}
		}
	});

	it('documents why each project was funded or not, as data, with every code', () => {
		const results = JSON.stringify(paths['/api/cycles/{slug}/results']!.get!.responses['200']);
		expect(results).toContain('"because"');
		for (const code of ['greedy.fit', 'mes.sharesRanOut', 'staff.partial', 'comparison.greedy'])
			expect(results).toContain(`"${code}"`);
	});
});
