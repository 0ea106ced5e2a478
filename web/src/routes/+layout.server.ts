import type { CycleList } from '@allot/shared';
import { createApi } from '$lib/server/api';
import { language, languageChoices } from '$lib/server/i18n';
import { kioskCookie } from '$lib/server/session';
import type { LayoutServerLoad } from './$types';

/**
 * Which open cycle the header and home page lead to: where young people can act now (vote, share
 * ideas), then fresh results; development and counting are mostly staff work.
 */
const PRIORITY = ['voting', 'ideas', 'results', 'development', 'tallying', 'implementation'];

function currentSlug(list: CycleList): string | undefined {
	const open = list.items.filter((c) => PRIORITY.includes(c.phase));
	open.sort((a, b) => PRIORITY.indexOf(a.phase) - PRIORITY.indexOf(b.phase));
	return open[0]?.slug ?? list.items[0]?.slug;
}

export const load: LayoutServerLoad = async ({ locals, fetch, cookies }) => {
	const { code, dir, messages } = language(locals.lang);
	const list = await createApi(fetch).get<CycleList>('/cycles');
	return {
		lang: code,
		dir,
		messages,
		languages: languageChoices,
		currentSlug: list.ok ? currentSlug(list.data) : undefined,
		/** this device is a polling-site kiosk: bigger targets, no site menu, auto sign-out (never its token) */
		kiosk: kioskCookie.place(cookies) ?? null
	};
};
