// Offline (issue 22, part 1: the app shell). After one visit the app opens
// with no connection, a deep link included, from its service worker, with
// the strict CSP intact and no API answer in any cache; a new version is
// announced and applied only when the user agrees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ROOT, startServer, launchBrowser, watchProblems, installCspProbe, screenshot, login, NIP, VIEWPORTS, apiSession,
  rencana,
} from './lib.mjs';

let server;
let browser;
// The server serves a copy of the build, so a test can put a new version in it.
const dist = mkdtempSync(join(tmpdir(), 'ekinerja-dist-'));

before(async () => {
  cpSync(join(process.env.EKINERJA_DIST ?? join(ROOT, 'dist')), dist, { recursive: true });
  process.env.EKINERJA_DIST_SAVED = process.env.EKINERJA_DIST ?? '';
  process.env.EKINERJA_DIST = dist;
  server = await startServer();
  process.env.EKINERJA_DIST = process.env.EKINERJA_DIST_SAVED || undefined;
  if (!process.env.EKINERJA_DIST) delete process.env.EKINERJA_DIST;
  browser = await launchBrowser();
  await installCspProbe(browser.context);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dist, { recursive: true, force: true });
});

/** Waits until the service worker controls the page (after its first install). */
async function dikendalikan(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, { timeout: 20_000 });
}

/** Every URL in the page's caches. */
function isiCache(page) {
  return page.evaluate(async () => {
    const urls = [];
    for (const nama of await caches.keys()) {
      const cache = await caches.open(nama);
      urls.push(...(await cache.keys()).map((r) => new URL(r.url).pathname));
    }
    return urls;
  });
}

test('after one visit the app opens a deep link with no connection, from its service worker, with no CSP violation and no API answer cached', async () => {
  const s = await apiSession(server.base, NIP.staf2);
  const [periode] = await s.get('/api/v1/org/periode');
  const skp = await s.post('/api/v1/skp', { periode_id: periode.id, rencana: rencana('Tersusunnya laporan luring') });
  const page = await browser.context.newPage();
  await page.setViewportSize(VIEWPORTS.phone);
  const problems = watchProblems(page);
  await login(page, server.base, NIP.staf2);
  await dikendalikan(page);
  // Online, the SKP opens (its answer goes through the worker, uncached).
  await page.goto(`${server.base}/skp/${skp.id}`);
  await page.getByTestId('editor-skp').waitFor();

  // The admin console and the API are never answered by the worker.
  for (const alamat of ['/admin?asal=tautan', '/api/v1/health']) {
    const res = await page.goto(server.base + alamat);
    assert.equal(res?.fromServiceWorker(), false, `${alamat}: from the network`);
  }

  await browser.context.setOffline(true);
  try {
    for (const alamat of [`/skp/${skp.id}`, '/penilai', '/']) {
      const res = await page.goto(server.base + alamat);
      assert.ok(res?.fromServiceWorker(), `${alamat}: answered by the worker with no connection`);
      await page.getByTestId('nav').waitFor();
      assert.equal(await page.getByTestId('galat-aplikasi').count(), 0, `${alamat}: the app runs`);
    }
    // The session and the data need the server until a later part of this
    // issue keeps them on the device: the app says the server is not
    // reachable (and that the form still works), it does not fail.
    await page.goto(`${server.base}/skp/${skp.id}`);
    await page.getByText('Server belum terhubung').waitFor();
    await screenshot(page, 'luring-tautan-dalam-ponsel');
  } finally {
    await browser.context.setOffline(false);
  }
  const cached = await isiCache(page);
  assert.ok(cached.includes('/index.html'), `the shell is precached: ${cached}`);
  assert.ok(cached.some((u) => /^\/app-[0-9a-f]+_bg\.wasm$/.test(u)), `the wasm is precached: ${cached}`);
  assert.deepEqual(cached.filter((u) => u.startsWith('/api/')), [], 'no API answer is cached');
  assert.deepEqual(cached.filter((u) => u.startsWith('/admin')), [], 'the admin console stays online only');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation');
  assert.deepEqual(problems.filter((p) => !/Failed to load resource|net::ERR_INTERNET_DISCONNECTED/.test(p)), []);
  await page.close();
});

test('a new version is announced and applied only when the user agrees, not while they type', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize(VIEWPORTS.tablet);
  await page.goto(server.base + '/');
  await dikendalikan(page);
  const lama = await page.evaluate(() => navigator.serviceWorker.controller.scriptURL);
  // Something typed, and a mark that only a reload would clear.
  await page.goto(server.base + '/simulasi');
  await page.evaluate(() => { window.__belumDimuatUlang = true; });
  // The next version of the build: a different sw.js (its compressed copies
  // are rewritten from it, as the build would).
  const sw = join(dist, 'sw.js');
  writeFileSync(sw, `${readFileSync(sw, 'utf8')}\n// versi berikutnya\n`);
  for (const salinan of ['sw.js.br', 'sw.js.gz']) rmSync(join(dist, salinan), { force: true });
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  const spanduk = page.getByTestId('versi-baru');
  await spanduk.waitFor();
  assert.match(await spanduk.textContent(), /Versi baru tersedia/);
  assert.equal(await spanduk.getAttribute('role'), 'status');
  // It waits: no reload of its own, the old version still in charge.
  await page.waitForTimeout(1000);
  assert.equal(await page.evaluate(() => window.__belumDimuatUlang), true, 'nothing reloaded by itself');
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL), lama);
  assert.equal(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r.waiting)), true);
  await screenshot(page, 'versi-baru-tablet');
  // The user agrees: the new version takes over and the page reloads once.
  await Promise.all([page.waitForEvent('load'), page.getByTestId('terapkan-versi-baru').click()]);
  await dikendalikan(page);
  assert.equal(await page.evaluate(() => window.__belumDimuatUlang), undefined, 'the page reloaded');
  assert.equal(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.waiting)), null);
  assert.equal(await page.getByTestId('versi-baru').count(), 0, 'nothing more to announce');
  await page.close();
});
