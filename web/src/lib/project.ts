import { seededRandom } from '@allot/shared/domain/random';
import type { ProjectSummary } from '@allot/shared';

export interface LocalText {
	text: string;
	/** the language the text is really in: set as `lang` when it differs from the page's */
	lang: string;
}

export interface LocalProject {
	id: string;
	title: LocalText;
	summary: LocalText;
	description: string;
	imageAlt: LocalText | null;
	imageUrl: string | null;
	costCents: number;
	category: string | null;
}

/** Project texts in the reader's language when translated, else the original (English). */
export function localize(p: ProjectSummary, lang: string): LocalProject {
	const tr = p.translations[lang] ?? {};
	const pick = (own: string | undefined, base: string): LocalText =>
		own ? { text: own, lang } : { text: base, lang: 'en' };
	return {
		id: p.id,
		title: pick(tr.title, p.title),
		summary: pick(tr.summary, p.summary),
		description: p.description,
		imageAlt: p.imageAlt ? pick(tr.imageAlt, p.imageAlt) : null,
		imageUrl: p.imageUrl,
		costCents: p.costCents,
		category: p.category
	};
}

/** Fisher–Yates with a seed: the ballot order is random per visitor, so no project gains by its place. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
	const out = [...items];
	const next = seededRandom(seed);
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}
