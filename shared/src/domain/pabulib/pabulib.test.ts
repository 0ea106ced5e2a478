import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	canonicalPabulib,
	electionToPabulib,
	parsePabulib,
	PabulibError,
	toElection,
	writePabulib,
	type ParsedPabulib
} from './index.ts';

const SAMPLE = [
	'META',
	'key;value',
	'description;"Budget; with a semicolon"',
	'num_projects;3',
	'num_votes;4',
	'budget;748772.64',
	'vote_type;approval',
	'rule;greedy',
	'PROJECTS',
	'project_id;cost;name;selected',
	'1;500000.5;"Park ""Zielony"" plan";1',
	'2;200000;none;0',
	'10;48772;Bike racks;1',
	'VOTES',
	'voter_id;vote;age',
	'v1;1,10;23',
	'v2;10, 1;none',
	'v3;2;31',
	'v4;;40',
	''
].join('\n');

describe('parsePabulib', () => {
	it('reads META, PROJECTS and VOTES with quoting', () => {
		const parsed = parsePabulib(SAMPLE);
		expect(parsed.meta.description).toBe('Budget; with a semicolon');
		expect(parsed.projects[0]).toEqual({
			project_id: '1',
			cost: '500000.5',
			name: 'Park "Zielony" plan',
			selected: '1'
		});
		expect(parsed.voteColumns).toEqual(['voter_id', 'vote', 'age']);
		expect(parsed.votes[1]).toEqual({ voter_id: 'v2', vote: '10, 1', age: 'none' });
		expect(parsed.voteLines).toEqual([16, 17, 18, 19]);
		expect(parsed.warnings).toEqual([]);
	});

	it('accepts a BOM and CRLF line endings', () => {
		const parsed = parsePabulib(`\uFEFF${SAMPLE.replaceAll('\n', '\r\n')}`);
		expect(parsed).toEqual(parsePabulib(SAMPLE));
	});

	it('keeps a quoted line break inside a cell and counts lines past it', () => {
		const text = SAMPLE.replace('Bike racks', '"Bike\nracks"');
		const parsed = parsePabulib(text);
		expect(parsed.projects[2]!.name).toBe('Bike\nracks');
		expect(parsed.voteLines[0]).toBe(17);
	});

	it('skips blank lines and warns when counts do not match', () => {
		const parsed = parsePabulib(
			SAMPLE.replace('num_votes;4', 'num_votes;5').replace('VOTES\n', 'VOTES\n\n')
		);
		expect(parsed.votes).toHaveLength(4);
		expect(parsed.warnings).toEqual(['META num_votes is 5 but the file has 4']);
	});

	it.each([
		{ name: 'no META title', text: SAMPLE.replace('META\n', ''), line: 1 },
		{ name: 'a bad META header', text: SAMPLE.replace('key;value', 'key;val'), line: 2 },
		{ name: 'a repeated META key', text: SAMPLE.replace('rule;greedy', 'budget;1'), line: 8 },
		{ name: 'a bad PROJECTS header', text: SAMPLE.replace('project_id;cost', 'id;cost'), line: 10 },
		{ name: 'a row wider than its header', text: SAMPLE.replace('v3;2;31', 'v3;2;31;x'), line: 18 },
		{
			name: 'a row narrower than its header',
			text: SAMPLE.replace('2;200000;none;0', '2;200000'),
			line: 12
		},
		{ name: 'a repeated project id', text: SAMPLE.replace('10;48772', '1;48772'), line: 13 },
		{ name: 'a repeated voter id', text: SAMPLE.replace('v4;', 'v1;'), line: 19 },
		{ name: 'an unclosed quote', text: SAMPLE.replace('v3;2;31', 'v3;"2;31'), line: 18 },
		{ name: 'a missing VOTES section', text: SAMPLE.slice(0, SAMPLE.indexOf('VOTES')), line: 13 }
	])('reports $name at line $line', ({ text, line }) => {
		let error: unknown;
		try {
			parsePabulib(text);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(PabulibError);
		expect((error as PabulibError).line).toBe(line);
	});
});

describe('toElection', () => {
	it('turns decimals into exact minor units and merges identical ballots', () => {
		const text = SAMPLE.replace('v3;2;31', 'v3;1,10;31');
		const { instance, profile, voters } = toElection(parsePabulib(text));
		expect(instance.moneyScale).toBe(100n);
		expect(instance.budget).toBe(74877264n);
		expect(instance.projects.map((p) => p.cost)).toEqual([50000050n, 20000000n, 4877200n]);
		expect(instance.projects[1]!.name).toBeUndefined();
		expect(voters).toBe(4);
		// v1 and v3 cast the same ballot text; v2's "10, 1" is the same set written differently,
		// kept apart (merging is only a speed-up, the outcome is the same either way)
		expect(profile.ballots).toEqual([
			{ projects: ['1', '10'], weight: 2 },
			{ projects: ['10', '1'], weight: 1 },
			{ projects: [], weight: 1 }
		]);
	});

	it('keeps ordinal order and cumulative points', () => {
		const ordinal = SAMPLE.replace('vote_type;approval', 'vote_type;ordinal');
		expect(toElection(parsePabulib(ordinal)).profile.ballots.map((b) => b.projects)).toEqual([
			['1', '10'],
			['10', '1'],
			['2'],
			[]
		]);
		const cumulative = SAMPLE.replace('vote_type;approval', 'vote_type;cumulative')
			.replace('voter_id;vote;age', 'voter_id;vote;points')
			.replace('v1;1,10;23', 'v1;1,10;2,1')
			.replace('v2;10, 1;none', 'v2;10,1;2,1')
			.replace('v3;2;31', 'v3;2;3')
			.replace('v4;;40', 'v4;1;0.5');
		const { profile } = toElection(parsePabulib(cumulative));
		expect(profile.shape).toBe('cumulative');
		expect(profile.ballots[0]).toEqual({ projects: ['1', '10'], points: [2, 1], weight: 1 });
		expect(profile.ballots[3]).toEqual({ projects: ['1'], points: [0.5], weight: 1 });
	});

	it.each([
		{ name: 'an unknown project in a vote', change: ['v3;2;31', 'v3;7;31'], line: 18 },
		{ name: 'a project voted twice', change: ['v3;2;31', 'v3;2,2;31'], line: 18 },
		{ name: 'a cost that is not a number', change: ['2;200000;none', '2;lots;none'], line: 12 },
		{ name: 'a missing budget', change: ['budget;748772.64', 'budget;none'], line: 6 },
		{ name: 'an unknown vote type', change: ['vote_type;approval', 'vote_type;stv'], line: 7 }
	])('reports $name at line $line', ({ change, line }) => {
		const parsed = parsePabulib(SAMPLE.replace(change[0]!, change[1]!));
		expect(() => toElection(parsed)).toThrow(PabulibError);
		try {
			toElection(parsed);
		} catch (e) {
			expect((e as PabulibError).line).toBe(line);
		}
	});
});

describe('writePabulib', () => {
	it('writes back what it read, in canonical form', () => {
		const parsed = parsePabulib(SAMPLE);
		const written = writePabulib(parsed);
		expect(parsePabulib(written)).toEqual(parsed);
		expect(written).toContain('1;500000.5;"Park ""Zielony"" plan";1');
		expect(canonicalPabulib(parsePabulib(`\uFEFF${SAMPLE.replaceAll('\n', '\r\n')}`))).toBe(
			written
		);
	});

	it('exports an election that reads back as the same election', () => {
		const election = toElection(parsePabulib(SAMPLE));
		const again = toElection(
			parsePabulib(writePabulib(electionToPabulib(election.instance, election.profile)))
		);
		expect(again.instance).toEqual(election.instance);
		expect(again.profile).toEqual(election.profile);
	});
});

/** Cell text as a parser gives it back: trimmed; may hold `;`, `"`, `,` and line breaks. */
const cell = fc
	.string({ unit: fc.constantFrom('a', 'Z', 'ł', ' ', ';', '"', ',', '\n', '\r\n', '1', '.', 'é') })
	.map((s) => s.trim());
const id = fc
	.stringMatching(/^[A-Za-z0-9_-]{1,6}$/)
	.filter((s) => !/^(meta|projects|votes)$/i.test(s));

const tableArb = (first: string) =>
	fc.uniqueArray(id, { minLength: 0, maxLength: 3 }).chain((extra) => {
		const columns = [first, ...extra.filter((c) => c !== first && c !== '__proto__')];
		const row = fc.tuple(
			id,
			fc.array(cell, { minLength: columns.length - 1, maxLength: columns.length - 1 })
		);
		return fc
			.uniqueArray(row, { selector: ([key]) => key, maxLength: 6 })
			.map((rows) => ({
				columns,
				rows: rows.map(([key, cells]) =>
					Object.fromEntries(columns.map((c, i) => [c, i === 0 ? key : cells[i - 1]!]))
				)
			}));
	});

const parsedArb: fc.Arbitrary<ParsedPabulib> = fc
	.record({
		meta: fc.uniqueArray(fc.tuple(id, cell), { selector: ([k]) => k, maxLength: 6 }),
		projects: tableArb('project_id'),
		votes: tableArb('voter_id')
	})
	.map(({ meta, projects, votes }) => ({
		meta: Object.fromEntries(meta),
		metaLines: {},
		projectColumns: projects.columns,
		projects: projects.rows,
		projectLines: [],
		voteColumns: votes.columns,
		votes: votes.rows,
		voteLines: [],
		warnings: []
	}));

describe('round trip (property)', () => {
	it('parse(write(x)) gives back the same data, whatever the line ending or BOM', () => {
		fc.assert(
			fc.property(
				parsedArb,
				fc.constantFrom('\n' as const, '\r\n' as const),
				fc.boolean(),
				(parsed, eol, bom) => {
					const again = parsePabulib(writePabulib(parsed, { lineEnding: eol, bom }));
					expect(again.meta).toEqual(parsed.meta);
					expect(again.projectColumns).toEqual(parsed.projectColumns);
					expect(again.projects).toEqual(parsed.projects);
					expect(again.voteColumns).toEqual(parsed.voteColumns);
					expect(again.votes).toEqual(parsed.votes);
					expect(writePabulib(again)).toBe(writePabulib(parsed));
				}
			),
			{ numRuns: 200 }
		);
	});
});
