// The first-load transfer of each wasm build of the SPA (app/src/page.rs
// `Bundle`): wasm + js + css, raw and brotli, of the home build at the root
// and of each build in its folder (skp/, realisasi/, penilai/, hasil/, unit/, admin/): a first visit
// can open any of them (a deep link), and gets only that one.
// A report, never a pass/fail gate (the budget is 300 KB brotli each).
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const kinds = { '.wasm': 'wasm', '.js': 'js', '.css': 'css' };
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KB';
const brotli = (raw) => brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

function report(dir, label) {
  const totals = { wasm: [0, 0], js: [0, 0], css: [0, 0] };
  let worker = null;
  for (const name of readdirSync(dir).sort()) {
    const kind = kinds[extname(name)];
    const path = join(dir, name);
    if (!kind || !statSync(path).isFile()) continue;
    const raw = readFileSync(path);
    // The service worker is fetched by the browser apart from the page (and
    // again only when it changes): counted apart, not in the first load.
    if (name === 'sw.js') {
      worker = [raw.length, brotli(raw)];
      continue;
    }
    const br = brotli(raw);
    totals[kind][0] += raw.length;
    totals[kind][1] += br;
    console.log(`  ${name.padEnd(42)} raw ${kb(raw.length)}  brotli ${kb(br)}`);
  }
  let raw = 0, br = 0;
  for (const [r, b] of Object.values(totals)) {
    raw += r;
    br += b;
  }
  console.log(`${`first load, ${label}`.padEnd(44)} raw ${kb(raw)}  brotli ${kb(br)}  (budget 300 KB brotli)`);
  if (worker) {
    console.log(`${'service worker (sw.js, apart from the first load)'.padEnd(44)} raw ${kb(worker[0])}  brotli ${kb(worker[1])}`);
  }
  return br;
}

const labels = {
  '': 'home build (/: sign-in, dashboard, account)',
  skp: 'SKP editor (/skp/…)',
  penilai: 'penilai (/penilai/…)',
  hasil: 'feedback and the 360 (/hasil/…)',
  realisasi: 'realisasi and evidence (/realisasi/…)',
  unit: 'penilai: the unit (/unit/…)',
  evaluasi: 'evaluation documents (/evaluasi/…)',
  nilai: 'penilai: rating the unit (/nilai)',
  admin: 'admin console (/admin/…, online only)',
};
let largest = 0;
for (const sub of ['', ...readdirSync(dist).sort()]) {
  const dir = join(dist, sub);
  if (sub && !(statSync(dir).isDirectory() && existsSync(join(dir, 'index.html')))) continue;
  largest = Math.max(largest, report(dir, labels[sub] ?? `/${sub}/`));
}
console.log(`${'largest first load of any build'.padEnd(44)}            brotli ${kb(largest)}  (budget 300 KB brotli)`);
