// Writes the app's service worker (sw.js) into a Trunk staging folder, from
// the hashed build output: called by scripts/extract_inline_scripts.py (the
// one post_build hook) after the files are final and before precompression.
//
// It precaches index.html and the hashed wasm / js / css of every build but
// the admin console's (the home build at the root, the others in their
// folders: skp/, penilai/), so the app opens with no connection, a deep link
// (/skp/…, /penilai/…) included: every navigation gets the one index.html,
// whose boot script opens the build the path names. It caches
// no API answer (no runtime caching at all: the next person on a shared
// tablet must not see them); /api/ and the admin console (/admin, online
// only) are never answered from the cache. A new version waits until the
// page asks it to take over (the user agreed; see app/src/pembaruan.rs).
import { generateSW } from 'workbox-build';

const staging = process.argv[2];
if (!staging) {
  console.error('usage: node scripts/service-worker.mjs <staging folder>');
  process.exit(2);
}

const { count, size, warnings } = await generateSW({
  globDirectory: staging,
  globPatterns: ['index.html', '*.{js,wasm,css}', '*/*.{js,wasm}'],
  // The other builds' own index.html, boot script and stylesheet (the same
  // as the root's) are for the server's answers, not the worker's.
  globIgnores: ['sw.js', 'workbox-*.js', 'admin/**', '*/boot-*.js'],
  swDest: `${staging}/sw.js`,
  // Trunk's names carry their content hash (app-<hash>_bg.wasm): no need to
  // bust the cache with a query; index.html is revisioned by its content.
  dontCacheBustURLsMatching: /-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css)$/,
  // The wasm is about 1 MB before compression.
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  navigateFallback: '/index.html',
  // Workbox tests pathname + search: `/admin?x=1` and `/api` are denied too.
  navigateFallbackDenylist: [/^\/api(\/|\?|$)/, /^\/admin(\/|\?|$)/],
  cleanupOutdatedCaches: true,
  // The first install takes the open page at once; a later version waits
  // for the page's SKIP_WAITING message (workbox adds its listener).
  clientsClaim: true,
  skipWaiting: false,
  inlineWorkboxRuntime: true,
  mode: 'production',
  sourcemap: false,
});
for (const w of warnings) console.error(`service-worker: ${w}`);
console.error(`service-worker: sw.js precaches ${count} files, ${(size / 1024).toFixed(1)} KB`);
