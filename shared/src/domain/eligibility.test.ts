import { describe, expect, it } from 'vitest';
import {
	ageBracket,
	checkEligibility,
	neighborhoodToStore,
	parseIsoDate,
	type EligibilityClaim,
	type EligibilityPolicy
} from './eligibility.ts';

const boston: EligibilityPolicy = {
	minAge: 12,
	maxAge: 25,
	asOf: '2027-04-01',
	residency: ['live', 'work', 'school']
};
const liveOnly: EligibilityPolicy = { ...boston, residency: ['live'] };
const listed: EligibilityPolicy = { ...boston, neighborhoods: ['Roxbury', 'Dorchester'] };
const leapDay: EligibilityPolicy = { ...boston, minAge: 18, asOf: '2026-02-28' };

const live = (neighborhood?: string): EligibilityClaim['residency'] =>
	neighborhood ? { basis: 'live', neighborhood } : { basis: 'live' };

describe('checkEligibility', () => {
	it.each([
		{
			name: 'accepts a 12-year-old on their birthday',
			policy: boston,
			birthDate: '2015-04-01',
			expected: [],
			bracket: '12-14'
		},
		{
			name: 'refuses someone who turns 12 the day after asOf',
			policy: boston,
			birthDate: '2015-04-02',
			expected: ['TOO_YOUNG'],
			bracket: '0-11'
		},
		{
			name: 'accepts a 25-year-old the day before turning 26',
			policy: boston,
			birthDate: '2001-04-02',
			expected: [],
			bracket: '22-25'
		},
		{
			name: 'refuses someone who turned 26 on asOf',
			policy: boston,
			birthDate: '2001-04-01',
			expected: ['TOO_OLD'],
			bracket: '26-34'
		},
		{
			name: 'counts a 29 February birthday as reached on 1 March (not 28 Feb)',
			policy: leapDay,
			birthDate: '2008-02-29',
			expected: ['TOO_YOUNG'],
			bracket: '15-17'
		},
		{
			name: 'refuses an impossible date',
			policy: boston,
			birthDate: '2010-02-30',
			expected: ['BIRTH_DATE_INVALID'],
			bracket: undefined
		},
		{
			name: 'refuses a birth date after asOf',
			policy: boston,
			birthDate: '2028-01-01',
			expected: ['BIRTH_DATE_INVALID'],
			bracket: undefined
		},
		{
			name: 'refuses a birth date before 1900',
			policy: { ...boston, maxAge: 130 },
			birthDate: '1899-12-31',
			expected: ['BIRTH_DATE_INVALID'],
			bracket: '65+'
		}
	])('$name', ({ policy, birthDate, expected, bracket }) => {
		const result = checkEligibility(policy, { birthDate, residency: live() });
		expect(result.violations.map((v) => v.code)).toEqual(expected);
		expect(result.eligible).toBe(expected.length === 0);
		expect(result.ageBracket).toBe(bracket);
	});

	it.each([
		{
			name: 'accepts any basis the policy lists',
			policy: boston,
			residency: { basis: 'school' as const },
			expected: []
		},
		{
			name: 'refuses a basis the policy does not list',
			policy: liveOnly,
			residency: { basis: 'work' as const },
			expected: ['RESIDENCY_BASIS']
		},
		{
			name: 'requires a neighbourhood when the policy lists them',
			policy: listed,
			residency: live(),
			expected: ['NEIGHBORHOOD_REQUIRED']
		},
		{
			name: 'refuses a neighbourhood outside the list',
			policy: listed,
			residency: live('Allston'),
			expected: ['NEIGHBORHOOD_NOT_ALLOWED']
		},
		{
			name: 'accepts a listed neighbourhood (trimmed)',
			policy: listed,
			residency: live(' Roxbury '),
			expected: []
		}
	])('$name', ({ policy, residency, expected }) => {
		const result = checkEligibility(policy, { birthDate: '2010-06-15', residency });
		expect(result.violations.map((v) => v.code)).toEqual(expected);
	});

	it('reports every violation at once', () => {
		const result = checkEligibility(listed, {
			birthDate: '1990-01-01',
			residency: { basis: 'work' }
		});
		expect(result.violations).toEqual([
			{ code: 'TOO_OLD', maxAge: 25, age: 37 },
			{ code: 'NEIGHBORHOOD_REQUIRED', allowed: ['Roxbury', 'Dorchester'] }
		]);
	});

	it('throws on a policy whose asOf is not a date (a setup bug, not a voter error)', () => {
		expect(() =>
			checkEligibility({ ...boston, asOf: 'soon' }, { birthDate: '2010-01-01', residency: live() })
		).toThrow(RangeError);
	});
});

describe('helpers', () => {
	it.each([
		[11, '0-11'],
		[12, '12-14'],
		[17, '15-17'],
		[18, '18-21'],
		[25, '22-25'],
		[64, '50-64'],
		[65, '65+']
	])('age %i is in bracket %s', (age, bracket) => {
		expect(ageBracket(age)).toBe(bracket);
	});

	it('parses only real calendar dates', () => {
		expect(parseIsoDate('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 });
		expect(parseIsoDate('2023-02-29')).toBeUndefined();
		expect(parseIsoDate('2100-02-29')).toBeUndefined();
		expect(parseIsoDate('2000-02-29')).toBeDefined();
		expect(parseIsoDate('2024-13-01')).toBeUndefined();
		expect(parseIsoDate('24-01-01')).toBeUndefined();
	});

	it.each([
		{ known: ['Roxbury'], given: 'Roxbury', expected: 'Roxbury' },
		{ known: ['Roxbury'], given: '12 Elm Street', expected: 'other' },
		{ known: [], given: '  ', expected: null },
		{ known: ['Roxbury'], given: undefined, expected: null }
	])('stores neighbourhood $given as $expected', ({ known, given, expected }) => {
		expect(neighborhoodToStore(known, given)).toBe(expected);
	});
});
