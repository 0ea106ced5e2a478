/**
 * "Someone may have suggested this already": title similarity as word overlap (Jaccard index
 * of word sets). pg_trgm is not available in embedded PGlite by default, and word overlap is
 * easy to explain to a moderator; it runs here, on the titles the API loads for one cycle.
 */

// Words that say nothing about what an idea is (English and Spanish; Arabic is left whole).
const STOP_WORDS = new Set(
	(
		'a an and are as at be by for from in into is it more new of on or our the to with we ' +
		'al con de del el en la las los para por un una y'
	).split(' ')
);

/**
 * Lower-cased words without accents, stop words or a plural `s` ("Parks" and "park" match).
 * Letters of any script count; digits too (a "2nd" court is not a "3rd").
 */
export function titleWords(title: string): Set<string> {
	const words = title
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter((w) => w.length > 1 && !STOP_WORDS.has(w))
		.map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
	return new Set(words);
}

/** |A ∩ B| / |A ∪ B|, from 0 (nothing shared) to 1 (the same words); 0 when both are empty. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	if (a.size === 0 && b.size === 0) return 0;
	let shared = 0;
	for (const w of a) if (b.has(w)) shared++;
	return shared / (a.size + b.size - shared);
}

export interface Titled {
	id: string;
	title: string;
}

export interface SimilarOptions {
	/** least similarity worth showing (default 0.3: roughly a third of the words in common) */
	threshold?: number;
	/** at most this many (default 5) */
	limit?: number;
}

/** The candidates whose titles look like `title`, most similar first (ties by id). */
export function similarTitles<T extends Titled>(
	title: string,
	candidates: readonly T[],
	opts: SimilarOptions = {}
): (T & { similarity: number })[] {
	const words = titleWords(title);
	const threshold = opts.threshold ?? 0.3;
	return candidates
		.map((c) => ({ ...c, similarity: jaccard(words, titleWords(c.title)) }))
		.filter((c) => c.similarity >= threshold)
		.sort((x, y) => y.similarity - x.similarity || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
		.slice(0, opts.limit ?? 5);
}
