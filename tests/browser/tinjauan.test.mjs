// The penilai's review, as a returned plan goes round (issue 25, point 7):
// a comment on one RHK instead of (or beside) the overall note; the pegawai
// reads it on that RHK; the plan comes back and the penilai reads first the
// note and comments they sent and what changed since, per RHK, in either
// language. Tablet for the penilai, phone for the pegawai.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, watchProblems, installCspProbe, login, screenshot, apiSession, tungguSimpan, ajukanDiEditor, NIP, VIEWPORTS,
} from './lib.mjs';

let server;
let browser; // the pegawai's phone
let tabletBrowser; // the penilai's tablet: another device, another session

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  tabletBrowser = await launchBrowser();
  await installCspProbe(browser.context);
  await installCspProbe(tabletBrowser.context);
});

after(async () => {
  await browser?.close();
  await tabletBrowser?.close();
  await server?.stop();
});

const iki = (id, uraian, target, satuan) => ({ id, uraian, aspek: 'kuantitas', target, target_maks: '', satuan, polaritas: 'normal' });

test('a comment on one RHK goes to the pegawai on that RHK, and the plan comes back with what changed', async () => {
  // staf2's plan of two RHK, submitted (through the API).
  const s = await apiSession(server.base, NIP.staf2);
  const [periode] = await s.get('/api/v1/org/periode');
  const rencana = {
    pendekatan: 'kuantitatif', ekspektasi_khusus: [],
    lampiran: { dukungan_sumber_daya: ['Ruang kelas'], skema_pertanggungjawaban: [], konsekuensi: [] },
    rhk: [
      { id: 'rhk-1', uraian: 'Terlaksananya pelatihan teknis', jenis: 'utama', rhk_atasan_id: '', perspektif: null, indikator: [iki('iki-1', 'Jumlah angkatan pelatihan', '4', 'angkatan')] },
      { id: 'rhk-2', uraian: 'Tersusunnya laporan kegiatan', jenis: 'utama', rhk_atasan_id: '', perspektif: null, indikator: [iki('iki-2', 'Laporan tersusun', '4', 'laporan')] },
    ],
  };
  const skp = await s.post('/api/v1/skp', { periode_id: periode.id, rencana });
  await s.post(`/api/v1/skp/${skp.id}/submit`, { version: 1, catatan: '' });

  // --- the penilai comments on RHK 2 only, with no overall note
  const tablet = await tabletBrowser.context.newPage();
  const tabletProblems = watchProblems(tablet);
  await tablet.setViewportSize(VIEWPORTS.tablet);
  await login(tablet, server.base, NIP.kabid1);
  await tablet.goto(`${server.base}/penilai/skp/${skp.id}`);
  await tablet.getByTestId('tinjau-skp').waitFor();
  assert.equal(await tablet.getByTestId('sejak-dikembalikan').count(), 0, 'a first submission has no earlier return');
  // Nothing said: refused on the spot, with what to do.
  await tablet.getByTestId('kembalikan').click();
  assert.match(await tablet.getByTestId('catatan-wajib').textContent(), /komentar pada satu RHK/);
  const tombol = tablet.getByTestId('komentari');
  assert.deepEqual((await tombol.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()), [
    'Komentari RHK 1 · Terlaksananya pelatihan teknis', 'Komentari RHK 2 · Tersusunnya laporan kegiatan',
  ]);
  await tombol.nth(1).click();
  // The field opens with the focus in it.
  await tablet.waitForFunction(() => document.activeElement?.id === 'komentar-rhk-2');
  await tablet.keyboard.type('Target 4 laporan terlalu rendah: satu laporan per bulan.');
  await screenshot(tablet, 'tinjauan-komentar-tablet');
  await tablet.getByTestId('kembalikan').click();
  await tablet.waitForFunction(() => document.querySelector('[data-testid=status-skp]')?.dataset.status === 'dikembalikan');
  assert.match(await tablet.getByTestId('catatan-terkirim').textContent(), /RHK 2: Target 4 laporan terlalu rendah/);

  // --- the pegawai reads it on RHK 2 (phone), raises the target, submits again
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.phone);
  await login(page, server.base, NIP.staf2);
  await page.goto(`${server.base}/skp/${skp.id}`);
  await page.getByTestId('editor-skp').waitFor();
  assert.match(await page.getByTestId('ada-komentar-rhk').textContent(),
    /Komentar pejabat penilai pada 1 RHK .*RHK 2 · Tersusunnya laporan kegiatan: Target 4 laporan terlalu rendah/);
  const rhk = page.getByTestId('rhk');
  assert.equal(await rhk.nth(0).getByTestId('komentar-penilai-rhk').count(), 0, 'RHK 1 has no comment');
  assert.match(await rhk.nth(1).getByTestId('komentar-penilai-rhk').textContent(), /Komentar pejabat penilai: Target 4 laporan terlalu rendah/);
  await screenshot(page, 'tinjauan-komentar-pegawai-phone');
  await rhk.nth(1).getByTestId('iki-target').fill('12');
  await tungguSimpan(page);
  await ajukanDiEditor(page);
  assert.equal(await page.getByTestId('komentar-penilai-rhk').count(), 0, 'a plan submitted again shows no old comment as current');

  // --- the penilai opens it again: the comment sent, and what changed, first
  await tablet.goto(`${server.base}/penilai/skp/${skp.id}`);
  const sejak = tablet.getByTestId('sejak-dikembalikan');
  await sejak.waitFor();
  assert.match(await sejak.locator('h2').textContent(), /^Diajukan lagi setelah dikembalikan pada \d+ \p{L}+ \d{4}$/u);
  assert.equal(await tablet.getByTestId('catatan-sebelumnya').count(), 0, 'no overall note was sent');
  assert.deepEqual(await tablet.getByTestId('komentar-sebelumnya').allTextContents(), [
    'RHK 2 · Tersusunnya laporan kegiatan: Target 4 laporan terlalu rendah: satu laporan per bulan.',
  ]);
  const beda = tablet.getByTestId('beda-rhk');
  assert.equal(await beda.count(), 1, 'only RHK 2 changed');
  assert.equal(await beda.getAttribute('data-jenis'), 'diubah');
  assert.deepEqual(await beda.getByTestId('beda-bidang').allTextContents(), ['Indikator 1 · Target: 4 laporan → 12 laporan']);
  assert.match(await sejak.textContent(), /1 RHK lain tidak berubah/);
  // It is read before the document.
  const [atas, dokumen] = await Promise.all([sejak.boundingBox(), tablet.getByTestId('dokumen-skp').boundingBox()]);
  assert.ok(atas.y < dokumen.y, 'the changes come before the document');
  await screenshot(tablet, 'tinjauan-sejak-dikembalikan-tablet');
  await tablet.getByTestId('ganti-bahasa').click();
  await tablet.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await sejak.locator('h2').textContent(), /^Submitted again after it was returned on /);
  assert.deepEqual(await beda.getByTestId('beda-bidang').allTextContents(), ['Indicator 1 · Target: 4 laporan → 12 laporan']);
  await tablet.setViewportSize(VIEWPORTS['tablet-tegak']);
  await screenshot(tablet, 'tinjauan-sejak-dikembalikan-tablet-tegak-en');
  await tablet.getByTestId('ganti-bahasa').click();
  await tablet.waitForFunction(() => document.documentElement.lang === 'id');

  assert.deepEqual(problems, []);
  assert.deepEqual(tabletProblems, []);
  await page.close();
  await tablet.close();
});
