import fc from 'fast-check';
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import {
	adminToken,
	bearer,
	createCycle,
	createProposal,
	setPhase,
	snapshot,
	staffToken,
	submitIdea,
	votingCycle
} from '../helpers/factories.ts';
import { adminPost, generateCodes, newVoter } from '../helpers/voting.ts';

/**
 * Malformed requests against every write endpoint of the OpenAPI document (new endpoints are
 * fuzzed without touching this file). Each generated request carries at least one defect that
 * must get it refused: a missing, forged, expired or alg:none token; a body of the wrong shape
 * (wrong top-level type, a required field missing, a field of the wrong type); bad JSON; a
 * Content-Type the route does not take; a body over the 1 MiB limit. On top of that, noise that
 * alone would be harmless: extra fields, huge and unicode strings, odd but valid Content-Types.
 * Every answer must be a 4xx problem+json, never a 5xx, and no table may change.
 */

const TOTAL_RUNS = Number(process.env.FUZZ_RUNS || 10_000);
const SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';
const LIMIT = 1024 * 1024;
const OVERSIZE = Buffer.from(`{"x":"${'a'.repeat(LIMIT)}`);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Schema {
	type?: string | string[];
	properties?: Record<string, Schema>;
	required?: string[];
	anyOf?: Schema[];
	oneOf?: Schema[];
	allOf?: Schema[];
	$ref?: string;
	items?: Schema;
	enum?: unknown[];
	const?: unknown;
}
interface Operation {
	method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	path: string;
	/** the JSON body schema, when the route takes one */
	body?: Schema;
	/** the media types the route accepts */
	mediaTypes: string[];
	/** whether the route requires a token (then a missing or forged one is a defect) */
	secured: boolean;
}

let t: TestContext;
const operations: Operation[] = [];
let components: Record<string, Schema> = {};
const tokens: Record<string, string> = {};
/** real values for path parameters, so requests get past lookups to the checks behind them */
const known: Record<string, string[]> = {};

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
function forge(header: object, payload: object, secret = SECRET, hash = 'sha256') {
	const body = `${b64(header)}.${b64(payload)}`;
	return `${body}.${createHmac(hash, secret).update(body).digest('base64url')}`;
}

beforeAll(async () => {
	t = await createTestApp();
	const admin = await adminToken(t);
	// Resources for the path parameters: a cycle in each phase that takes writes.
	const ideas = await createCycle(t);
	await setPhase(t, ideas.slug, 'ideas');
	const idea = await submitIdea(t, ideas.slug);
	const comment = await t.app.inject({
		method: 'POST',
		url: `/api/cycles/${ideas.slug}/ideas/${idea.id}/comments`,
		payload: { body: 'A comment to moderate' },
		remoteAddress: '192.0.2.1'
	});
	const dev = await createCycle(t);
	await setPhase(t, dev.slug, 'ideas');
	const devIdea = await submitIdea(t, dev.slug);
	await setPhase(t, dev.slug, 'development');
	const proposal = await createProposal(t, dev.slug, [devIdea.id]);
	const voting = await votingCycle(t, {}, 3);
	const batch = await generateCodes(t, voting.slug, 2);
	const site = await adminPost(t, `/api/cycles/${voting.slug}/polling-sites`, { name: 'Library' });
	const worker = await staffToken(t, 'poll_worker');
	const session = await t.app.inject({
		method: 'POST',
		url: `/api/cycles/${voting.slug}/kiosk/sessions`,
		headers: bearer(worker.token),
		payload: { siteId: site.json().id }
	});
	const reviewer = await staffToken(t, 'reviewer');
	const moderator = await staffToken(t, 'moderator');
	const voter = await newVoter(t, voting.slug, batch.codes[0]!);
	Object.assign(known, {
		slug: [ideas.slug, dev.slug, voting.slug],
		ideaId: [idea.id, devIdea.id],
		proposalId: [proposal.id],
		commentId: comment.statusCode === 201 ? [comment.json().id] : [],
		projectId: ['P01', 'P02'],
		batchId: [batch.batchId],
		sessionId: session.statusCode === 201 ? [session.json().id] : [],
		staffId: [reviewer.id]
	});
	const now = Math.floor(Date.now() / 1000);
	const adminClaims = JSON.parse(Buffer.from(admin.split('.')[1]!, 'base64url').toString());
	Object.assign(tokens, {
		admin,
		reviewer: reviewer.token,
		moderator: moderator.token,
		poll_worker: worker.token,
		voter,
		expired: forge(
			{ alg: 'HS256', typ: 'JWT' },
			{ ...adminClaims, iat: now - 7200, exp: now - 3600 }
		),
		algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...adminClaims, exp: now + 600 })}.`,
		hs384: forge({ alg: 'HS384' }, { ...adminClaims, exp: now + 600 }, SECRET, 'sha384'),
		wrongSecret: forge({ alg: 'HS256' }, { ...adminClaims, exp: now + 600 }, 'x'.repeat(48)),
		noExp: forge({ alg: 'HS256' }, { ...adminClaims, exp: undefined }),
		garbage: 'not-a-jwt'
	});
	// The write endpoints, from the document the API publishes.
	const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
	components = doc.components?.schemas ?? {};
	for (const [path, ops] of Object.entries<
		Record<
			string,
			{ requestBody?: { content: Record<string, { schema: Schema }> }; security?: unknown[] }
		>
	>(doc.paths)) {
		for (const [method, op] of Object.entries(ops)) {
			if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
			const content = op.requestBody?.content ?? {};
			operations.push({
				method: method.toUpperCase() as Operation['method'],
				path,
				body: content['application/json']?.schema,
				mediaTypes: Object.keys(content),
				secured: (op.security?.length ?? 0) > 0
			});
		}
	}
}, 120_000);
afterAll(() => t?.close());

// ---- schema helpers ---------------------------------------------------------------------

function resolve(s: Schema | undefined, depth = 0): Schema | undefined {
	if (!s || depth > 10) return s;
	if (s.$ref) return resolve(components[s.$ref.split('/').pop()!], depth + 1);
	if (s.allOf?.length === 1) return resolve(s.allOf[0], depth + 1);
	return s;
}

const JSON_TYPES = ['string', 'number', 'boolean', 'null', 'array', 'object'] as const;
type JsonType = (typeof JSON_TYPES)[number];

/** The JSON types a schema accepts; undefined when it cannot be told (then not used for defects). */
function acceptedTypes(raw: Schema | undefined): Set<JsonType> | undefined {
	const s = resolve(raw);
	if (!s) return undefined;
	const branches = s.anyOf ?? s.oneOf;
	if (branches) {
		const out = new Set<JsonType>();
		for (const b of branches) {
			const types = acceptedTypes(b);
			if (!types) return undefined;
			for (const x of types) out.add(x);
		}
		return out;
	}
	if (s.enum || s.const !== undefined) {
		return new Set(
			(s.enum ?? [s.const]).map((v) =>
				v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as JsonType)
			)
		);
	}
	if (!s.type) return undefined;
	const list = Array.isArray(s.type) ? s.type : [s.type];
	return new Set(list.map((x) => (x === 'integer' ? 'number' : x)) as JsonType[]);
}

const valueOfType: Record<JsonType, fc.Arbitrary<Json>> = {
	string: fc.oneof(fc.string(), fc.constant('x'), fc.string({ unit: 'grapheme', maxLength: 50 })),
	number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
	boolean: fc.boolean(),
	null: fc.constant(null),
	array: fc.array(fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>, { maxLength: 3 }),
	object: fc.dictionary(
		fc.string({ maxLength: 8 }),
		fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>,
		{ maxKeys: 3 }
	)
};

/** Noise: values that may or may not be valid (huge, unicode, nested, extreme numbers). */
const noise: fc.Arbitrary<Json> = fc.oneof(
	fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
	fc.string({ unit: 'grapheme', maxLength: 200 }),
	fc.string({ unit: 'binary', maxLength: 100 }),
	fc.integer({ min: 1, max: 20_000 }).map((n) => 'Ж'.repeat(n)),
	fc.constantFrom(
		Number.MAX_SAFE_INTEGER,
		-1,
		0,
		1e308,
		-0,
		2 ** 63,
		'\u0000',
		'\u202e',
		'<script>',
		"' or 1=1 --",
		'../../etc/passwd',
		'{{7*7}}'
	)
);

/** A body that the route's schema must refuse, with harmless noise around the defect. */
function malformedBody(raw: Schema): fc.Arbitrary<Json> {
	const s = resolve(raw)!;
	const props = Object.entries(s.properties ?? {});
	const required = s.required ?? [];
	const accepted = acceptedTypes(s);
	const filler = fc.record(Object.fromEntries(props.map(([k]) => [k, noise])), {
		requiredKeys: []
	});
	const extras = fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 12 }), noise, {
		maxKeys: 3
	});
	const options: fc.Arbitrary<Json>[] = [];
	const wrongTop = JSON_TYPES.filter((x) => accepted && !accepted.has(x));
	if (wrongTop.length) options.push(fc.constantFrom(...wrongTop).chain((x) => valueOfType[x]));
	if (required.length && accepted?.size === 1 && accepted.has('object')) {
		options.push(
			fc.tuple(fc.constantFrom(...required), filler, extras).map(([drop, f, e]) => {
				const body: Record<string, Json> = { ...e, ...(f as Record<string, Json>) };
				delete body[drop];
				return body;
			})
		);
	}
	const typed = props
		.map(([k, p]) => ({ k, types: acceptedTypes(p) }))
		.filter((x): x is { k: string; types: Set<JsonType> } => x.types !== undefined)
		.map(({ k, types }) => ({ k, wrong: JSON_TYPES.filter((x) => !types.has(x)) }))
		.filter((x) => x.wrong.length > 0);
	if (typed.length && accepted?.has('object')) {
		options.push(
			fc.constantFrom(...typed).chain(({ k, wrong }) =>
				fc
					.tuple(
						fc.constantFrom(...wrong).chain((x) => valueOfType[x]),
						filler,
						extras
					)
					.map(([bad, f, e]) => ({
						...e,
						...(f as Record<string, Json>),
						[k]: bad
					}))
			)
		);
	}
	return options.length ? fc.oneof(...options) : fc.constant([]);
}

// ---- requests -----------------------------------------------------------------------------

const INVALID_TOKENS = ['expired', 'algNone', 'hs384', 'wrongSecret', 'noExp', 'garbage'];
const VALID_TOKENS = ['admin', 'admin', 'admin', 'reviewer', 'moderator', 'poll_worker', 'voter'];
const BAD_MEDIA = [
	'text/plain',
	'application/xml',
	'application/x-www-form-urlencoded',
	'multipart/form-data; boundary=x',
	'application/jsonp',
	'image/png',
	'application/octet-stream',
	'json',
	';;;'
];
const OK_JSON = ['application/json', 'application/json; charset=utf-8', 'Application/JSON'];
const BAD_JSON = fc.oneof(
	fc.constantFrom(
		'{',
		'{"a":',
		"{'a':1}",
		'[1,2',
		'nul',
		'{"a":1}}',
		'\u0000',
		'{"a":01}',
		'{"a":NaN}',
		'{"__proto__":',
		'"',
		','
	),
	fc.string({ maxLength: 30 }).filter((x) => {
		try {
			JSON.parse(x);
			return false;
		} catch {
			return true;
		}
	})
);
const junkSegment = fc.oneof(
	fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
	fc.constantFrom(
		'..',
		'%00',
		'%E0%A4%A',
		'x'.repeat(3000),
		'00000000-0000-0000-0000-000000000000',
		'NaN',
		'-1',
		' '
	)
);

interface Defect {
	defect: string;
	token?: string;
	type?: string;
	payload?: string | Buffer;
}

interface Generated {
	method: string;
	url: string;
	headers: Record<string, string>;
	payload?: string | Buffer;
	remoteAddress: string;
	defect: string;
}

function requestFor(op: Operation): fc.Arbitrary<Generated> {
	const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
	const paramValue = (name: string) =>
		fc.oneof(
			{
				weight: 6,
				arbitrary: known[name]?.length
					? fc.constantFrom(...known[name]!)
					: fc.constant(randomUUID())
			},
			{ weight: 2, arbitrary: fc.uuid() },
			{ weight: 1, arbitrary: junkSegment.map(encodeURIComponent) }
		);
	const url = fc
		.tuple(...params.map(paramValue))
		.map((values) => params.reduce((u, p, i) => u.replace(`{${p}}`, String(values[i])), op.path));
	const jsonRoute = op.body !== undefined;
	const defects: fc.Arbitrary<Defect>[] = [
		BAD_JSON.map((payload) => ({ defect: 'bad JSON', type: 'application/json', payload }))
	];
	// Over the limit: one behaviour, and a megabyte each, so 1 request in 20.
	const oversize: fc.Arbitrary<Defect> = fc.integer({ min: 1, max: 4096 }).map((n) => ({
		defect: 'oversize',
		type: 'application/json',
		payload: Buffer.concat([OVERSIZE, Buffer.from(`${'a'.repeat(n)}"}`)])
	}));
	// A public route ignores or never reads a token: there a bad one is no defect of its own.
	if (op.secured) {
		defects.push(
			fc
				.constantFrom(...INVALID_TOKENS, 'none')
				.map((token) => ({ defect: `token:${token}`, token }))
		);
	}
	const badMedia = BAD_MEDIA.filter((m) => !op.mediaTypes.includes(m.split(';')[0]!));
	defects.push(
		fc
			.tuple(fc.constantFrom(...badMedia), fc.string({ maxLength: 100 }))
			.map(([type, payload]) => ({
				defect: `content-type ${type}`,
				type,
				payload: payload || 'x'
			}))
	);
	if (jsonRoute) {
		defects.push(
			fc.tuple(malformedBody(op.body!), fc.constantFrom(...OK_JSON)).map(([body, type]) => ({
				defect: 'body shape',
				type,
				payload: JSON.stringify(body)
			}))
		);
	}
	return fc
		.record({
			url,
			d: fc.oneof(
				{ weight: 1, arbitrary: oversize },
				...defects.map((arbitrary) => ({ weight: Math.ceil(19 / defects.length), arbitrary }))
			),
			token: fc.constantFrom(...VALID_TOKENS),
			ip: fc.ipV4()
		})
		.map(({ url, d, token, ip }) => {
			const headers: Record<string, string> = {};
			const use = d.token ?? token;
			if (use !== 'none') headers.authorization = `Bearer ${tokens[use]}`;
			if (d.type) headers['content-type'] = d.type;
			return {
				method: op.method,
				url,
				headers,
				payload: d.payload,
				remoteAddress: ip,
				defect: d.defect
			};
		});
}

async function send(g: Generated) {
	return t.app.inject({
		method: g.method as 'POST',
		url: g.url,
		headers: g.headers,
		payload: g.payload,
		remoteAddress: g.remoteAddress
	});
}

describe('fuzzing every write endpoint', () => {
	it('finds the write endpoints in the OpenAPI document', () => {
		expect(operations.length).toBeGreaterThanOrEqual(20);
		expect(operations.map((o) => `${o.method} ${o.path}`)).toContain(
			'PUT /api/cycles/{slug}/ballot'
		);
	});

	it(`answers ${TOTAL_RUNS} malformed requests with 4xx problem+json and changes nothing`, async () => {
		const perOperation = Math.ceil(TOTAL_RUNS / operations.length);
		const statuses: Record<string, number> = {};
		let sent = 0;
		for (const op of operations) {
			const before = await snapshot(t);
			await fc.assert(
				fc.asyncProperty(requestFor(op), async (g) => {
					const res = await send(g);
					sent++;
					statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
					const what = `${g.method} ${g.url.slice(0, 120)} (${g.defect}) → ${res.statusCode} ${res.body.slice(0, 300)}`;
					expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
					expect(res.statusCode, what).toBeLessThan(500);
					expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
					const problem = res.json();
					expect(problem.status, what).toBe(res.statusCode);
					expect(problem.code, what).toMatch(/^[A-Z_]+$/);
				}),
				{ numRuns: perOperation, seed: Number(process.env.FUZZ_SEED || 20_270_415) }
			);
			expect(await snapshot(t), `${op.method} ${op.path} changed the database`).toEqual(before);
		}
		console.log(
			`fuzz: ${sent} requests on ${operations.length} write endpoints; statuses ${JSON.stringify(statuses)}`
		);
		expect(sent).toBeGreaterThanOrEqual(TOTAL_RUNS);
	}, 300_000);
});
