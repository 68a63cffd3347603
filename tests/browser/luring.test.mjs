// Offline (issue 22, part 1: the app shell). After one visit the app opens
// with no connection, a deep link included, from its service worker, with
// the strict CSP intact and no API answer in any cache; a new version is
// announced and applied only when the user agrees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  ROOT, startServer, launchBrowser, watchProblems, installCspProbe, screenshot, login, NIP, VIEWPORTS, apiSession,
  rencana, ajukanSkp, outboxTersimpan, swMengendalikan, tungguSimpan,
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
  await swMengendalikan(page);
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
      await page.getByTestId('nav').waitFor({ state: 'attached' });
      assert.equal(await page.getByTestId('galat-aplikasi').count(), 0, `${alamat}: the app runs`);
    }
    // The session and the SKP come from the device, and the page says so.
    await page.goto(`${server.base}/skp/${skp.id}`);
    await page.getByTestId('editor-skp').waitFor();
    assert.equal(await page.getByTestId('rhk-uraian').first().inputValue(), 'Tersusunnya laporan luring');
    await page.getByTestId('dari-perangkat').waitFor();
    assert.equal(await page.getByTestId('status-koneksi').getAttribute('data-daring'), 'false');
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

/** The signed-in person's waiting changes, as the sync bar counts them (0 when it shows none). */
async function menunggu(page) {
  const el = page.getByTestId('menunggu');
  return (await el.count()) ? Number(await el.getAttribute('data-jumlah')) : 0;
}

test('edited and submitted with no connection, through a reload, the SKP reaches the server once when the connection is back', async () => {
  const staf4 = '199512302022032008'; // Putri Maharani
  const s = await apiSession(server.base, staf4);
  const [periode] = await s.get('/api/v1/org/periode');
  const skp = await s.post('/api/v1/skp', { periode_id: periode.id, rencana: rencana('Rencana awal') });
  const page = await browser.context.newPage();
  await page.setViewportSize(VIEWPORTS.phone);
  const problems = watchProblems(page);
  await browser.context.clearCookies();
  await login(page, server.base, staf4);
  await dikendalikan(page);
  await page.goto(`${server.base}/skp/${skp.id}`);
  await page.getByTestId('editor-skp').waitFor();
  await browser.context.setOffline(true);
  try {
    await page.getByTestId('rhk-uraian').first().fill('Diubah tanpa koneksi');
    // Saved by itself after a pause in the typing: into the outbox, and the head says so.
    await page.waitForFunction(() => document.querySelector('[data-testid=menunggu]')?.dataset.jumlah === '1', null, { timeout: 15_000 });
    assert.equal(await tungguSimpan(page, 'perangkat'), '⏸ Tersimpan di perangkat, menunggu koneksi');
    assert.equal(await page.getByTestId('status-koneksi').getAttribute('data-daring'), 'false');
    const ob = await outboxTersimpan(page);
    assert.equal(ob.pending.length, 1);
    assert.equal(ob.pending[0].mutation.body.version, 1);
    // Reloaded with no connection: the worker, the session, the SKP and the
    // form all come from the device, and the change still waits.
    await page.reload();
    await page.getByTestId('editor-skp').waitFor();
    assert.equal(await page.getByTestId('rhk-uraian').first().inputValue(), 'Diubah tanpa koneksi');
    assert.equal(await menunggu(page), 1);
    await tungguSimpan(page, 'perangkat'); // the waiting save is said after the reload too
    // Edited again and submitted: the save never sent takes the last form,
    // and the submission is chained on it.
    await page.getByTestId('rhk-uraian').first().fill('Diubah dua kali tanpa koneksi');
    await page.getByTestId('ajukan').click();
    await page.getByTestId('ajukan-ya').click();
    await page.waitForFunction(() => /^Pengajuan tersimpan di perangkat/.test(document.querySelector('[data-testid=tersimpan-perangkat]')?.textContent ?? ''));
    assert.equal(await menunggu(page), 2);
    const pending = (await outboxTersimpan(page)).pending.map((e) => [e.mutation.method, e.mutation.body.version]);
    assert.deepEqual(pending, [['PUT', 1], ['POST', 2]], 'each change based on the version the earlier ones leave');
    await screenshot(page, 'luring-menunggu-ponsel');
    // Nothing reached the server.
    assert.equal((await s.get(`/api/v1/skp/${skp.id}`)).version, 1);
  } finally {
    await browser.context.setOffline(false);
  }
  // The connection is back: sent by itself, in order, and shown as saved.
  await page.waitForFunction(() => document.querySelector('[data-testid=menunggu]')?.dataset.jumlah === '0', null, { timeout: 15_000 });
  assert.equal(await page.getByTestId('menunggu').isVisible(), false, 'nothing waits: not shown');
  await page.getByTestId('sudah-diajukan').waitFor();
  const diServer = await s.get(`/api/v1/skp/${skp.id}`);
  assert.equal(diServer.status, 'diajukan');
  assert.equal(diServer.version, 3, 'the last form and one submission, each applied once');
  assert.equal(diServer.isian.rhk[0].uraian, 'Diubah dua kali tanpa koneksi');
  const riwayat = await s.get(`/api/v1/skp/${skp.id}/versi`);
  assert.deepEqual(riwayat.map((v) => v.aksi), ['create', 'update', 'submit']);
  assert.equal((await outboxTersimpan(page)).pending.length, 0);
  await page.getByTestId('terakhir-sinkron').waitFor();
  assert.match(await page.getByTestId('terakhir-sinkron').textContent(), /^Terakhir tersinkron \d\d\.\d\d$/);
  assert.deepEqual(problems.filter((p) => !/Failed to load resource|net::ERR_INTERNET_DISCONNECTED/.test(p)), []);
  await page.close();
});

test('a pejabat penilai approves on a tablet with no connection; the decision is sent when it is back', async () => {
  const staf6 = '199402202020122010'; // Maya Sari; her penilai is Budi Santoso
  const diajukan = await ajukanSkp(staf6, server.base, 'Tersusunnya laporan kinerja luring');
  const tablet = await browser.context.newPage();
  await tablet.setViewportSize(VIEWPORTS.tablet);
  await browser.context.clearCookies();
  await login(tablet, server.base, '198206252006041001');
  await dikendalikan(tablet);
  // The queue loads every SKP in it, for reviewing with no connection.
  await tablet.goto(`${server.base}/penilai`);
  await tablet.getByTestId('antrian').waitFor();
  await tablet.waitForTimeout(1500);
  await browser.context.setOffline(true);
  try {
    await tablet.goto(`${server.base}/penilai/skp/${diajukan.id}`);
    await tablet.getByTestId('tinjau-skp').waitFor();
    await tablet.getByTestId('setujui').click();
    await tablet.getByTestId('setujui-ya').click();
    await tablet.getByTestId('keputusan-perangkat').waitFor();
    assert.equal(await menunggu(tablet), 1);
    await screenshot(tablet, 'luring-keputusan-tablet');
  } finally {
    await browser.context.setOffline(false);
  }
  await tablet.getByTestId('hasil-keputusan').filter({ hasText: /disetujui/i }).waitFor({ timeout: 15_000 });
  await tablet.waitForFunction(() => document.querySelector('[data-testid=status-skp]')?.dataset.status === 'ditetapkan');
  const s = await apiSession(server.base, staf6);
  assert.equal((await s.get(`/api/v1/skp/${diajukan.id}`)).status, 'ditetapkan');
  await tablet.close();
});

test('signing out with unsent changes asks first and keeps them; the next person never sees them; they are sent when their owner is back', async () => {
  const staf3 = '199107172017011007'; // Agus Setiawan
  const s = await apiSession(server.base, staf3);
  const [periode] = await s.get('/api/v1/org/periode');
  const skp = await s.post('/api/v1/skp', { periode_id: periode.id, rencana: rencana('Rencana Agus') });
  const page = await browser.context.newPage();
  await page.setViewportSize(VIEWPORTS.tablet);
  await browser.context.clearCookies();
  await login(page, server.base, staf3);
  await page.goto(`${server.base}/skp/${skp.id}`);
  await page.getByTestId('editor-skp').waitFor();
  await browser.context.setOffline(true);
  await page.getByTestId('rhk-uraian').first().fill('Diubah Agus tanpa koneksi');
  await page.waitForFunction(() => document.querySelector('[data-testid=menunggu]')?.dataset.jumlah === '1', null, { timeout: 15_000 });
  // Held back once online: the server answers every batch with a passing failure.
  await browser.context.route('**/api/v1/sync', (r) => r.fulfill({ status: 503, contentType: 'application/json', body: '{"code":"busy","message":{"id":"Sibuk.","en":"Busy."}}' }));
  await browser.context.setOffline(false);
  const tanya = [];
  page.once('dialog', (d) => { tanya.push(d.message()); d.dismiss(); });
  await page.getByTestId('keluar').click();
  await page.waitForTimeout(300);
  assert.match(tanya[0], /1 perubahan Anda belum diterima server/);
  assert.equal(await page.getByTestId('editor-skp').count(), 1, 'still signed in');
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('keluar').click();
  await page.locator('#nip').waitFor();
  const ob = await outboxTersimpan(page);
  assert.equal(ob.pending.length, 1, 'kept on the device');
  // Someone else signs in on this device: nothing of Agus's shows or is sent.
  await browser.context.unroute('**/api/v1/sync');
  await login(page, server.base, NIP.kabid1);
  await page.waitForTimeout(1000);
  assert.equal(await menunggu(page), 0);
  assert.equal((await outboxTersimpan(page)).pending.length, 1);
  assert.equal((await s.get(`/api/v1/skp/${skp.id}`)).version, 1);
  await page.once('dialog', (d) => d.accept());
  await page.getByTestId('keluar').click();
  await page.locator('#nip').waitFor();
  // Agus again: his change is sent at once.
  await login(page, server.base, staf3);
  for (let i = 0; i < 100 && (await s.get(`/api/v1/skp/${skp.id}`)).version === 1; i++) await page.waitForTimeout(100);
  const diServer = await s.get(`/api/v1/skp/${skp.id}`);
  assert.equal(diServer.version, 2);
  assert.equal(diServer.isian.rhk[0].uraian, 'Diubah Agus tanpa koneksi');
  await page.close();
});

test('a change stored on the device survives the browser being killed, and is sent once when it starts again', async () => {
  const staf7 = '199606112023211011'; // Yusuf Hidayat
  const s = await apiSession(server.base, staf7);
  const [periode] = await s.get('/api/v1/org/periode');
  const skp = await s.post('/api/v1/skp', { periode_id: periode.id, rencana: rencana('Rencana Yusuf') });
  const profil = mkdtempSync(join(tmpdir(), 'ekinerja-kill-'));
  const buka = () => chromium.launchPersistentContext(profil, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let context = await buka();
  try {
    let page = await context.newPage();
    await login(page, server.base, staf7);
    await page.goto(`${server.base}/skp/${skp.id}`);
    await page.getByTestId('editor-skp').waitFor();
    await context.setOffline(true);
    await page.getByTestId('rhk-uraian').first().fill('Disimpan sebelum baterai habis');
    await page.waitForFunction(() => document.querySelector('[data-testid=menunggu]')?.dataset.jumlah === '1', null, { timeout: 15_000 });
    // The battery dies: every process of this browser, at once, no shutdown.
    execFileSync('pkill', ['-KILL', '-f', `user-data-dir=${profil}`]);
    await context.close().catch(() => {});
    context = await buka();
    page = await context.newPage();
    // The session cookie may not have reached the disk before the kill; the
    // outbox did (strict durability): signing in again sends it.
    await context.clearCookies();
    await login(page, server.base, staf7);
    for (let i = 0; i < 150 && (await s.get(`/api/v1/skp/${skp.id}`)).version === 1; i++) await page.waitForTimeout(100);
    const diServer = await s.get(`/api/v1/skp/${skp.id}`);
    assert.equal(diServer.version, 2, 'sent once');
    assert.equal(diServer.isian.rhk[0].uraian, 'Disimpan sebelum baterai habis');
    assert.deepEqual((await s.get(`/api/v1/skp/${skp.id}/versi`)).map((v) => v.aksi), ['create', 'update']);
  } finally {
    await context.close().catch(() => {});
    rmSync(profil, { recursive: true, force: true });
  }
});

test('an SKP created with no connection, through a reload, is created once when the connection is back and opens', async () => {
  const sekretaris = '197811202003121002'; // Ahmad Fauzi, no SKP yet
  const page = await browser.context.newPage();
  await page.setViewportSize(VIEWPORTS.phone);
  await browser.context.clearCookies();
  await login(page, server.base, sekretaris);
  await dikendalikan(page);
  await browser.context.setOffline(true);
  try {
    // Opened with no connection: the dashboard from the device.
    await page.reload();
    await page.getByTestId('buat-skp').click();
    await page.getByTestId('buat-menunggu').waitFor();
    assert.equal(await menunggu(page), 1);
    // Pressed again after a reload: it still waits, and cannot be queued twice.
    await page.reload();
    await page.getByTestId('buat-menunggu').waitFor();
    assert.equal(await page.getByTestId('buat-skp').isDisabled(), true);
  } finally {
    await browser.context.setOffline(false);
  }
  // Back online: created once, and the editor opens on it.
  await page.getByTestId('editor-skp').waitFor({ timeout: 15_000 });
  const s = await apiSession(server.base, sekretaris);
  const milik = await s.get('/api/v1/skp');
  assert.equal(milik.length, 1, 'one SKP, created once');
  assert.ok(page.url().endsWith(`/skp/${milik[0].id}`));
  await page.close();
});

test('a change refused as stale is listed with the server\'s note; applied again on the current version, or dropped', async () => {
  const staf1 = '199205082019031005'; // Rizky Pratama
  const s = await apiSession(server.base, staf1);
  const [periode] = await s.get('/api/v1/org/periode');
  const skp = await s.post('/api/v1/skp', { periode_id: periode.id, rencana: rencana('Rencana Rizky') });
  const page = await browser.context.newPage();
  await page.setViewportSize(VIEWPORTS.tablet);
  await browser.context.clearCookies();
  await login(page, server.base, staf1);
  await page.goto(`${server.base}/skp/${skp.id}`);
  await page.getByTestId('editor-skp').waitFor();
  const ditolak = page.getByTestId('ditolak');
  /** Saved with no connection while another device saves version `versi`. */
  const bentrok = async (teks, lain, versi) => {
    await browser.context.setOffline(true);
    await page.getByTestId('rhk-uraian').first().fill(teks);
    await page.waitForFunction(() => document.querySelector('[data-testid=menunggu]')?.dataset.jumlah === '1', null, { timeout: 15_000 });
    await s.put(`/api/v1/skp/${skp.id}`, { version: versi, rencana: rencana(lain) });
    await browser.context.setOffline(false);
    await ditolak.waitFor({ timeout: 15_000 });
  };
  await bentrok('Versi perangkat ini', 'Versi perangkat lain', 1);
  assert.equal(await page.getByTestId('ditolak-item').count(), 1);
  assert.match(await page.getByTestId('ditolak-pesan').textContent(), /^Ubah rencana SKP — .*Versi di server sekarang: 2$/);
  assert.equal(await page.getByTestId('ditolak-item').getAttribute('data-status'), '409');
  await screenshot(page, 'luring-ditolak-tablet');
  // Applied again, on the version the server has now: the person chose to overwrite it.
  await page.getByTestId('terapkan-lagi').click();
  await ditolak.waitFor({ state: 'hidden', timeout: 15_000 });
  // Out of the list at once, back in the outbox: sent, until nothing waits.
  await page.waitForFunction(() => document.querySelector('[data-testid=menunggu]')?.dataset.jumlah === '0', null, { timeout: 15_000 });
  let diServer = await s.get(`/api/v1/skp/${skp.id}`);
  assert.equal(diServer.version, 3);
  assert.equal(diServer.isian.rhk[0].uraian, 'Versi perangkat ini');
  // Another one, dropped: the server keeps what it has, and nothing waits.
  await page.reload();
  await page.getByTestId('editor-skp').waitFor();
  await bentrok('Akan dibuang', 'Disimpan di tempat lain', 3);
  await page.getByTestId('buang-perubahan').click();
  await ditolak.waitFor({ state: 'hidden' });
  diServer = await s.get(`/api/v1/skp/${skp.id}`);
  assert.equal(diServer.version, 4);
  assert.equal(diServer.isian.rhk[0].uraian, 'Disimpan di tempat lain');
  const ob = await outboxTersimpan(page);
  assert.deepEqual([ob.pending.length, ob.refused.length], [0, 0]);
  await page.close();
});

test('two devices edited the same version: the second sees both side by side, field by field, chooses, and its choice is saved once', async () => {
  // Siti Rahmawati's own SKP; the other device is the API.
  const s = await apiSession(server.base, NIP.kabid1);
  const [periode] = await s.get('/api/v1/org/periode');
  const skp = await s.post('/api/v1/skp', { periode_id: periode.id, rencana: rencana('Rencana awal') });
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.phone);
  await browser.context.clearCookies();
  await login(page, server.base, NIP.kabid1);
  await page.goto(`${server.base}/skp/${skp.id}`);
  await page.getByTestId('editor-skp').waitFor();
  // The other device saves a new description and target on version 1 ...
  const lain = rencana('Uraian dari laptop');
  lain.rhk[0].indikator[0].target = '6';
  await s.put(`/api/v1/skp/${skp.id}`, { version: 1, rencana: lain });
  // ... while this one, still on version 1, changes the description and the unit.
  await page.getByTestId('rhk-uraian').first().fill('Uraian dari ponsel');
  await page.getByTestId('iki-satuan').first().fill('kelas');
  // Refused as stale: said in the editor and in the sync bar, each with the way
  // to both versions of each field that differs, side by side.
  await page.getByTestId('ditolak').waitFor({ timeout: 15_000 });
  assert.equal(await page.getByTestId('banding-ditolak').count(), 1);
  await page.getByTestId('galat-server').getByTestId('bandingkan').click();
  assert.equal(new URL(page.url()).pathname, `/banding/${skp.id}`);
  const banding = page.getByTestId('banding');
  await banding.waitFor({ timeout: 15_000 });
  const beda = banding.getByTestId('beda');
  assert.deepEqual(await beda.locator('legend').allTextContents(), [
    'RHK 1 · Uraian hasil kerja', 'RHK 1 · Indikator 1 · Target (atau batas bawah)', 'RHK 1 · Indikator 1 · Satuan',
  ]);
  assert.deepEqual(await banding.getByTestId('nilai-saya').allTextContents(), ['Uraian dari ponsel', '4', 'kelas']);
  assert.deepEqual(await banding.getByTestId('nilai-server').allTextContents(), ['Uraian dari laptop', '6', 'angkatan']);
  // The person's own by default.
  assert.equal(await banding.getByTestId('pilih-saya').nth(0).isChecked(), true);
  await screenshot(page, 'banding-ponsel');
  // In English too.
  await page.getByTestId('ganti-bahasa').click();
  await banding.getByText('This SKP was changed on another device').waitFor();
  assert.equal(await beda.nth(1).locator('legend').textContent(), 'RHK 1 · Indicator 1 · Target (or lower bound)');
  await screenshot(page, 'banding-ponsel-en');
  await page.getByTestId('ganti-bahasa').click();
  // The laptop's description and target, this phone's unit.
  await beda.nth(0).getByTestId('pilih-server').check();
  await beda.nth(1).getByTestId('pilih-server').check();
  await page.getByTestId('pakai-pilihan').click();
  // Back in the editor, on the chosen form, saved on the server's version.
  await page.waitForURL(`**/skp/${skp.id}`);
  await page.getByTestId('editor-skp').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=menunggu]')?.dataset.jumlah === '0', null, { timeout: 15_000 });
  await page.getByTestId('tersimpan').getByText(/3/).waitFor({ timeout: 15_000 });
  const diServer = await s.get(`/api/v1/skp/${skp.id}`);
  assert.equal(diServer.version, 3);
  assert.equal(diServer.isian.rhk[0].uraian, 'Uraian dari laptop');
  assert.equal(diServer.isian.rhk[0].indikator[0].target, '6');
  assert.equal(diServer.isian.rhk[0].indikator[0].satuan, 'kelas');
  assert.equal(await page.getByTestId('rhk-uraian').first().inputValue(), 'Uraian dari laptop');
  // Settled: nothing refused or waiting on the device.
  assert.equal(await page.getByTestId('ditolak').isHidden(), true);
  const ob = await outboxTersimpan(page);
  assert.deepEqual([ob.pending.length, ob.refused.length], [0, 0]);
  assert.deepEqual(problems.filter((p) => !/Failed to load resource/.test(p)), []);
  await page.close();
});

test('signing out with no connection ends the server session at the next start: the next person never opens the app as the last one', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize(VIEWPORTS.tablet);
  await browser.context.clearCookies();
  await login(page, server.base, NIP.kepala);
  await dikendalikan(page);
  await browser.context.setOffline(true);
  try {
    await page.getByTestId('keluar').click();
    await page.locator('#nip').waitFor();
  } finally {
    await browser.context.setOffline(false);
  }
  // The cookie is still there and the server still knows the session; the
  // next start ends it before taking any session.
  await page.goto(server.base + '/');
  await page.getByTestId('nav').waitFor({ state: 'attached' });
  await page.waitForFunction(async () => (await (await fetch('/api/v1/auth/session')).json()).session === null, null, { timeout: 10_000 });
  assert.equal(await page.getByTestId('dasbor').count(), 0, 'not opened as the last person');
  assert.equal(await page.getByTestId('keluar').count(), 0);
  await page.close();
});

test('a change sent by another tab of the browser reaches this tab\'s editor too', async () => {
  const staf5 = '198709142012121009'; // Hendra Gunawan
  const s = await apiSession(server.base, staf5);
  const [periode] = await s.get('/api/v1/org/periode');
  const skp = await s.post('/api/v1/skp', { periode_id: periode.id, rencana: rencana('Rencana Hendra') });
  await browser.context.clearCookies();
  const a = await browser.context.newPage();
  await login(a, server.base, staf5);
  await a.goto(`${server.base}/skp/${skp.id}`);
  await a.getByTestId('editor-skp').waitFor();
  const b = await browser.context.newPage();
  await b.goto(`${server.base}/skp/${skp.id}`);
  await b.getByTestId('editor-skp').waitFor();
  // Tab A cannot reach /sync; its change is stored and waits.
  await a.route('**/api/v1/sync', (r) => r.abort('internetdisconnected'));
  await a.getByTestId('rhk-uraian').first().fill('Disimpan di tab A');
  await a.waitForFunction(() => document.querySelector('[data-testid=menunggu]')?.dataset.jumlah === '1', null, { timeout: 15_000 });
  // Tab B sends what waits in the device's outbox when it is shown again or
  // the connection comes back (here: its `online` event), and tab A hears the answer.
  await b.evaluate(() => window.dispatchEvent(new Event('online')));
  await a.waitForFunction(() => /versi 2/.test(document.querySelector('[data-testid=tersimpan]')?.textContent ?? ''), null, { timeout: 15_000 });
  await tungguSimpan(a); // no longer said to wait
  assert.equal((await s.get(`/api/v1/skp/${skp.id}`)).isian.rhk[0].uraian, 'Disimpan di tab A');
  await a.unroute('**/api/v1/sync');
  await a.close();
  await b.close();
});
