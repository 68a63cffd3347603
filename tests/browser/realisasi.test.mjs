// Realisasi with evidence (issue 23, the pegawai's side) on a phone: a
// pegawai whose SKP is set records what they achieved in a sub-period, with
// a file whose upload shows its progress; after a reload it is all there,
// and the server has the value and the file's very bytes; the dashboard's
// count of indicators still to record drops. With no connection, a typed
// realisation and a photo wait on the device and reach the server by
// themselves when it is back. A file that is not of an accepted kind (an
// executable named .pdf) is refused in Indonesian and nothing is stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  startServer, launchBrowser, watchProblems, installCspProbe, screenshot, login, NIP, VIEWPORTS, apiSession, tetapkanSkp,
  swMengendalikan, berkasPdf as pdf, dokumentasiDiServer as diServer,
} from './lib.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await installCspProbe(browser.context);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const PONSEL = { width: 390, height: 844 };
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

/** A PNG's signature and a little more (the server reads its kind from the signature). */
function png() {
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2048, 7)]);
}

/** Screenshots at phone and tablet size, in Bahasa Indonesia and English. */
async function shots(page, name) {
  for (const lang of ['id', 'en']) {
    if ((await page.getAttribute('html', 'lang')) !== lang) {
      await page.getByTestId('ganti-bahasa').click();
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    }
    for (const [size, viewport] of [['ponsel', PONSEL], ['tablet', VIEWPORTS.tablet]]) {
      await page.setViewportSize(viewport);
      await screenshot(page, `${name}-${size}-${lang}`);
    }
  }
  await page.getByTestId('ganti-bahasa').click();
  await page.waitForFunction(() => document.documentElement.lang === 'id');
  await page.setViewportSize(PONSEL);
}

/** The evaluation the page shows (`periodik-4`, say). */
async function evaluasiTerpilih(page) {
  const tab = page.locator('[data-testid^=evaluasi-][aria-pressed=true]');
  return (await tab.getAttribute('data-testid')).replace('evaluasi-', '');
}

test('a pegawai records a realisation with a file on a phone; after a reload it is there, on the server too, and the dashboard count drops', async () => {
  const skp = await tetapkanSkp(NIP.staf2, NIP.kabid1, server.base, 'Terlaksananya pelatihan teknis');
  const sesi = await apiSession(server.base, NIP.staf2);
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(PONSEL);
  await login(page, server.base, NIP.staf2);
  // The dashboard: what is still to record, per started sub-period.
  const belum = page.getByTestId('realisasi-belum');
  await belum.waitFor();
  await shots(page, 'realisasi-dasbor');
  await page.getByTestId('catat-realisasi').click();
  await page.getByTestId('halaman-realisasi').waitFor();
  assert.equal(new URL(page.url()).pathname, `/realisasi/${skp.id}`);
  const kode = await evaluasiTerpilih(page);
  assert.match(kode, /^periodik-\d+$/, 'a sub-period is chosen');
  const ke = kode.split('-')[1];

  const sel = page.getByTestId('sel-iki-1');
  assert.match(await sel.getByTestId('target').textContent(), /Target: 4 angkatan/);
  // Typed in Indonesian notation: the preview follows at once, in the browser.
  await sel.getByTestId('nilai').fill('3,5');
  await sel.getByTestId('uraian').fill('Tiga angkatan selesai, satu berjalan');
  await sel.getByTestId('tautan').fill('https://drive.example/laporan-tw.pdf');
  await page.waitForFunction(() => !document.querySelector('[data-testid=sel-iki-1] [data-testid=pratinjau-iki]').classList.contains('kosong'));
  // Saved by itself after a pause in the typing, through the outbox.
  await page.waitForFunction(() => document.querySelector('[data-testid=sel-iki-1] [data-testid=status-realisasi]')?.dataset.keadaan === 'server', null, { timeout: 15_000 });
  assert.match(await sel.getByTestId('status-realisasi').textContent(), /Tersimpan ke server · baru saja/);

  // A file: its upload's progress is shown, then it is in the list.
  await page.evaluate(() => {
    window.__kemajuan = [];
    new MutationObserver(() => {
      for (const p of document.querySelectorAll('[data-testid=kemajuan]')) window.__kemajuan.push(Number(p.getAttribute('value')));
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const berkas = pdf(3 * 1024 * 1024);
  await sel.getByTestId('pilih-berkas').setInputFiles({ name: 'Laporan TW.pdf', mimeType: 'application/pdf', buffer: berkas });
  const diDaftar = sel.getByTestId('berkas-server');
  await diDaftar.waitFor({ timeout: 30_000 });
  assert.ok((await page.evaluate(() => window.__kemajuan.length)) > 0, 'the upload showed its progress');
  assert.equal(await sel.getByTestId('berkas-perangkat').count(), 0, 'nothing left on the device');
  assert.equal(await diDaftar.getAttribute('data-sha256'), sha256(berkas));
  assert.match(await diDaftar.textContent(), /Laporan TW\.pdf · PDF · 3,0 MB/);
  assert.equal(await diDaftar.getByTestId('unduh-berkas').getAttribute('href'), `/api/v1/bukti/${(await diServer(sesi, skp.id, kode)).bukti[0].id}`);
  await shots(page, 'realisasi-tersimpan');

  // After a reload: the value and the file, from the server.
  await page.reload();
  await page.getByTestId('halaman-realisasi').waitFor();
  await page.getByTestId(`evaluasi-${kode}`).click();
  assert.equal(await sel.getByTestId('nilai').inputValue(), '3,5');
  assert.equal(await sel.getByTestId('uraian').inputValue(), 'Tiga angkatan selesai, satu berjalan');
  assert.equal(await sel.getByTestId('berkas-server').getAttribute('data-sha256'), sha256(berkas));
  // The WCAG 2.1 AA rules axe checks hold on the page as filled (the
  // frame's language switch, "EN" named "English" on a phone, is the frame's).
  await page.evaluate(AXE);
  const pelanggaran = await page.evaluate(() => window.axe
    .run({ exclude: [['.ganti-bahasa']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)));
  assert.deepEqual(pelanggaran, []);

  // The server has the value and the file's bytes.
  const e = await diServer(sesi, skp.id, kode);
  assert.equal(e.realisasi.length, 1);
  assert.equal(e.realisasi[0].nilai, 3.5);
  assert.deepEqual(e.realisasi[0].bukti_dukung, ['https://drive.example/laporan-tw.pdf']);
  assert.deepEqual(e.bukti.map((b) => [b.nama, b.jenis, b.ukuran, b.sha256]), [['Laporan TW.pdf', 'pdf', berkas.length, sha256(berkas)]]);
  assert.deepEqual(e.belum, []);

  // The dashboard's count for that sub-period dropped to none.
  await page.goto(server.base + '/');
  await page.getByTestId(`belum-${ke}`).waitFor();
  assert.equal(await page.getByTestId(`belum-${ke}`).getAttribute('data-jumlah'), '0');
  // And the set SKP's document leads here.
  await page.goto(`${server.base}/dokumen/${skp.id}`);
  await page.getByTestId('catat-realisasi').waitFor();
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation');
  assert.deepEqual(problems, []);
  await page.close();
});

test('with no connection a realisation and a photo wait on the device and reach the server when it is back; a refused file is said and not stored', async () => {
  const skp = await tetapkanSkp(NIP.staf3, NIP.kabid1, server.base, 'Terselenggaranya pelatihan kepemimpinan');
  const sesi = await apiSession(server.base, NIP.staf3);
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(PONSEL);
  await browser.context.clearCookies();
  await login(page, server.base, NIP.staf3);
  await swMengendalikan(page);
  await page.goto(`${server.base}/realisasi/${skp.id}`);
  await page.getByTestId('halaman-realisasi').waitFor();
  const kode = await evaluasiTerpilih(page);
  const sel = page.getByTestId('sel-iki-1');
  const foto = png();

  await browser.context.setOffline(true);
  try {
    await sel.getByTestId('nilai').fill('2');
    await page.waitForFunction(() => document.querySelector('[data-testid=sel-iki-1] [data-testid=status-realisasi]')?.dataset.keadaan === 'perangkat', null, { timeout: 15_000 });
    assert.equal(await sel.getByTestId('status-realisasi').textContent(), '⏸ Tersimpan di perangkat, menunggu koneksi');
    // The camera's input takes the photo; it waits on the device.
    await sel.getByTestId('ambil-foto').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: foto });
    const menunggu = sel.getByTestId('berkas-perangkat');
    await menunggu.waitFor();
    assert.equal(await menunggu.getAttribute('data-keadaan'), 'menunggu');
    assert.match(await menunggu.textContent(), /foto\.png.*Menunggu koneksi/);
    // Kept in IndexedDB with its owner and what it documents.
    const kept = await page.evaluate(() => new Promise((ok, gagal) => {
      const req = indexedDB.open('ekinerja');
      req.onerror = () => gagal(req.error);
      req.onsuccess = () => {
        const range = IDBKeyRange.bound('berkas:', 'berkas:\uffff');
        const get = req.result.transaction('kv').objectStore('kv').getAll(range);
        get.onsuccess = () => { req.result.close(); ok(get.result.map((v) => ({ meta: JSON.parse(v.meta), size: v.isi.size }))); };
        get.onerror = () => gagal(get.error);
      };
    }));
    assert.equal(kept.length, 1);
    assert.equal(kept[0].size, foto.length);
    assert.equal(kept[0].meta.skp_id, skp.id);
    assert.equal(kept[0].meta.indikator_id, 'iki-1');
    assert.equal(kept[0].meta.evaluasi, kode);
    assert.equal(kept[0].meta.pemilik, (await sesi.get('/api/v1/auth/session')).session.pegawai_id);
    await screenshot(page, 'realisasi-luring-ponsel-id');
    // Nothing reached the server.
    const e = await diServer(sesi, skp.id, kode);
    assert.deepEqual([e.realisasi.length, e.bukti.length], [0, 0]);
  } finally {
    await browser.context.setOffline(false);
  }
  // Back online: the realisation, then the photo, go by themselves.
  await sel.getByTestId('berkas-server').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid=sel-iki-1] [data-testid=status-realisasi]')?.dataset.keadaan === 'server', null, { timeout: 15_000 });
  assert.equal(await sel.getByTestId('berkas-perangkat').count(), 0, 'removed from the device after the 201');
  const e = await diServer(sesi, skp.id, kode);
  assert.equal(e.realisasi[0]?.nilai, 2);
  assert.deepEqual(e.bukti.map((b) => [b.nama, b.jenis, b.sha256]), [['foto.png', 'png', sha256(foto)]]);

  // An executable named .pdf: refused by its bytes, in Indonesian; nothing kept or stored.
  const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(512, 0)]);
  await sel.getByTestId('pilih-berkas').setInputFiles({ name: 'foo.pdf', mimeType: 'application/pdf', buffer: exe });
  const galat = sel.getByTestId('galat-berkas');
  await galat.waitFor();
  assert.match(await galat.textContent(), /^Jenis berkas tidak diterima \(dibaca dari isinya, bukan dari namanya\)/);
  assert.equal(await sel.getByTestId('berkas-perangkat').count(), 0);
  await shots(page, 'realisasi-berkas-ditolak');
  assert.equal((await diServer(sesi, skp.id, kode)).bukti.length, 1, 'nothing more stored');
  // Deleted while the sub-period is open, after a confirmation: gone from the list and the server.
  page.once('dialog', (d) => d.accept());
  await sel.getByTestId('hapus-berkas').click();
  await sel.getByTestId('berkas-server').waitFor({ state: 'detached' });
  // (Through the outbox: the server has it once the batch is answered.)
  let sisa = -1;
  for (let i = 0; i < 50 && sisa !== 0; i++) {
    sisa = (await diServer(sesi, skp.id, kode)).bukti.length;
    if (sisa) await page.waitForTimeout(100);
  }
  assert.equal(sisa, 0, 'deleted on the server');
  assert.deepEqual(problems.filter((p) => !/Failed to load resource|net::ERR_INTERNET_DISCONNECTED/.test(p)), []);
  await page.close();
});
