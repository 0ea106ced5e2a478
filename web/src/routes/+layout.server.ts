import type { CycleList } from '@allot/shared';
import { createApi } from '$lib/server/api';
import { language, languageChoices } from '$lib/server/i18n';
import type { LayoutServerLoad } from './$types';

/** The cycle the site header links to: the newest one that is open to the public. */
function currentSlug(list: CycleList): string | undefined {
	return list.items.find((c) => c.phase !== 'archived' && c.phase !== 'draft')?.slug ?? list.items[0]?.slug;
}

export const load: LayoutServerLoad = async ({ locals, fetch }) => {
	const { code, dir, messages } = language(locals.lang);
	const list = await createApi(fetch).get<CycleList>('/cycles');
	return {
		lang: code,
		dir,
		messages,
		languages: languageChoices,
		currentSlug: list.ok ? currentSlug(list.data) : undefined
	};
};
