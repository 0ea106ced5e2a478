#!/usr/bin/env tsx
/**
 * `npm run bench:web`: builds the web app, then sums the JavaScript each voting page loads, as
 * raw, gzip and brotli bytes. The files come from the build's own manifest: Kit's client entry
 * (start + app) and, per route, the `imports` list of the route's page node and of every layout
 * node above it (what the browser preloads on a first visit). Budget: the ballot page under
 * 100 KB of compressed JavaScript. `--no-build` measures the existing build.
 */
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = join(root, 'web', '.svelte-kit', 'output');
const BUDGET = 100 * 1024;

if (!process.argv.includes('--no-build')) {
	execSync('npm run build --workspace @allot/web', { cwd: root, stdio: 'ignore' });
}

interface Node {
	/** route file the node renders, e.g. src/routes/cycles/[slug]/+layout.svelte */
	component: string;
	imports: string[];
}

/** Server node files name their component and list the client JS the browser loads for it. */
function readNodes(): Node[] {
	const dir = join(out, 'server', 'nodes');
	return readdirSync(dir).map((file) => {
		const text = readFileSync(join(dir, file), 'utf8');
		const entry = /import\('\.\.\/entries\/pages\/(.*?)\.js'\)/.exec(text)?.[1] ?? '';
		const imports = JSON.parse(/export const imports = (\[.*?\]);/.exec(text)?.[1] ?? '[]') as string[];
		const component = `src/routes/${entry.replace(/_slug_/g, '[slug]').replace(/(^|\/)_(page|layout)\.svelte$/, '$1+$2.svelte')}`;
		return { component, imports };
	});
}

function clientEntry(): string[] {
	const manifest = readFileSync(join(out, 'server', 'manifest.js'), 'utf8');
	const list = /client: \{[^}]*?imports:(\[.*?\])/.exec(manifest)?.[1];
	if (!list) throw new Error('no client imports in the server manifest');
	return JSON.parse(list) as string[];
}

/** The page node and every layout above it (route groups included). */
function routeFiles(nodes: Node[], route: string): string[] {
	const files = new Set(clientEntry());
	const parts = route.split('/').filter(Boolean);
	const dirs = parts.map((_, i) => `src/routes/${parts.slice(0, i).join('/')}`.replace(/\/$/, ''));
	for (const node of nodes) {
		const dir = node.component.replace(/\/\+(page|layout)\.svelte$/, '');
		const isLayout = node.component.endsWith('+layout.svelte') && (dir === 'src/routes' || dirs.includes(dir) || dir === `src/routes/${route}`);
		const isPage = node.component === `src/routes/${route}/+page.svelte`;
		if (isLayout || isPage) for (const f of node.imports) files.add(f);
	}
	return [...files];
}

function sizes(files: string[]) {
	let raw = 0, gzip = 0, brotli = 0;
	for (const f of files) {
		const buf = readFileSync(join(out, 'client', f));
		raw += buf.length;
		gzip += gzipSync(buf, { level: 9 }).length;
		brotli += brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
	}
	return { files: files.length, raw, gzip, brotli };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const nodes = readNodes();
const routes = ['cycles/[slug]/vote', 'cycles/[slug]/vote/ballot', 'cycles/[slug]/vote/receipt', 'cycles/[slug]/results'];
console.log('route                         files      raw     gzip   brotli');
let ballot = 0;
for (const route of routes) {
	const s = sizes(routeFiles(nodes, route));
	if (route.endsWith('ballot')) ballot = s.gzip;
	console.log(`${`/${route}`.padEnd(28)} ${String(s.files).padStart(6)} ${kb(s.raw).padStart(9)} ${kb(s.gzip).padStart(8)} ${kb(s.brotli).padStart(8)}`);
}
const ok = ballot < BUDGET;
console.log(`voting page (ballot) JavaScript, gzip: ${kb(ballot)} of a ${kb(BUDGET)} budget: ${ok ? 'within budget' : 'OVER BUDGET'}`);
process.exitCode = ok ? 0 : 1;
