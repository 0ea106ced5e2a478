import type { Cookies } from '@sveltejs/kit';

const secure = (url: URL) => url.protocol === 'https:';

/**
 * Tokens live in httpOnly, SameSite=Lax cookies (Secure over https), never in page data: the web
 * tier only forwards them; the API verifies them on every call.
 */
export const voterCookie = {
	name: 'allot_voter',
	get: (cookies: Cookies) => cookies.get('allot_voter'),
	set(cookies: Cookies, url: URL, slug: string, token: string) {
		cookies.set('allot_voter', token, {
			path: `/cycles/${slug}`,
			httpOnly: true,
			sameSite: 'lax',
			secure: secure(url),
			maxAge: 2 * 60 * 60 // the API's voter tokens last two hours
		});
	},
	clear(cookies: Cookies, slug: string) {
		cookies.delete('allot_voter', { path: `/cycles/${slug}` });
	}
};

export const staffCookie = {
	name: 'allot_session',
	set(cookies: Cookies, url: URL, token: string, maxAge = 8 * 60 * 60) {
		cookies.set('allot_session', token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: secure(url),
			maxAge
		});
	},
	clear(cookies: Cookies) {
		cookies.delete('allot_session', { path: '/' });
	}
};
