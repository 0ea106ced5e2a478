/**
 * The `;` CSV dialect of pabulib files, read the way Python's `csv.reader(delimiter=';')` reads
 * it: a field that starts with `"` is quoted (`""` is one quote, and it may span lines); a `"`
 * anywhere else is an ordinary character. Lines without any quote take a fast path (one
 * `split`), which is nearly every line of a real file.
 */

/** A malformed `.pb` file: `line` is the 1-based line where the problem is. */
export class PabulibError extends Error {
	readonly line: number;
	/** the message without its `line N:` prefix */
	readonly detail: string;

	constructor(line: number, detail: string) {
		super(`line ${line}: ${detail}`);
		this.name = 'PabulibError';
		this.line = line;
		this.detail = detail;
	}
}

/** One CSV record: its cells and the line it starts on. */
export interface CsvRecord {
	cells: string[];
	line: number;
}

const QUOTE = 34; // "
const SEMI = 59; // ;
const LF = 10;
const CR = 13;

/** Reads records one by one; blank lines are skipped (every pabulib parser skips them). */
export class CsvReader {
	private pos = 0;
	private line = 1;
	/** Position of the next `"` at or after `pos` (cached: rescanning per line is quadratic). */
	private nextQuote = -1;

	constructor(private readonly text: string) {}

	/** The line of the record read last (the last line of the text once it is exhausted). */
	lastLine(): number {
		return Math.max(1, this.line - 1);
	}

	/** The next non-blank record, or undefined at the end of the text. */
	next(): CsvRecord | undefined {
		const text = this.text;
		while (this.pos < text.length) {
			let end = text.indexOf('\n', this.pos);
			if (end < 0) end = text.length;
			const contentEnd = end > this.pos && text.charCodeAt(end - 1) === CR ? end - 1 : end;
			const start = this.pos;
			const line = this.line;
			if (this.nextQuote < start) {
				const found = text.indexOf('"', start);
				this.nextQuote = found < 0 ? Infinity : found;
			}
			if (this.nextQuote >= contentEnd) {
				this.pos = end + 1;
				this.line++;
				const raw = text.slice(start, contentEnd);
				if (raw.trim() === '') continue;
				return { cells: raw.split(';'), line };
			}
			return { cells: this.quoted(start, line), line };
		}
		return undefined;
	}

	/** Character-level parse of a record that contains quotes, possibly over several lines. */
	private quoted(start: number, line: number): string[] {
		const text = this.text;
		const cells: string[] = [];
		let pos = start;
		for (;;) {
			let cell: string;
			if (text.charCodeAt(pos) === QUOTE) [cell, pos] = this.quotedCell(pos + 1, line);
			else {
				let end = pos;
				while (end < text.length) {
					const c = text.charCodeAt(end);
					if (c === SEMI || c === LF || (c === CR && text.charCodeAt(end + 1) === LF)) break;
					end++;
				}
				cell = text.slice(pos, end);
				pos = end;
			}
			cells.push(cell);
			const c = text.charCodeAt(pos);
			if (c === SEMI) {
				pos++;
				continue;
			}
			if (c === CR) pos++;
			this.pos = pos + 1;
			this.line++;
			return cells;
		}
	}

	/** Reads a quoted cell from just after its opening quote; text after the close joins it. */
	private quotedCell(from: number, line: number): [string, number] {
		const text = this.text;
		const parts: string[] = [];
		let pos = from;
		for (;;) {
			const close = text.indexOf('"', pos);
			if (close < 0) throw new PabulibError(line, 'a quoted field is never closed');
			this.countLines(pos, close);
			parts.push(text.slice(pos, close));
			if (text.charCodeAt(close + 1) === QUOTE) {
				parts.push('"');
				pos = close + 2;
				continue;
			}
			let end = close + 1;
			while (end < text.length) {
				const c = text.charCodeAt(end);
				if (c === SEMI || c === LF || (c === CR && text.charCodeAt(end + 1) === LF)) break;
				end++;
			}
			parts.push(text.slice(close + 1, end));
			return [parts.join(''), end];
		}
	}

	private countLines(from: number, to: number): void {
		for (
			let i = this.text.indexOf('\n', from);
			i >= 0 && i < to;
			i = this.text.indexOf('\n', i + 1)
		) {
			this.line++;
		}
	}
}

const NEEDS_QUOTES = /[;"\r\n]/;

/** One cell as Python's csv writer (QUOTE_MINIMAL) writes it. */
export function quoteCell(value: string): string {
	return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record: cells quoted where needed, joined by `;`. */
export function formatRecord(cells: readonly string[]): string {
	return cells.map(quoteCell).join(';');
}
