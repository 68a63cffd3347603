// Trunk post_build step (called by extract_inline_scripts.py): writes a
// brotli (quality 11) and a gzip (level 9) copy beside every text and wasm
// asset of the staged build, so the server sends the smallest form without
// compressing on each request (`ServeDir::precompressed_br`).
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/precompress.mjs <staging dir>');
  process.exit(2);
}
const kinds = new Set(['.wasm', '.js', '.css', '.html', '.svg', '.json', '.webmanifest']);
let n = 0;
for (const name of readdirSync(dir)) {
  const path = join(dir, name);
  if (!kinds.has(extname(name)) || !statSync(path).isFile()) continue;
  const raw = readFileSync(path);
  writeFileSync(`${path}.br`, brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  }));
  writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }));
  n += 1;
}
console.error(`precompress: ${n} file(s) in brotli and gzip`);
