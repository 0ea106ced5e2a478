import type { Cookies } from '@sveltejs/kit';

/**
 * A per-visitor random seed (cookie, not personal data), so the shuffled project order stays the
 * same while one person browses and votes, and differs between people.
 */
export function shuffleSeed(cookies: Cookies, secure = false): number {
	const saved = Number(cookies.get('allot_order'));
	if (Number.isInteger(saved) && saved > 0) return saved;
	const seed = crypto.getRandomValues(new Uint32Array(1))[0]! || 1;
	cookies.set('allot_order', String(seed), { path: '/', sameSite: 'lax', httpOnly: true, secure, maxAge: 60 * 60 * 24 * 60 });
	return seed;
}
