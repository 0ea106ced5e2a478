import { describe, expect, it } from 'vitest';
import { countBy, summarizeTurnout, suppressCells, type TurnoutRow } from './turnout.ts';

const cells = (counts: Record<string, number>) =>
	Object.entries(counts).map(([key, count]) => ({ key, count }));
const shown = (result: ReturnType<typeof suppressCells>) =>
	Object.fromEntries(result.map((c) => [c.key, c.count]));

describe('suppressCells', () => {
	it.each<{
		name: string;
		counts: Record<string, number>;
		expected: Record<string, number | null>;
	}>([
		{
			name: 'shows every cell of 10 or more',
			counts: { a: 10, b: 25 },
			expected: { a: 10, b: 25 }
		},
		{
			name: 'hides two small cells and nothing else',
			counts: { a: 3, b: 9, c: 40 },
			expected: { a: null, b: null, c: 40 }
		},
		{
			name: 'hides the next smallest when only one cell is small',
			counts: { a: 4, b: 30, c: 12 },
			expected: { a: null, b: 30, c: null }
		},
		{
			name: 'breaks ties for the second cell by key',
			counts: { a: 4, b: 12, c: 12 },
			expected: { a: null, b: null, c: 12 }
		},
		{
			name: 'hides a lone small cell with nothing to pair (no total leak possible)',
			counts: { a: 4 },
			expected: { a: null }
		},
		{
			name: 'hides every cell when all are small',
			counts: { a: 1, b: 2 },
			expected: { a: null, b: null }
		}
	])('$name', ({ counts, expected }) => {
		expect(shown(suppressCells(cells(counts)))).toEqual(expected);
	});

	it('marks hidden cells as suppressed, never with a count', () => {
		const [cell] = suppressCells(cells({ a: 4 }));
		expect(cell).toEqual({ key: 'a', count: null, suppressed: true });
	});
});

describe('summarizeTurnout', () => {
	const rows: TurnoutRow[] = [
		...Array.from({ length: 30 }, () => ({
			day: '2027-04-10',
			channel: 'online',
			ageBracket: '12-14',
			neighborhood: 'Roxbury'
		})),
		...Array.from({ length: 12 }, () => ({
			day: '2027-04-11',
			channel: 'kiosk',
			ageBracket: '15-17',
			neighborhood: null
		})),
		...Array.from({ length: 3 }, () => ({
			day: '2027-04-11',
			channel: 'paper',
			ageBracket: '18-21',
			neighborhood: 'Roxbury'
		}))
	];

	it('counts each dimension and suppresses small cells', () => {
		const summary = summarizeTurnout(rows);
		expect(summary.total).toBe(45);
		expect(shown(summary.byDay)).toEqual({ '2027-04-10': 30, '2027-04-11': 15 });
		expect(shown(summary.byChannel)).toEqual({ online: 30, kiosk: null, paper: null });
		expect(shown(summary.byAgeBracket)).toEqual({ '12-14': 30, '15-17': null, '18-21': null });
		expect(shown(summary.byNeighborhood)).toEqual({ Roxbury: 33, unknown: 12 });
	});

	it('sorts keys and names missing values unknown', () => {
		expect(countBy([{ k: 'b' }, { k: null }, { k: 'a' }], (r) => r.k).map((c) => c.key)).toEqual([
			'a',
			'b',
			'unknown'
		]);
	});
});
