import type { Cookies } from '@sveltejs/kit';
import { createApi } from '$lib/server/api';
import { kioskCookie, voterCookie, type KioskPlace } from '$lib/server/session';

/** The kiosk screen of a kiosk session. */
export const kioskScreen = (k: KioskPlace) => `/staff/cycles/${k.slug}/kiosk/${k.sessionId}`;

/** Where a closed kiosk leads: the staff sign-in, then back to opening a kiosk. */
export const kioskClosedUrl = (slug: string) =>
	`/staff/login?kiosk=closed&next=${encodeURIComponent(`/staff/cycles/${slug}/kiosk`)}`;

/**
 * Ends kiosk mode on this device: closes its session with its own credential (best effort: it
 * may be closed already), then forgets the credential and any walk-in's voter token.
 */
export async function endKiosk(fetch: typeof globalThis.fetch, cookies: Cookies) {
	const kiosk = kioskCookie.get(cookies);
	if (!kiosk) return;
	await createApi(fetch, kiosk.token)
		.post(`/cycles/${kiosk.slug}/kiosk/sessions/${kiosk.sessionId}/close`)
		.catch(() => undefined);
	kioskCookie.clear(cookies);
	voterCookie.clear(cookies, kiosk.slug);
}

/** The API no longer takes this kiosk credential (its session closed, idled out, or was ended). */
export const kioskEnded = (status: number) => [401, 403, 404, 409].includes(status);
