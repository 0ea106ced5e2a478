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

/** Which kiosk session a device runs: where its screen is, never its credential. */
export interface KioskPlace {
	slug: string;
	sessionId: string;
}

/**
 * The kiosk credential of a device a poll worker turned into a kiosk: `slug/sessionId/token`,
 * the token being the API's kiosk token for that one session (it can show, check walk-ins in at
 * and close that session, nothing else). It replaces the staff cookie on that device.
 */
export const kioskCookie = {
	name: 'allot_kiosk',
	get(cookies: Cookies): (KioskPlace & { token: string }) | undefined {
		const [slug, sessionId, token] = (cookies.get('allot_kiosk') ?? '').split('/');
		return slug && sessionId && token ? { slug, sessionId, token } : undefined;
	},
	/** Only where the screen is (for layouts and redirects): the token stays on the server. */
	place(cookies: Cookies): KioskPlace | undefined {
		const kiosk = kioskCookie.get(cookies);
		return kiosk && { slug: kiosk.slug, sessionId: kiosk.sessionId };
	},
	set(cookies: Cookies, request: Request, k: KioskPlace & { token: string; expiresAt: string }) {
		const maxAge = Math.max(1, Math.floor((Date.parse(k.expiresAt) - Date.now()) / 1000));
		cookies.set('allot_kiosk', `${k.slug}/${k.sessionId}/${k.token}`, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: secure(request),
			maxAge
		});
	},
	clear(cookies: Cookies) {
		cookies.delete('allot_kiosk', { path: '/' });
	}
};

/**
 * The polling-site session a staff member enters paper ballots in, on their own device and with
 * their own sign-in (`slug/sessionId`; not a credential).
 */
export const paperCookie = {
	get(cookies: Cookies, slug: string): string | undefined {
		const [at, sessionId] = (cookies.get('allot_paper') ?? '').split('/');
		return at === slug && sessionId ? sessionId : undefined;
	},
	set(cookies: Cookies, request: Request, slug: string, sessionId: string) {
		cookies.set('allot_paper', `${slug}/${sessionId}`, {
			path: '/staff',
			httpOnly: true,
			sameSite: 'lax',
			secure: secure(request),
			maxAge: 12 * 60 * 60
		});
	},
	clear(cookies: Cookies) {
		cookies.delete('allot_paper', { path: '/staff' });
	}
};
