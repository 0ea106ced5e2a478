import type { ProblemDetails } from '@allot/shared';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; problem: ProblemDetails };

/** A small typed client for the API, built per request from SvelteKit's fetch and the session token. */
export function createApi(fetch: typeof globalThis.fetch, token?: string) {
	async function call<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
		const headers: Record<string, string> = { accept: 'application/json' };
		if (token) headers.authorization = `Bearer ${token}`;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const res = await fetch(`/api${path}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		const payload = res.status === 204 ? undefined : await res.json().catch(() => undefined);
		if (res.ok) return { ok: true, data: payload as T };
		return { ok: false, problem: (payload as ProblemDetails) ?? { type: 'about:blank', title: res.statusText, status: res.status, code: 'INTERNAL' } };
	}
	return {
		get: <T>(path: string) => call<T>('GET', path),
		post: <T>(path: string, body?: unknown) => call<T>('POST', path, body),
		put: <T>(path: string, body?: unknown) => call<T>('PUT', path, body),
		patch: <T>(path: string, body?: unknown) => call<T>('PATCH', path, body),
		del: <T>(path: string) => call<T>('DELETE', path)
	};
}
