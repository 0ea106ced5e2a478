import { env } from '$env/dynamic/private';
import type { Handle, HandleFetch } from '@sveltejs/kit';
import { DEFAULT_LANG, isLang, language } from '$lib/server/i18n';
import { isHttps, isSameOrigin } from '$lib/server/session';

const YEAR = 60 * 60 * 24 * 365;

/**
 * Kit's own CSRF check is relaxed (svelte.config.js) and done here instead: the Origin host must
 * equal the Host the browser asked for. Setting adapter-node's ORIGIN would pin one host name and
 * refuse the same server reached as 127.0.0.1, localhost or through a proxy.
 */
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const FORM = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)/i;

export const handle: Handle = async ({ event, resolve }) => {
	const { request } = event;
	if (UNSAFE.has(request.method) && FORM.test(request.headers.get('content-type') ?? '') && !isSameOrigin(request)) {
		return new Response('Cross-site form submissions are forbidden', { status: 403 });
	}
	event.locals.token = event.cookies.get('allot_session');
	const asked = event.url.searchParams.get('lang');
	const saved = event.cookies.get('allot_lang');
	const lang = isLang(asked) ? asked : isLang(saved) ? saved : DEFAULT_LANG;
	// `?lang=xx` from the language switch is remembered, so the choice holds on every page.
	if (isLang(asked) && asked !== saved) {
		event.cookies.set('allot_lang', asked, {
			path: '/',
			maxAge: YEAR,
			sameSite: 'lax',
			httpOnly: false,
			secure: isHttps(request)
		});
	}
	event.locals.lang = lang;
	const { dir } = language(lang);
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', lang).replace('%dir%', dir)
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
