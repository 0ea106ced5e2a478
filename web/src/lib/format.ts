/** Formats integer cents as currency for the reader's language (no floats stored, only shown). */
export function formatMoney(cents: number, currency: string, lang = 'en'): string {
	return new Intl.NumberFormat(lang, {
		style: 'currency',
		currency,
		maximumFractionDigits: cents % 100 === 0 ? 0 : 2
	}).format(cents / 100);
}

export function formatNumber(n: number, lang = 'en'): string {
	return new Intl.NumberFormat(lang).format(n);
}

/**
 * An exact decimal string from the engine (a score, a welfare total: `1112.4`, `139.0`) in the
 * reader's language, with exactly its own decimals; anything else (a fraction `1/3`) as it is.
 */
export function formatDecimal(text: string, lang = 'en'): string {
	if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
	const decimals = text.split('.')[1]?.length ?? 0;
	return new Intl.NumberFormat(lang, {
		minimumFractionDigits: decimals,
		maximumFractionDigits: decimals
	}).format(Number(text));
}

/** A date (YYYY-MM-DD) or timestamp, shown as a calendar date in the reader's language. */
export function formatDate(iso: string, lang = 'en'): string {
	const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

export function formatDateTime(iso: string, lang = 'en'): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
