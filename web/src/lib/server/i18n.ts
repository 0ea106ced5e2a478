import type { LanguageFile } from '$lib/i18n';

/**
 * Every file in $lib/i18n/messages is a language: adding a language is adding one file.
 * Server-only, so the browser receives just the reader's language through layout data.
 */
const files = import.meta.glob<LanguageFile>('../i18n/messages/*.ts', { eager: true, import: 'language' });

export const languages: LanguageFile[] = Object.values(files).sort((a, b) =>
	a.code === 'en' ? -1 : b.code === 'en' ? 1 : a.code.localeCompare(b.code)
);
const byCode = new Map(languages.map((l) => [l.code, l]));

export const DEFAULT_LANG = 'en';

export function isLang(code: string | null | undefined): code is string {
	return !!code && byCode.has(code);
}

export function language(code: string): LanguageFile {
	return byCode.get(code) ?? byCode.get(DEFAULT_LANG)!;
}

/** What the language switch needs: code, own name. */
export const languageChoices = languages.map(({ code, name }) => ({ code, name }));
