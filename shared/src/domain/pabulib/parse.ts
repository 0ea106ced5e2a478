import { CsvReader, PabulibError, type CsvRecord } from './csv.ts';

/** One PROJECTS or VOTES row: column name → cell text (trimmed, as pabutools reads it). */
export type PabulibRow = Record<string, string>;

/**
 * A `.pb` file as data. Every META key and every column is kept, in file order, so
 * `writePabulib` gives back an equivalent file. `*Lines` hold the source line of each entry, so
 * later checks (costs, votes) can point at the line to fix.
 */
export interface ParsedPabulib {
	meta: Record<string, string>;
	metaLines: Record<string, number>;
	projectColumns: string[];
	projects: PabulibRow[];
	projectLines: number[];
	voteColumns: string[];
	votes: PabulibRow[];
	voteLines: number[];
	/** problems pabutools tolerates but the pabulib checker flags (counts that do not match) */
	warnings: string[];
}

type Section = 'meta' | 'projects' | 'votes';

function sectionTitle(record: CsvRecord): Section | undefined {
	const title = record.cells[0]!.trim().toLowerCase();
	if (title !== 'meta' && title !== 'projects' && title !== 'votes') return undefined;
	return record.cells.every((c, i) => i === 0 || c.trim() === '') ? title : undefined;
}

/** Cells of a data record, trimmed, checked against the header's width. */
function cellsOf(record: CsvRecord, width: number, what: string): string[] {
	const cells = record.cells;
	for (let i = 0; i < cells.length; i++) cells[i] = cells[i]!.trim();
	while (cells.length > width && cells[cells.length - 1] === '') cells.pop();
	if (cells.length !== width) {
		throw new PabulibError(
			record.line,
			`${what} row has ${cells.length} cells but the header has ${width} columns`
		);
	}
	return cells;
}

function readHeader(reader: CsvReader, section: Section, first: string): string[] {
	const record = reader.next();
	const upper = section.toUpperCase();
	if (!record) throw new PabulibError(reader.lastLine(), `${upper} has no header line`);
	if (sectionTitle(record)) throw new PabulibError(record.line, `${upper} has no header line`);
	const columns = record.cells.map((c) => c.trim());
	while (columns.length > 1 && columns[columns.length - 1] === '') columns.pop();
	if (columns[0]!.toLowerCase() !== first) {
		throw new PabulibError(record.line, `${upper} header must start with "${first}"`);
	}
	const seen = new Set<string>();
	for (const column of columns) {
		if (column === '' || column === '__proto__' || seen.has(column)) {
			throw new PabulibError(
				record.line,
				`${upper} header has an empty or repeated column "${column}"`
			);
		}
		seen.add(column);
	}
	return columns;
}

function expectTitle(record: CsvRecord | undefined, section: Section, reader: CsvReader): void {
	const upper = section.toUpperCase();
	if (!record) {
		throw new PabulibError(reader.lastLine(), `the file ends before the ${upper} section`);
	}
	if (sectionTitle(record) !== section) {
		throw new PabulibError(record.line, `expected the ${upper} section title here`);
	}
}

function readMeta(reader: CsvReader, parsed: ParsedPabulib): CsvRecord | undefined {
	const header = readHeader(reader, 'meta', 'key');
	if (header.length !== 2 || header[1]!.toLowerCase() !== 'value') {
		throw new PabulibError(reader.lastLine(), 'META header must be "key;value"');
	}
	for (let record = reader.next(); record; record = reader.next()) {
		if (sectionTitle(record)) return record;
		const [key, value] = cellsOf(record, 2, 'META') as [string, string];
		if (key === '' || key === '__proto__' || key in parsed.meta) {
			throw new PabulibError(record.line, `META key "${key}" is empty or repeated`);
		}
		parsed.meta[key] = value;
		parsed.metaLines[key] = record.line;
	}
	return undefined;
}

interface TableTarget {
	columns: string[];
	rows: PabulibRow[];
	lines: number[];
}

/** Reads data rows until the next section title; ids in the first column must be unique. */
function readRows(reader: CsvReader, target: TableTarget, what: string): CsvRecord | undefined {
	const { columns, rows, lines } = target;
	const ids = new Set<string>();
	for (let record = reader.next(); record; record = reader.next()) {
		if (sectionTitle(record)) return record;
		const cells = cellsOf(record, columns.length, what);
		if (ids.has(cells[0]!) || cells[0] === '') {
			throw new PabulibError(record.line, `${what} id "${cells[0]}" is empty or repeated`);
		}
		ids.add(cells[0]!);
		const row: PabulibRow = {};
		for (let i = 0; i < columns.length; i++) row[columns[i]!] = cells[i]!;
		rows.push(row);
		lines.push(record.line);
	}
	return undefined;
}

function countWarnings(parsed: ParsedPabulib): void {
	const check = (key: string, actual: number) => {
		const declared = parsed.meta[key];
		if (declared !== undefined && Number(declared) !== actual) {
			parsed.warnings.push(`META ${key} is ${declared} but the file has ${actual}`);
		}
	};
	check('num_projects', parsed.projects.length);
	check('num_votes', parsed.votes.length);
}

/**
 * Parses the text of a pabulib `.pb` file (UTF-8, optional BOM, LF or CRLF): the META,
 * PROJECTS and VOTES sections, in that order, each a `;` CSV table with RFC-4180 quoting.
 * Cells are trimmed; values are kept as text (`toElection` interprets them). Throws a
 * `PabulibError` with the line number when the file is malformed: a missing or misplaced
 * section, a bad header, a row of the wrong width, a repeated key or id, an unclosed quote.
 */
export function parsePabulib(input: string): ParsedPabulib {
	const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
	const reader = new CsvReader(text);
	const parsed: ParsedPabulib = {
		meta: {},
		metaLines: {},
		projectColumns: [],
		projects: [],
		projectLines: [],
		voteColumns: [],
		votes: [],
		voteLines: [],
		warnings: []
	};
	expectTitle(reader.next(), 'meta', reader);
	let title = readMeta(reader, parsed);
	expectTitle(title, 'projects', reader);
	parsed.projectColumns = readHeader(reader, 'projects', 'project_id');
	const projects = {
		columns: parsed.projectColumns,
		rows: parsed.projects,
		lines: parsed.projectLines
	};
	title = readRows(reader, projects, 'PROJECTS');
	expectTitle(title, 'votes', reader);
	parsed.voteColumns = readHeader(reader, 'votes', 'voter_id');
	const votes = { columns: parsed.voteColumns, rows: parsed.votes, lines: parsed.voteLines };
	title = readRows(reader, votes, 'VOTES');
	if (title) throw new PabulibError(title.line, 'nothing may follow the VOTES section');
	countWarnings(parsed);
	return parsed;
}
