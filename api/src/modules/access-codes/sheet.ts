/**
 * Printable forms of a new batch. The plain codes exist only while the generating request runs
 * (the database keeps hashes), so these are built from that request's answer, never later.
 */

export interface SheetInput {
	cycleName: string;
	label: string;
	/** where voters go to use the code, printed on each slip */
	voteUrl: string;
	codes: readonly string[];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One code per row; the label and link repeat so a mail merge needs no other source. */
export function batchCsv(input: SheetInput): string {
	const quote = (cell: string) =>
		/[",\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
	const rows = input.codes.map((code, i) =>
		[String(i + 1), code, input.label, input.voteUrl].map(quote).join(',')
	);
	return ['n,code,label,vote_url', ...rows].join('\r\n') + '\r\n';
}

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;padding:8mm;color:#000}
header{margin-bottom:4mm;font-size:10pt}
.slips{display:grid;grid-template-columns:repeat(3,1fr);gap:0}
.slip{border:1px dashed #666;padding:4mm;break-inside:avoid;min-height:30mm}
.slip h2{font-size:10pt;margin:0 0 2mm}
.code{font-family:ui-monospace,monospace;font-size:15pt;letter-spacing:.08em;font-weight:700}
.slip p{font-size:8pt;margin:2mm 0 0}
@media print{header{display:none}body{padding:0}}`;

/** A print-ready A4/Letter sheet of cut-out slips, three across. */
export function batchSheetHtml(input: SheetInput): string {
	const title = escapeHtml(input.cycleName);
	const url = escapeHtml(input.voteUrl);
	const slips = input.codes
		.map(
			(code) =>
				`<div class="slip"><h2>${title}</h2><div class="code">${escapeHtml(code)}</div>` +
				`<p>Vote at ${url} with this code. It works once: keep it private.</p></div>`
		)
		.join('\n');
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}: ${escapeHtml(input.label)}</title>
<style>${STYLE}</style></head>
<body><header><strong>${escapeHtml(input.label)}</strong>: ${input.codes.length} access codes.
These codes are shown only now; print or save this page before closing it.</header>
<main class="slips">
${slips}
</main></body></html>
`;
}
