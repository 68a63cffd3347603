// The first-load transfer of the SPA: wasm + js + css, raw and brotli.
// A report, never a pass/fail gate (the budget is 300 KB brotli).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
// A second build (the admin console) is reported under its own label, not against the budget.
const label = process.argv[3];
const kinds = { '.wasm': 'wasm', '.js': 'js', '.css': 'css' };
const totals = { wasm: [0, 0], js: [0, 0], css: [0, 0] };
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KB';
const brotli = (raw) => brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
let worker = null;
for (const name of readdirSync(dist)) {
  const kind = kinds[extname(name)];
  const path = join(dist, name);
  if (!kind || !statSync(path).isFile()) continue;
  const raw = readFileSync(path);
  // The service worker is fetched by the browser apart from the page (and
  // again only when it changes): counted apart, not in the first load.
  if (name === 'sw.js') {
    worker = [raw.length, brotli(raw).length];
    continue;
  }
  const br = brotli(raw);
  totals[kind][0] += raw.length;
  totals[kind][1] += br.length;
  console.log(`${name.padEnd(44)} raw ${kb(raw.length)}  brotli ${kb(br.length)}`);
}
let raw = 0, br = 0;
for (const [kind, [r, b]] of Object.entries(totals)) {
  console.log(`${kind.padEnd(44)} raw ${kb(r)}  brotli ${kb(b)}`);
  raw += r; br += b;
}
if (label) {
  console.log(`${label}: wasm + js + css raw ${kb(raw)}  brotli ${kb(br)}`);
} else {
  console.log(`${'first load (wasm + js + css)'.padEnd(44)} raw ${kb(raw)}  brotli ${kb(br)}  (budget 300 KB brotli)`);
}
if (worker) {
  console.log(`${'service worker (sw.js, apart from the first load)'.padEnd(44)} raw ${kb(worker[0])}  brotli ${kb(worker[1])}`);
}
