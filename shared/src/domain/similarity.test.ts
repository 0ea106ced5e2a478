import { describe, expect, it } from 'vitest';
import { jaccard, similarTitles, titleWords } from './similarity.ts';

describe('titleWords', () => {
	it.each([
		['Lights for the Skate Parks!', ['light', 'skate', 'park']],
		['Más árboles en la escuela', ['mas', 'arbole', 'escuela']],
		['Fix the 2nd-floor bathrooms', ['fix', '2nd', 'floor', 'bathroom']],
		['Glass class', ['glass', 'class']],
		// accents and marks go, so a hamza below the alef does not split a match
		['إنارة الحديقة', ['انارة', 'الحديقة']],
		['', []]
	])('%s → %o', (title, words) => {
		expect([...titleWords(title)]).toEqual(words);
	});
});

describe('jaccard', () => {
	it.each([
		[['a', 'b'], ['a', 'b'], 1],
		[['a', 'b'], ['c'], 0],
		[['a', 'b', 'c'], ['b', 'c', 'd'], 0.5],
		[[], [], 0]
	])('%o vs %o → %d', (a, b, want) => {
		expect(jaccard(new Set(a), new Set(b))).toBe(want);
	});
});

describe('similarTitles', () => {
	const ideas = [
		{ id: '1', title: 'More lights in Franklin Park' },
		{ id: '2', title: 'Lights for the Franklin Park skate spot' },
		{ id: '3', title: 'Free Wi-Fi at community centres' },
		{ id: '4', title: 'Water fountains in schools' }
	];

	it('finds titles with words in common, most similar first', () => {
		const got = similarTitles('Lighting Franklin Park at night: more lights', ideas);
		expect(got.map((i) => i.id)).toEqual(['1', '2']);
		expect(got[0]!.similarity).toBeGreaterThan(got[1]!.similarity);
	});

	it('ignores unrelated titles and respects the threshold and limit', () => {
		expect(similarTitles('Bike lanes on Blue Hill Ave', ideas)).toEqual([]);
		expect(similarTitles('Franklin Park lights', ideas, { limit: 1 })).toHaveLength(1);
		expect(similarTitles('Franklin Park lights at night', ideas, { threshold: 0.9 })).toEqual([]);
	});
});
