import type { Cookies } from '@sveltejs/kit';

/**
 * Whether the browser is on https. `event.url.protocol` cannot say (adapter-node assumes https
 * without an ORIGIN setting), so ask what the browser sent: the Origin header of a form post, or
 * a proxy's X-Forwarded-Proto.
 */
export function isHttps(request: Request): boolean {
	const origin = request.headers.get('origin');
	if (origin && origin !== 'null') return origin.startsWith('https:');
	return request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

/** Same-site form posts only: the Origin's host must be the host the request was sent to. */
export function isSameOrigin(request: Request): boolean {
	const origin = request.headers.get('origin');
	const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
	if (!origin || !host) return false;
	try {
		return new URL(origin).host === host;
	} catch {
		return false;
	}
}

const secure = (request: Request) => isHttps(request);

/**
 * Tokens live in httpOnly, SameSite=Lax cookies (Secure over https), never in page data: the web
 * tier only forwards them; the API verifies them on every call.
 */
export const voterCookie = {
	name: 'allot_voter',
	get: (cookies: Cookies) => cookies.get('allot_voter'),
	set(cookies: Cookies, request: Request, slug: string, token: string) {
		cookies.set('allot_voter', token, {
			path: `/cycles/${slug}`,
			httpOnly: true,
			sameSite: 'lax',
			secure: secure(request),
			maxAge: 2 * 60 * 60 // the API's voter tokens last two hours
		});
	},
	clear(cookies: Cookies, slug: string) {
		cookies.delete('allot_voter', { path: `/cycles/${slug}` });
	}
};

export const staffCookie = {
	name: 'allot_session',
	set(cookies: Cookies, request: Request, token: string, maxAge = 8 * 60 * 60) {
		cookies.set('allot_session', token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: secure(request),
			maxAge
		});
	},
	clear(cookies: Cookies) {
		cookies.delete('allot_session', { path: '/' });
	}
};

/** Which kiosk session this device runs (a poll worker opened it): `slug/sessionId`. */
export const kioskCookie = {
	get(cookies: Cookies): { slug: string; sessionId: string } | undefined {
		const [slug, sessionId] = (cookies.get('allot_kiosk') ?? '').split('/');
		return slug && sessionId ? { slug, sessionId } : undefined;
	},
	set(cookies: Cookies, request: Request, slug: string, sessionId: string) {
		cookies.set('allot_kiosk', `${slug}/${sessionId}`, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(request), maxAge: 12 * 60 * 60 });
	},
	clear(cookies: Cookies) {
		cookies.delete('allot_kiosk', { path: '/' });
	}
};
