import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BECAUSE_EXAMPLES } from '@allot/shared/domain/allocation/because.fixture';
import { formatMoney } from '../format.ts';
import { REASONS, showReason } from './reasons.ts';

const title = (id: string) => `Project ${id}`;
const examples = BECAUSE_EXAMPLES.map((e) => [e.because.code, e] as const);
const example = (code: string) => {
	const { because, english } = BECAUSE_EXAMPLES.find((e) => e.because.code === code)!;
	return { reason: english, because };
};

describe.each(['es', 'ar'])('reasons in %s', (lang) => {
	it.each(examples)('%s is translated, with nothing left unfilled', (_, { because, english }) => {
		const shown = showReason({ reason: english, because }, lang, 'USD', title);
		expect(shown.lang).toBe(lang);
		expect(shown.text).not.toBe(english);
		expect(shown.text).not.toMatch(/undefined|NaN|null|\[object|[{}]/);
		if (lang === 'ar') expect(shown.text).toMatch(/[\u0600-\u06ff]/);
	});
});

describe('showReason', () => {
	it('formats money for the language, each amount isolated for right-to-left text', () => {
		for (const lang of ['en', 'es', 'ar']) {
			const { text } = showReason(example('greedy.fit'), lang, 'USD', title);
			expect(text).toContain(`\u2068${formatMoney(45_000_00, 'USD', lang)}\u2069`);
			expect(text).toContain(`\u2068${formatMoney(180_000_00, 'USD', lang)}\u2069`);
		}
	});

	it('names projects by their title, isolated for right-to-left text', () => {
		const { text } = showReason(example('greedy.notReached'), 'ar', 'USD', title);
		expect(text).toContain('\u2068Project 783\u2069');
	});

	it('renders a wrapped reason in the same language', () => {
		const es = showReason(example('comparison.greedy'), 'es', 'USD', title).text;
		expect(es).toContain('necesitaba');
		expect(es).toContain('la comparación');
	});

	it('falls back to the English reason, marked as English', () => {
		const reason = 'no supporters';
		expect(showReason({ reason }, 'es', 'USD', title)).toEqual({ text: reason, lang: 'en' });
		const because = { code: 'noSupporters', params: {} } as const;
		expect(showReason({ reason, because }, 'fr', 'USD', title)).toEqual({
			text: reason,
			lang: 'en'
		});
		const unknown = { code: 'lottery.won', params: {} } as unknown as typeof because;
		expect(showReason({ reason, because: unknown }, 'ar', 'USD', title)).toEqual({
			text: reason,
			lang: 'en'
		});
	});

	it('has templates for every language the app has a message file for', () => {
		const files = readdirSync(new URL('./messages/', import.meta.url)).filter((f) =>
			f.endsWith('.ts')
		);
		expect(files.length).toBeGreaterThan(0);
		for (const file of files) expect(Object.keys(REASONS)).toContain(file.replace(/\.ts$/, ''));
	});
});
