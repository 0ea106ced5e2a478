import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// The same-origin check for form posts lives in hooks.server.ts: adapter-node guesses
		// `https` for the request URL when no ORIGIN is set, which made every plain-http post
		// (the one-port server, a kiosk on a school network) look cross-site. The hook compares
		// the Origin header's host with the Host header instead; cookies are SameSite=Lax too.
		csrf: { trustedOrigins: ['*'] },
		// Strict CSP for every page: Kit adds hashes/nonces for its own inline bootstrap script.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'base-uri': ['none'],
				'frame-ancestors': ['none'],
				'form-action': ['self'],
				'object-src': ['none'],
				'img-src': ['self', 'data:'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline']
			}
		}
	}
};

export default config;
