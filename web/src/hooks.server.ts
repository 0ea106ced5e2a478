import { env } from '$env/dynamic/private';
import type { Handle, HandleFetch } from '@sveltejs/kit';

const LANGS = ['en', 'es', 'ar'] as const;
type Lang = (typeof LANGS)[number];

function pickLang(url: URL, cookie: string | undefined): Lang {
	const wanted = url.searchParams.get('lang') ?? cookie;
	return (LANGS as readonly string[]).includes(wanted ?? '') ? (wanted as Lang) : 'en';
}

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.token = event.cookies.get('allot_session');
	const lang = pickLang(event.url, event.cookies.get('allot_lang'));
	event.locals.lang = lang;
	return resolve(event, {
		transformPageChunk: ({ html }) =>
			html.replace('%lang%', lang).replace('%dir%', lang === 'ar' ? 'rtl' : 'ltr')
	});
};

/** Server-side calls to /api go to the API over loopback (same process, same port in prod). */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
	const url = new URL(request.url);
	if (url.origin === event.url.origin && url.pathname.startsWith('/api/')) {
		const origin = env.ALLOT_API_ORIGIN ?? 'http://127.0.0.1:3000';
		request = new Request(`${origin}${url.pathname}${url.search}`, request);
	}
	return fetch(request);
};
