/** Formats integer cents as currency for the reader's language (no floats stored, only shown). */
export function formatMoney(cents: number, currency: string, lang = 'en'): string {
	return new Intl.NumberFormat(lang, {
		style: 'currency',
		currency,
		maximumFractionDigits: cents % 100 === 0 ? 0 : 2
	}).format(cents / 100);
}
