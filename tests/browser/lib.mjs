// Shared set-up for the browser tests: the real server binary on a free port
// with a fresh SQLite file, and Debian's Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ARTIFACTS = join(ROOT, 'artifacts', 'screenshots');

export const VIEWPORTS = {
  phone: { width: 360, height: 740 },
  tablet: { width: 1024, height: 768 },
  'tablet-tegak': { width: 768, height: 1024 },
  desktop: { width: 1440, height: 900 },
};

/** Starts `ekinerja serve` on `port` (0: any free one) with the SQLite file
 * in `dir` (a fresh one unless given; a given one is kept, so a restarted
 * server has the same data), its clock on `tanggal` (`YYYY-MM-DD`, WIB)
 * when given; resolves with its base URL once it listens. */
export async function startServer({ demo = true, kegiatan = false, port = 0, dir: kept, tanggal, tahap } = {}) {
  const bin = process.env.EKINERJA_SERVER ?? join(ROOT, 'target/release/ekinerja');
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'ekinerja-browser-'));
  const args = ['serve', '--port', String(port), '--dist', process.env.EKINERJA_DIST ?? join(ROOT, 'dist')];
  if (!demo) args.push('--no-demo');
  // The demo's year so far, as `make run` seeds it (monthly documentation, staf5–7's set SKPs, staf6's 360).
  if (kegiatan) args.push('--demo-kegiatan');
  // The server's clock moved to this day (WIB), as the year passes in a test.
  if (tanggal) args.push('--tanggal', tanggal);
  // The demo's year started at a later stage (`seed::TahapDemo`).
  if (tahap) args.push('--demo-tahap', tahap);
  const child = spawn(bin, args, {
    env: { ...process.env, DATABASE_URL: `sqlite://${join(dir, 'test.db')}`, RUST_LOG: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const base = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk) => {
      output += chunk;
      const m = output.match(/running at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); ok(m[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => { output += c; });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited ${code}:\n${output}`)); });
  });
  return {
    base,
    output: () => output,
    async stop() {
      child.removeAllListeners('exit');
      const exited = new Promise((ok) => child.on('exit', (code, signal) => ok({ code, signal })));
      child.kill('SIGTERM');
      const result = await exited;
      if (!kept) rmSync(dir, { recursive: true, force: true });
      return result;
    },
    /** Ends the process at once (SIGKILL), as a crash or a power cut would. */
    async kill() {
      child.removeAllListeners('exit');
      const exited = new Promise((ok) => child.on('exit', () => ok()));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A fresh headless Chromium with the closed-network flags. */
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'ekinerja-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Records console errors, page errors and CSP violations of a page. */
export function watchProblems(page) {
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return problems;
}

export async function installCspProbe(context) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export const DEMO_PASSWORD = 'demo-ekinerja';
export const NIP = {
  admin: '199003152015032004',
  kabid1: '198001102005012003',
  staf2: '198811232014022006',
  kepala: '197204152000032001',
  sekretaris: '197811202003121002',
  kabid2: '198206252006041001',
  staf1: '199205082019031005',
  staf3: '199107172017011007',
  staf4: '199512302022032008',
  staf5: '198709142012121009',
  staf6: '199402202020122010',
  staf7: '199606112023211011',
};

/** Waits until the service worker controls the page (after its first
 * install). An install that did not finish (a precache request lost, as on
 * a busy machine) is tried again by the app's next start, as a person's
 * next visit would: the page is reloaded once before giving up. */
export async function swMengendalikan(page) {
  const aktif = () => navigator.serviceWorker?.controller?.state === 'activated';
  try {
    await page.waitForFunction(aktif, null, { timeout: 15_000 });
  } catch {
    console.error('# the service worker did not take the page within 15 s; the app is started again');
    await page.reload();
    await page.waitForFunction(aktif, null, { timeout: 30_000 });
  }
}

/** The pages' links of the bar; on a phone they fold behind its menu,
 * which is opened first. */
export async function navigasi(page) {
  const menu = page.getByTestId('menu');
  if (await menu.isVisible() && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  return page.getByTestId('nav');
}

/** Signs in through the login form and waits for the dashboard. */
export async function login(page, base, nip) {
  await page.goto(base + '/masuk');
  await page.locator('#nip').fill(nip);
  await page.locator('#kata-sandi').fill(DEMO_PASSWORD);
  await page.getByTestId('tombol-masuk').click();
  await page.getByTestId('dasbor').waitFor();
}

/** Signs in through the API (no browser) for setting up data: `post` sends
 * a change with the session's cookie, CSRF token and a fresh Idempotency-Key. */
export async function apiSession(base, nip) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nip, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${nip}: ${res.status}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await res.json();
  const call = async (method, path, body) => {
    const r = await fetch(base + path, {
      method,
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf, 'idempotency-key': crypto.randomUUID() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return r.json();
  };
  return { cookie, get: (path) => call('GET', path), post: (path, body) => call('POST', path, body), put: (path, body) => call('PUT', path, body) };
}

/** A plan as the API takes it: one RHK utama `id` (linked to `rhkAtasan`),
 * with one indicator unless `indikator` is false (a draft may have none). */
export function rencana(uraian, { id = 'rhk-1', rhkAtasan = '', indikator = true } = {}) {
  return {
    pendekatan: 'kuantitatif', ekspektasi_khusus: [],
    lampiran: { dukungan_sumber_daya: [], skema_pertanggungjawaban: [], konsekuensi: [] },
    rhk: [{
      id, uraian, jenis: 'utama', rhk_atasan_id: rhkAtasan, perspektif: null,
      indikator: indikator
        ? [{ id: 'iki-1', uraian: 'Jumlah angkatan pelatihan', aspek: 'kuantitas', target: '4', target_maks: '', satuan: 'angkatan', polaritas: 'normal' }]
        : [],
    }],
  };
}

/** Creates and submits a pegawai's SKP through the API; resolves with it. */
export async function ajukanSkp(nip, base, uraian, opsi) {
  const s = await apiSession(base, nip);
  const [periode] = await s.get('/api/v1/org/periode');
  const skp = await s.post('/api/v1/skp', { periode_id: periode.id, rencana: rencana(uraian, opsi) });
  return s.post(`/api/v1/skp/${skp.id}/submit`, { version: 1, catatan: '' });
}

/** A pegawai's SKP set (ditetapkan) through the API: created, submitted by
 * `nip`, approved by their penilai `penilaiNip`; resolves with the SKP as
 * the penilai's approval answered (its `id`, `version`, `periode_id`). */
export async function tetapkanSkp(nip, penilaiNip, base, uraian, opsi) {
  const diajukan = await ajukanSkp(nip, base, uraian, opsi);
  const penilai = await apiSession(base, penilaiNip);
  return penilai.post(`/api/v1/skp/${diajukan.id}/approve`, { version: diajukan.version, catatan: '' });
}

/** Creates, in the signed-in page, the pegawai's SKP for the first period:
 * `n` RHK of two indicators each (the long plan of the keystroke benchmark);
 * resolves with its id. */
export function buatSkpPanjang(page, n) {
  return page.evaluate(async (n) => {
    const sesi = (await (await fetch('/api/v1/auth/session')).json()).session;
    const periode = (await (await fetch('/api/v1/org/periode')).json())[0].id;
    const rhk = Array.from({ length: n }, (_, r) => ({
      id: `rhk-${r}`, uraian: `Terlaksananya layanan kepegawaian ke-${r}`, jenis: r % 5 === 4 ? 'tambahan' : 'utama',
      rhk_atasan_id: '', perspektif: null,
      indikator: [0, 1].map((k) => ({
        id: `iki-${r}-${k}`, uraian: `Persentase layanan ${r}.${k} tepat waktu`, aspek: 'kuantitas',
        target: '80', target_maks: '90', satuan: 'persen', polaritas: 'normal',
      })),
    }));
    const res = await fetch('/api/v1/skp', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': sesi.csrf_token, 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ periode_id: periode, rencana: { pendekatan: 'kuantitatif', rhk, lampiran: { dukungan_sumber_daya: [], skema_pertanggungjawaban: [], konsekuensi: [] }, ekspektasi_khusus: [] } }),
    });
    return (await res.json()).id;
  }, n);
}

/** Removes every answer the app kept on the device for offline use (IndexedDB
 * `data:` keys), as on a device that never loaded them. */
export function lupakanData(page) {
  return page.evaluate(() => new Promise((ok, gagal) => {
    const req = indexedDB.open('ekinerja', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('kv');
    req.onerror = () => gagal(req.error);
    req.onsuccess = () => {
      const tx = req.result.transaction('kv', 'readwrite');
      tx.objectStore('kv').delete(IDBKeyRange.bound('data:', 'data:\uffff'));
      tx.oncomplete = () => { req.result.close(); ok(); };
      tx.onerror = () => gagal(tx.error);
    };
  }));
}

/** The device's outbox as the app stores it in IndexedDB (`{ pending: [],
 * refused: [] }` when there is none yet). */
export function outboxTersimpan(page) {
  return page.evaluate(() => new Promise((ok, gagal) => {
    const req = indexedDB.open('ekinerja', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('kv');
    req.onerror = () => gagal(req.error);
    req.onsuccess = () => {
      const get = req.result.transaction('kv').objectStore('kv').get('outbox');
      get.onsuccess = () => { req.result.close(); ok(get.result ? JSON.parse(get.result) : { pending: [], refused: [] }); };
      get.onerror = () => gagal(get.error);
    };
  }));
}

/** Waits until the editor's head says where the plan is saved: `server`
 * (the server has what is on screen), `menyimpan`, `perangkat` (kept on the
 * device, the connection missing) or `ditolak`. Resolves with its text. */
export async function tungguSimpan(page, keadaan = 'server', timeout = 15_000) {
  const status = page.getByTestId('status-simpan');
  try {
    await page.waitForFunction(
      (k) => document.querySelector('[data-testid=status-simpan]')?.dataset.keadaan === k,
      keadaan,
      { timeout },
    );
  } catch (e) {
    const ada = await status.count() ? await status.getAttribute('data-keadaan') : 'no status';
    throw new Error(`the save state never became ${keadaan} (it is ${ada})`, { cause: e });
  }
  return status.textContent();
}

/** In the SKP editor open on `page`: adds an RHK utama with one indicator
 * (the RHK's `uraian`, the indicator's `indikator`, its `target` or range
 * `target`–`targetMaks`, its `satuan`) and waits until the server has the
 * plan. Resolves with the RHK's part of the form. */
export async function tulisRhkUtama(page, { uraian, indikator, target, targetMaks = '', satuan }) {
  await page.getByTestId('tambah-rhk-utama').click();
  const rhk = page.getByTestId('rhk').last();
  await rhk.getByTestId('rhk-uraian').fill(uraian);
  await rhk.getByTestId('iki-uraian').fill(indikator);
  await rhk.getByTestId('iki-target').fill(target);
  if (targetMaks) await rhk.getByTestId('iki-target-maks').fill(targetMaks);
  await rhk.getByTestId('iki-satuan').fill(satuan);
  await tungguSimpan(page);
  return rhk;
}

/** Submits the plan open in the editor (its confirmation answered "yes")
 * and waits until it is submitted. */
export async function ajukanDiEditor(page) {
  await page.getByTestId('ajukan').click();
  await page.getByTestId('ajukan-ya').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=status-skp]')?.dataset.status === 'diajukan');
}

/** Approves the SKP open in the penilai's review (its confirmation
 * answered "yes") and waits until it is set. */
export async function setujuiDiTinjauan(page) {
  await page.getByTestId('setujui').click();
  await page.getByTestId('setujui-ya').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=status-skp]')?.dataset.status === 'ditetapkan');
}

/** A small valid-looking PDF of `n` bytes (the server reads its kind from `%PDF-`). */
export function berkasPdf(n) {
  const kepala = Buffer.from('%PDF-1.7\n% e-Kinerja bukti\n');
  const isi = Buffer.alloc(n - kepala.length, 0x41);
  return Buffer.concat([kepala, isi]);
}

/** The server's documentation of one evaluation (`periodik-1`, `tahunan`) of an SKP. */
export async function dokumentasiDiServer(sesi, skpId, kode) {
  const dok = await sesi.get(`/api/v1/skp/${skpId}/realisasi`);
  const e = dok.evaluasi.find((x) => (x.evaluasi.jenis === 'tahunan' ? 'tahunan' : `periodik-${x.evaluasi.ke}`) === kode);
  if (!e) throw new Error(`the evaluation ${kode} does not exist`);
  return e;
}

/** The seven BerAKHLAK values, by the domain's names, in their order. */
export const NILAI_BERAKHLAK = ['berorientasi_pelayanan', 'akuntabel', 'kompeten', 'harmonis', 'loyal', 'adaptif', 'kolaboratif'];

/** Answers the 360 request on screen: `rating(i)` per value, a comment on the first. */
export async function jawab360(page, rating, catatan) {
  const form = page.getByTestId('form-360');
  for (const [i, nilai] of NILAI_BERAKHLAK.entries()) {
    await form.locator(`[data-nilai=${nilai}] input[value=${rating(i)}]`).check();
  }
  if (catatan) await form.locator('#c360-berorientasi_pelayanan').fill(catatan);
}

/** Waits until the 360 form's save state is `keadaan` (`server`, `perangkat`, `berubah`…). */
export async function tunggu360(page, keadaan, timeout = 15_000) {
  await page.waitForFunction(
    (k) => document.querySelector('[data-testid=form-360] [data-testid=status-simpan]')?.dataset.keadaan === k,
    keadaan, { timeout },
  );
}
