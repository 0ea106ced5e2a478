import { describe, expect, it } from 'vitest';
import { fileRuleParams, FileRuleError } from './from-file.ts';
import { buildManifest, ENGINE_VERSION, sha256Hex } from './index.ts';
import { checkParams, RuleParamsError } from './params.ts';
import type { Profile } from './types.ts';

const approval: Profile = { shape: 'approval', ballots: [{ projects: ['a'], weight: 1 }] };
const ordinal: Profile = { shape: 'ordinal', ballots: [{ projects: ['a'], weight: 1 }] };
const cumulative: Profile = {
	shape: 'cumulative',
	ballots: [{ projects: ['a'], points: [1], weight: 1 }]
};

describe('checkParams', () => {
	it.each([
		{
			input: { rule: 'greedy' },
			profile: approval,
			expected: { rule: 'greedy', tie: 'lexicographic', variant: 'skip', score: 'votes' }
		},
		{
			input: { rule: 'greedy' },
			profile: ordinal,
			expected: { rule: 'greedy', tie: 'lexicographic', variant: 'skip', score: 'pabulib-borda' }
		},
		{
			input: { rule: 'greedy-cost' },
			profile: cumulative,
			expected: { rule: 'greedy-cost', tie: 'lexicographic', variant: 'skip', score: 'points' }
		},
		{
			input: { rule: 'mes' },
			profile: approval,
			expected: { rule: 'mes', tie: 'lexicographic', utility: 'cost', completion: 'none' }
		},
		{
			input: { rule: 'max-welfare', utility: 'approval' },
			profile: approval,
			expected: { rule: 'max-welfare', utility: 'approval', tie: 'lexicographic' }
		},
		{ input: { rule: 'from-file' }, profile: approval, expected: { rule: 'from-file' } },
		{
			input: { rule: 'greedy', score: undefined },
			profile: approval,
			expected: { rule: 'greedy', tie: 'lexicographic', variant: 'skip', score: 'votes' }
		}
	])(
		'fills the defaults of $input.rule on $profile.shape ballots',
		({ input, profile, expected }) => {
			expect(checkParams(input, profile)).toEqual(expected);
		}
	);

	it.each([
		{ input: null, message: /params must be an object/ },
		{ input: { rule: 'stv' }, message: /rule "stv" is not one of/ },
		{ input: { rule: 'greedy', score: 'likes' }, message: /score "likes" is not one of/ },
		{
			input: { rule: 'greedy', utility: 'cost' },
			message: /utility does not apply to rule greedy/
		},
		{
			input: { rule: 'greedy', variant: 'threshold' },
			message: /variant threshold needs minScore/
		},
		{
			input: { rule: 'greedy', minScore: 3 },
			message: /minScore applies only to variant threshold/
		},
		{
			input: { rule: 'greedy', variant: 'threshold', minScore: '3' },
			message: /minScore must be a finite number/
		},
		{ input: { rule: 'greedy', score: 'borda' }, message: /score "borda" needs ordinal ballots/ },
		{
			input: { rule: 'mes', utility: 'points' },
			message: /utility "points" needs cumulative or scoring ballots/
		},
		{ input: { rule: 'mes', compare: 'phragmen' }, message: /compare "phragmen" is not one of/ },
		{ input: { rule: 'phragmen' }, profile: ordinal, message: /phragmen needs approval ballots/ },
		{
			input: { rule: 'max-welfare', utility: 'approval', score: 'votes' },
			message: /utility or a score, not both/
		},
		{
			input: { rule: 'from-file', tie: 'lexicographic' },
			message: /tie does not apply to rule from-file/
		}
	])('refuses $input', ({ input, profile, message }) => {
		expect(() => checkParams(input, profile ?? approval)).toThrow(RuleParamsError);
		expect(() => checkParams(input, profile ?? approval)).toThrow(message);
	});
});

describe('fileRuleParams', () => {
	it.each([
		{ meta: { rule: 'greedy' }, params: { rule: 'greedy', score: 'votes', tie: 'file-order' } },
		{
			meta: { rule: 'greedy-no-skip' },
			params: { rule: 'greedy', score: 'votes', tie: 'file-order', variant: 'no-skip' }
		},
		{
			meta: { rule: 'greedy-threshold', min_project_score_threshold: '3000' },
			params: {
				rule: 'greedy',
				score: 'votes',
				tie: 'file-order',
				variant: 'threshold',
				minScore: 3000
			}
		},
		{
			meta: { rule: 'equalshares' },
			params: { rule: 'mes', utility: 'cost', completion: 'none', tie: 'min-cost-max-votes' }
		},
		{
			meta: { rule: 'equalshares/add1-comparison' },
			params: {
				rule: 'mes',
				utility: 'cost',
				completion: 'add1-no-exhaustive-stop',
				tie: 'min-cost-max-votes',
				compare: 'greedy'
			}
		}
	])('reads META rule $meta.rule', ({ meta, params }) => {
		expect(fileRuleParams(meta as Record<string, string>, approval).params).toEqual(params);
	});

	it('scores ordinal files by L..1 points and cumulative files by points', () => {
		expect(fileRuleParams({ rule: 'greedy' }, ordinal).params.score).toBe('pabulib-borda');
		expect(fileRuleParams({ rule: 'greedy' }, cumulative).params.score).toBe('points');
	});

	it.each([{ rule: 'greedy-custom' }, { rule: 'unknown' }, {}, { rule: 'greedy-threshold' }])(
		'refuses %o with a FileRuleError',
		(meta) => {
			expect(() => fileRuleParams(meta as Record<string, string>, approval)).toThrow(FileRuleError);
		}
	);
});

describe('manifest', () => {
	it('hashes text with SHA-256 in hex', async () => {
		expect(await sha256Hex('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
	});

	it('records the engine version and a copy of the params', () => {
		const params = { rule: 'greedy' as const, score: 'votes' as const };
		const manifest = buildManifest(params, 'ff');
		expect(manifest).toEqual({ ballotsSha256: 'ff', engineVersion: ENGINE_VERSION, params });
		expect(manifest.params).not.toBe(params);
	});
});
