import type { AllocationParams, BallotRulesView, CycleCreateBody } from '@allot/shared';

/** The ballot kinds the new-cycle form offers, in the order shown. */
export const BALLOT_KINDS = ['ranked', 'approval', 'single', 'knapsack', 'cumulative'] as const satisfies readonly BallotRulesView['kind'][];

/**
 * A few sensible allocation rules, each a preset of params named as the CLI flags. The API still
 * runs the engine's checkParams (Borda needs ranked ballots, …) and answers RULE_PARAMS_INVALID.
 */
export const ALLOCATION_PRESETS = {
	'greedy-votes': { rule: 'greedy', score: 'votes' },
	'greedy-borda': { rule: 'greedy', score: 'pabulib-borda' },
	'greedy-points': { rule: 'greedy', score: 'points' },
	'mes-cost-add1-greedy': { rule: 'mes', utility: 'cost', completion: 'add1-greedy' },
	phragmen: { rule: 'phragmen' },
	'max-welfare-cost': { rule: 'max-welfare', utility: 'cost' }
} as const satisfies Record<string, AllocationParams>;
export type AllocationPreset = keyof typeof ALLOCATION_PRESETS;
export const PRESET_NAMES = Object.keys(ALLOCATION_PRESETS) as AllocationPreset[];

export const RESIDENCY = ['live', 'work', 'school'] as const;

/** The form's text fields, echoed back on a refusal so nothing typed is lost without JavaScript. */
export const TEXT_FIELDS = [
	'slug', 'name', 'description', 'pot', 'currency', 'ballotKind', 'maxRanks', 'maxSelections',
	'minSpendPercent', 'totalPoints', 'allocation', 'minAge', 'maxAge', 'asOf'
] as const;
export type CycleFormValues = Partial<Record<(typeof TEXT_FIELDS)[number], string>> & { residency: string[] };

const num = (text: string | undefined) => (text === undefined || text.trim() === '' ? undefined : Number(text));

function ballot(v: CycleFormValues): unknown {
	switch (v.ballotKind) {
		case 'ranked': return { kind: 'ranked', maxRanks: num(v.maxRanks) };
		case 'approval': return { kind: 'approval', maxSelections: num(v.maxSelections) };
		case 'knapsack': return { kind: 'knapsack', minSpendPercent: num(v.minSpendPercent) };
		case 'cumulative': return { kind: 'cumulative', totalPoints: num(v.totalPoints) };
		default: return { kind: v.ballotKind };
	}
}

export function readCycleForm(form: FormData): CycleFormValues {
	const values: CycleFormValues = { residency: form.getAll('residency').map(String) };
	for (const name of TEXT_FIELDS) {
		const value = form.get(name);
		if (typeof value === 'string') values[name] = value;
	}
	return values;
}

/** The create-cycle body from the form: the pot in dollars becomes integer cents. */
export function cycleBody(v: CycleFormValues): Record<string, unknown> {
	const pot = num(v.pot);
	const preset = ALLOCATION_PRESETS[v.allocation as AllocationPreset] as AllocationParams | undefined;
	return {
		slug: v.slug?.trim(),
		name: v.name,
		description: v.description ?? '',
		potCents: pot === undefined ? undefined : Math.round(pot * 100),
		currency: v.currency?.trim().toUpperCase(),
		ballot: ballot(v),
		allocation: preset,
		eligibility: { minAge: num(v.minAge), maxAge: num(v.maxAge), asOf: v.asOf, residency: v.residency }
	} satisfies Partial<Record<keyof CycleCreateBody, unknown>>;
}

/**
 * Which form field an issue belongs to, from a zod path (`ballot.maxRanks`) or an API path
 * (`body/ballot/maxRanks`, `/ballot/budgetCap`).
 */
export function fieldOf(path: string): string {
	const parts = path.replace(/^body/, '').split(/[./]/).filter(Boolean);
	const [head, sub] = parts;
	if (head === 'potCents') return 'pot';
	if (head === 'allocation') return 'allocation';
	if (head === 'ballot') return sub && ['maxRanks', 'maxSelections', 'minSpendPercent', 'totalPoints'].includes(sub) ? sub : 'ballotKind';
	if (head === 'eligibility') return sub && ['minAge', 'maxAge', 'asOf'].includes(sub) ? sub : 'residency';
	return head ?? 'form';
}

export type FieldErrors = Record<string, string[]>;

export function fieldErrors(issues: { path: string; message: string }[]): FieldErrors {
	const out: FieldErrors = {};
	for (const issue of issues) (out[fieldOf(issue.path)] ??= []).push(issue.message);
	return out;
}

/** Zod issues as `{ path, message }`, the shape the API's problem `errors` use. */
export const issuesOf = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
	error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
