/**
 * Who may vote in a cycle: an age window evaluated on the cycle's fixed `asOf` date (not "today",
 * so the same person gets the same answer all through the vote), a residency basis, and
 * optionally a neighbourhood list. The birth date is used here and then dropped: callers store
 * only the returned age bracket.
 */

export const RESIDENCY_BASES = ['live', 'work', 'school'] as const;
export type ResidencyBasis = (typeof RESIDENCY_BASES)[number];

export interface EligibilityPolicy {
	minAge: number;
	maxAge: number;
	/** ISO date (YYYY-MM-DD) on which ages are counted */
	asOf: string;
	residency: readonly ResidencyBasis[];
	/** when set, a voter must name one of these neighbourhoods */
	neighborhoods?: readonly string[];
}

export interface EligibilityClaim {
	/** ISO date (YYYY-MM-DD) */
	birthDate: string;
	residency: { basis: ResidencyBasis; neighborhood?: string };
}

export type EligibilityViolation =
	| { code: 'BIRTH_DATE_INVALID' }
	| { code: 'TOO_YOUNG'; minAge: number; age: number }
	| { code: 'TOO_OLD'; maxAge: number; age: number }
	| { code: 'RESIDENCY_BASIS'; basis: string; allowed: readonly ResidencyBasis[] }
	| { code: 'NEIGHBORHOOD_REQUIRED'; allowed: readonly string[] }
	| { code: 'NEIGHBORHOOD_NOT_ALLOWED'; neighborhood: string; allowed: readonly string[] };

export interface EligibilityResult {
	eligible: boolean;
	violations: EligibilityViolation[];
	/** coarse bracket to store instead of the birth date (undefined if the date is invalid) */
	ageBracket?: string;
}

interface Ymd {
	y: number;
	m: number;
	d: number;
}

/** A real calendar date from `YYYY-MM-DD`, or undefined (2027-02-30 is not a date). */
export function parseIsoDate(text: string): Ymd | undefined {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) return undefined;
	const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
	const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
	if (days === undefined || d < 1 || d > days) return undefined;
	return { y, m, d };
}

/**
 * Completed years between a birth date and `asOf`. Dates compare as (month, day), so someone
 * born on 29 February turns a year older on 1 March in common years (the rule of most
 * jurisdictions that fix one, e.g. the UK).
 */
export function ageOn(birth: Ymd, asOf: Ymd): number {
	const hadBirthday = asOf.m > birth.m || (asOf.m === birth.m && asOf.d >= birth.d);
	return asOf.y - birth.y - (hadBirthday ? 0 : 1);
}

/** Bracket bounds (inclusive): wide enough that a bracket never names a single age. */
export const AGE_BRACKETS: readonly [number, number][] = [
	[0, 11],
	[12, 14],
	[15, 17],
	[18, 21],
	[22, 25],
	[26, 34],
	[35, 49],
	[50, 64]
];

/** `17` → `15-17`; 65 and over → `65+`. */
export function ageBracket(age: number): string {
	const found = AGE_BRACKETS.find(([lo, hi]) => age >= lo && age <= hi);
	return found ? `${found[0]}-${found[1]}` : '65+';
}

function checkAge(policy: EligibilityPolicy, age: number, out: EligibilityViolation[]): void {
	if (age < policy.minAge) out.push({ code: 'TOO_YOUNG', minAge: policy.minAge, age });
	if (age > policy.maxAge) out.push({ code: 'TOO_OLD', maxAge: policy.maxAge, age });
}

function checkResidency(
	policy: EligibilityPolicy,
	residency: EligibilityClaim['residency'],
	out: EligibilityViolation[]
): void {
	if (!policy.residency.includes(residency.basis)) {
		out.push({ code: 'RESIDENCY_BASIS', basis: residency.basis, allowed: policy.residency });
	}
	const allowed = policy.neighborhoods;
	if (!allowed || allowed.length === 0) return;
	const named = residency.neighborhood?.trim();
	if (!named) out.push({ code: 'NEIGHBORHOOD_REQUIRED', allowed });
	else if (!allowed.includes(named)) {
		out.push({ code: 'NEIGHBORHOOD_NOT_ALLOWED', neighborhood: named, allowed });
	}
}

/**
 * Checks a person's claim against a cycle's policy. Returns every violation (empty when
 * eligible) and the age bracket to store. A birth date after `asOf` or before 1900 is
 * `BIRTH_DATE_INVALID` (a typo, not an age).
 */
export function checkEligibility(
	policy: EligibilityPolicy,
	claim: EligibilityClaim
): EligibilityResult {
	const violations: EligibilityViolation[] = [];
	const birth = parseIsoDate(claim.birthDate);
	const asOf = parseIsoDate(policy.asOf);
	if (!asOf) throw new RangeError(`the policy's asOf "${policy.asOf}" is not a date`);
	const age = birth ? ageOn(birth, asOf) : -1;
	if (!birth || birth.y < 1900 || age < 0) violations.push({ code: 'BIRTH_DATE_INVALID' });
	else checkAge(policy, age, violations);
	checkResidency(policy, claim.residency, violations);
	const result: EligibilityResult = { eligible: violations.length === 0, violations };
	if (age >= 0) result.ageBracket = ageBracket(age);
	return result;
}

/**
 * The neighbourhood to keep for turnout statistics: one of the cycle's known names, `other` for
 * anything else typed, nothing when none was given. Free text is never stored (it could name a
 * street and identify a minor).
 */
export function neighborhoodToStore(
	known: readonly string[],
	given: string | undefined
): string | null {
	const named = given?.trim();
	if (!named) return null;
	return known.includes(named) ? named : 'other';
}
