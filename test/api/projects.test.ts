import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import {
	addProject,
	adminToken,
	bearer,
	createCycle,
	expectNoChange,
	expectProblem,
	setPhase,
	staffToken,
	votingCycle
} from '../helpers/factories.ts';

let t: TestContext;
beforeAll(async () => {
	t = await createTestApp();
});
afterAll(() => t.close());

const send = async (
	method: 'POST' | 'PATCH' | 'DELETE',
	url: string,
	payload?: object,
	token?: string
) =>
	t.app.inject({
		method,
		url: `/api${url}`,
		headers: bearer(token ?? (await adminToken(t))),
		payload
	});
const project = {
	title: 'Free Wi-Fi',
	description: 'Fast Wi-Fi in six centres',
	costCents: 150_000_00
};

describe('POST /api/cycles/:slug/projects', () => {
	it('adds projects with generated ids P01, P02, … after any P<n> already used', async () => {
		const cycle = await createCycle(t);
		const first = await send('POST', `/cycles/${cycle.slug}/projects`, project);
		expect(first.statusCode).toBe(201);
		expect(first.json()).toMatchObject({
			id: 'P01',
			title: 'Free Wi-Fi',
			costCents: 150_000_00,
			category: null,
			summary: ''
		});
		await addProject(t, cycle.slug, { id: 'P12' });
		await addProject(t, cycle.slug, { id: 'library-studio' });
		expect((await addProject(t, cycle.slug)).id).toBe('P13');
		const detail = await t.app.inject({ method: 'GET', url: `/api/cycles/${cycle.slug}` });
		expect(detail.json().projects.map((p: { id: string }) => p.id)).toEqual([
			'P01',
			'P12',
			'library-studio',
			'P13'
		]);
	});

	it('stores summary, image, alt text and translations', async () => {
		const cycle = await createCycle(t);
		const full = {
			...project,
			id: 'P7',
			category: 'parks',
			summary: 'Wi-Fi where young people study',
			imageUrl: 'https://example.org/wifi.jpg',
			imageAlt: 'A teenager with a laptop',
			translations: {
				es: { title: 'Wi-Fi gratis' },
				ar: { title: 'إنترنت مجاني', imageAlt: 'مراهق' }
			}
		};
		const res = await send('POST', `/cycles/${cycle.slug}/projects`, full);
		expect(res.statusCode).toBe(201);
		expect(res.json()).toEqual({ ...full, proposalId: null });
	});

	it('answers a duplicate id with 409 PROJECT_ID_TAKEN and writes nothing', async () => {
		const cycle = await createCycle(t);
		await addProject(t, cycle.slug, { id: 'P01' });
		await expectNoChange(t, async () =>
			expectProblem(
				await send('POST', `/cycles/${cycle.slug}/projects`, { ...project, id: 'P01' }),
				409,
				'PROJECT_ID_TAKEN'
			)
		);
	});

	it.each([
		['a category the cycle does not list', { category: 'space-program' }],
		['a cost above the pot', { costCents: 2_000_000_00 }],
		['a negative cost', { costCents: -1 }],
		['no title', { title: '' }],
		['an id with spaces', { id: 'P 1' }],
		['a javascript: image URL', { imageUrl: 'javascript:alert(1)' }]
	])('refuses %s with 400 VALIDATION_FAILED and writes nothing', async (_name, overrides) => {
		const cycle = await createCycle(t);
		await expectNoChange(t, async () =>
			expectProblem(
				await send('POST', `/cycles/${cycle.slug}/projects`, { ...project, ...overrides }),
				400,
				'VALIDATION_FAILED'
			)
		);
	});

	it('answers 404 for an unknown cycle, 401 without a token and 403 for a reviewer', async () => {
		const cycle = await createCycle(t);
		const reviewer = await staffToken(t, 'reviewer');
		await expectNoChange(t, async () => {
			expectProblem(
				await send('POST', '/cycles/no-such-cycle/projects', project),
				404,
				'NOT_FOUND'
			);
			expectProblem(
				await send('POST', `/cycles/${cycle.slug}/projects`, project, reviewer.token),
				403,
				'FORBIDDEN'
			);
			const anonymous = await t.app.inject({
				method: 'POST',
				url: `/api/cycles/${cycle.slug}/projects`,
				payload: project
			});
			expectProblem(anonymous, 401, 'UNAUTHENTICATED');
		});
	});
});

describe('PATCH and DELETE /api/cycles/:slug/projects/:projectId', () => {
	it('edits and removes a project before voting, each change audited', async () => {
		const cycle = await createCycle(t);
		await addProject(t, cycle.slug, { id: 'P01' });
		const edited = await send('PATCH', `/cycles/${cycle.slug}/projects/P01`, {
			costCents: 90_000_00,
			category: 'schools'
		});
		expect(edited.statusCode).toBe(200);
		expect(edited.json()).toMatchObject({ id: 'P01', costCents: 90_000_00, category: 'schools' });
		const removed = await send('DELETE', `/cycles/${cycle.slug}/projects/P01`);
		expect(removed.statusCode).toBe(204);
		const detail = await t.app.inject({ method: 'GET', url: `/api/cycles/${cycle.slug}` });
		expect(detail.json().projects).toEqual([]);
	});

	it('answers an unknown project with 404 and bad input with 400, writing nothing', async () => {
		const cycle = await createCycle(t);
		await addProject(t, cycle.slug, { id: 'P01' });
		await expectNoChange(t, async () => {
			expectProblem(
				await send('PATCH', `/cycles/${cycle.slug}/projects/P99`, { title: 'x' }),
				404,
				'NOT_FOUND'
			);
			expectProblem(await send('DELETE', `/cycles/${cycle.slug}/projects/P99`), 404, 'NOT_FOUND');
			expectProblem(
				await send('PATCH', `/cycles/${cycle.slug}/projects/P01`, { costCents: 'a lot' }),
				400,
				'VALIDATION_FAILED'
			);
			expectProblem(
				await send('PATCH', `/cycles/${cycle.slug}/projects/P01`, { category: 'nope' }),
				400,
				'VALIDATION_FAILED'
			);
		});
	});

	it('refuses to add, edit or remove projects once voting opened (409 PHASE_CLOSED), writing nothing', async () => {
		const cycle = await votingCycle(t);
		await expectNoChange(t, async () => {
			expectProblem(
				await send('POST', `/cycles/${cycle.slug}/projects`, project),
				409,
				'PHASE_CLOSED'
			);
			expectProblem(
				await send('PATCH', `/cycles/${cycle.slug}/projects/P01`, { title: 'Late change' }),
				409,
				'PHASE_CLOSED'
			);
			expectProblem(
				await send('DELETE', `/cycles/${cycle.slug}/projects/P01`),
				409,
				'PHASE_CLOSED'
			);
		});
	});

	it('allows edits again when voting goes back to development before any ballot', async () => {
		const cycle = await votingCycle(t);
		await setPhase(t, cycle.slug, 'development');
		expect(
			(await send('PATCH', `/cycles/${cycle.slug}/projects/P01`, { title: 'Fixed typo' }))
				.statusCode
		).toBe(200);
	});

	it('refuses a moderator (403) and a missing token (401)', async () => {
		const cycle = await createCycle(t);
		await addProject(t, cycle.slug, { id: 'P01' });
		const moderator = await staffToken(t, 'moderator');
		await expectNoChange(t, async () => {
			expectProblem(
				await send('DELETE', `/cycles/${cycle.slug}/projects/P01`, undefined, moderator.token),
				403,
				'FORBIDDEN'
			);
			const anonymous = await t.app.inject({
				method: 'DELETE',
				url: `/api/cycles/${cycle.slug}/projects/P01`
			});
			expectProblem(anonymous, 401, 'UNAUTHENTICATED');
		});
	});
});
