import { getContext, setContext } from 'svelte';
import type { en } from './messages/en.ts';

/**
 * A small typed lookup instead of a message-compiler library: the English file is the key type,
 * every other language file must provide the same keys (svelte-check fails otherwise), and only
 * the reader's language is sent to the browser (as layout data), keeping the voting page light.
 */
export type MessageKey = keyof typeof en.messages;
export type Messages = Record<MessageKey, string>;
export type Dir = 'ltr' | 'rtl';
export interface LanguageFile {
	/** BCP 47 tag, also the value of `?lang=` and the `allot_lang` cookie */
	code: string;
	/** the language's own name, shown in the switch */
	name: string;
	dir: Dir;
	messages: Messages;
}
/** The shape of the English file before its keys become the type. */
export interface LanguageDraft {
	code: string;
	name: string;
	dir: Dir;
	messages: Record<string, string>;
}
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** Replaces `{name}` placeholders; an unknown placeholder stays visible so a gap is noticed. */
export function format(template: string, params?: Params): string {
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}

export interface I18n {
	readonly lang: string;
	readonly dir: Dir;
	t: Translate;
	/** a message chosen at run time (a category, a code from the API), or undefined if none */
	maybe: (key: string, params?: Params) => string | undefined;
}

const KEY = Symbol('i18n');

/** Called once by the root layout with getters over its data, so the lookup follows navigation. */
export function setI18n(source: () => { lang: string; dir: Dir; messages: Messages }): I18n {
	const i18n: I18n = {
		get lang() {
			return source().lang;
		},
		get dir() {
			return source().dir;
		},
		t: (key, params) => format(source().messages[key] ?? key, params),
		maybe: (key, params) => {
			const template = (source().messages as Record<string, string>)[key];
			return template === undefined ? undefined : format(template, params);
		}
	};
	return setContext(KEY, i18n);
}

export function useI18n(): I18n {
	return getContext<I18n>(KEY);
}
