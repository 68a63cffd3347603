// A whole year of one demo unit (issue 24, point 8), in the browser, the
// penilai on a tablet-sized window and the pegawai on a phone: in January
// both subordinates write their SKP in the editor and submit it, the penilai
// approves both from the review queue, and the pegawai sees it set; in March
// each records the first quarter's realisasi with its evidence (a link; Nur
// Aisyah a PDF too), the capaian previewed as typed; the penilai gives the
// quarter's feedback to the unit, one subordinate after the other, and Nur
// Aisyah reads hers; the penilai asks Agus Setiawan and themselves for Nur
// Aisyah's 360, and both answer; in April a periodic evaluation rated
// subordinate after subordinate with the live distribution (no 360 advice
// yet); in December the annual realisasi; in January the annual evaluation,
// the closed 360's lean beside Nur Aisyah's behaviour rating, whose
// distribution check blocks and then passes, both signatures, one objection
// replied to and decided, the reports and the final SKP. What the admin does
// (the organisation's predikat, the distribution mode) is set through the
// API, as are the look-ups of ids the screens do not show and the checks of
// what the server stored. The server's clock is moved between the stages
// (`serve --tanggal`, the same database; the browser's clock follows), as
// the year would pass. The PDFs of the run are kept as artifacts
// (`artifacts/pdf/`), turned into PNG pages (pdftoppm) and their text
// checked (pdftotext: names, NIP, predikat, dates in Indonesian).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ROOT, startServer, launchBrowser, watchProblems, login, apiSession, screenshot, NIP, VIEWPORTS, tulisRhkUtama,
  ajukanDiEditor, setujuiDiTinjauan, berkasPdf, dokumentasiDiServer, jawab360, tunggu360,
} from './lib.mjs';

const TAHUN = 2026;
const NAMA = { staf2: 'Nur Aisyah', staf3: 'Agus Setiawan' };
const PDF = join(ROOT, 'artifacts', 'pdf');

let dir;
let server;
let browser;
const skp = {};

/** The server on the shared database, its clock on `tanggal` (WIB). */
async function padaTanggal(tanggal) {
  await server?.stop();
  server = await startServer({ dir, tanggal });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ekinerja-setahun-'));
  mkdirSync(PDF, { recursive: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A page on a tablet (or the `ukuran` of VIEWPORTS) whose clock says
 * `tanggal` (10:00 WIB), signed in as `nip`. */
async function halaman(nip, tanggal, ukuran = 'tablet') {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.clock.setFixedTime(new Date(`${tanggal}T10:00:00+07:00`));
  await page.setViewportSize(VIEWPORTS[ukuran]);
  const problems = watchProblems(page);
  await login(page, server.base, nip);
  return { page, problems };
}

/** Rates the open sheet: both ratings, a reason when it departs from the suggestion. */
async function nilaiLembar(page, { hasil, perilaku, alasan = 'Capaian melampaui target dengan inovasi layanan.' }) {
  const lembar = page.getByTestId('lembar-penilaian');
  await lembar.waitFor();
  await lembar.getByTestId('nilai-hasil-kerja').selectOption(hasil);
  const saran = await lembar.getByTestId('saran-hasil-kerja').getAttribute('data-rating');
  if (saran && saran !== hasil) await lembar.getByTestId('nilai-alasan').fill(alasan);
  await lembar.getByTestId('nilai-perilaku-akuntabel').selectOption(perilaku);
  await lembar.getByTestId('nilai-perilaku').selectOption(perilaku);
  await lembar.getByTestId('nilai-catatan').fill('Pertahankan capaian.');
  return lembar;
}

const item = (page, nama) => page.locator('[data-testid=nilai-item]', { hasText: nama });

async function tungguTersimpan(page, nama) {
  await page.waitForFunction(
    (n) => [...document.querySelectorAll('[data-testid=nilai-item]')].some((li) => li.textContent.includes(n) && li.dataset.keadaan === 'tersimpan'),
    nama, { timeout: 20_000 },
  );
}

/** The plans the subordinates write: one RHK utama, one indicator of 4 a year. */
const RENCANA = {
  staf2: { uraian: 'Terlaksananya pelatihan teknis', indikator: 'Jumlah angkatan pelatihan', target: '4', satuan: 'angkatan' },
  staf3: { uraian: 'Tersusunnya modul pelatihan', indikator: 'Jumlah modul tersusun', target: '4', satuan: 'modul' },
};

/** `k` records, on a phone on `tanggal`, the realisation of `kode` from the
 * dashboard: the value (the capaian previewed as typed must match
 * `capaian`), a note and a link, and the PDF `berkas` when given; waits
 * until the server has it all. */
async function catatRealisasi(k, tanggal, kode, { nilai, capaian, berkas }) {
  const { page, problems } = await halaman(NIP[k], tanggal, 'phone');
  await page.getByTestId('catat-realisasi').click();
  await page.getByTestId('halaman-realisasi').waitFor();
  assert.equal(new URL(page.url()).pathname, `/realisasi/${skp[k].id}`);
  const tab = page.getByTestId(`evaluasi-${kode}`);
  if ((await tab.getAttribute('aria-pressed')) !== 'true') await tab.click();
  await page.waitForFunction((t) => document.querySelector(`[data-testid=evaluasi-${t}]`)?.getAttribute('aria-pressed') === 'true', kode);
  const sel = page.locator('[data-testid^=sel-]').filter({ has: page.getByTestId('nilai') });
  assert.equal(await sel.count(), 1, 'one indicator');
  assert.match(await sel.getByTestId('target').textContent(), new RegExp(`Target: 4 ${RENCANA[k].satuan}`));
  await sel.getByTestId('nilai').fill(nilai);
  await sel.getByTestId('uraian').fill(`Realisasi ${kode} sesuai laporan kegiatan`);
  await sel.getByTestId('tautan').fill(`https://drive.example/${k}-${kode}.pdf`);
  // The capaian, previewed in the browser as typed.
  const teksCapaian = sel.getByTestId('capaian-iki');
  await page.waitForFunction(([el, c]) => new RegExp(c).test(el.textContent), [await teksCapaian.elementHandle(), capaian.source]);
  await page.waitForFunction(
    (el) => el.querySelector('[data-testid=status-realisasi]')?.dataset.keadaan === 'server',
    await sel.elementHandle(), { timeout: 15_000 },
  );
  if (berkas) {
    await sel.getByTestId('pilih-berkas').setInputFiles({ name: 'Laporan kegiatan.pdf', mimeType: 'application/pdf', buffer: berkas });
    await sel.getByTestId('berkas-server').waitFor({ timeout: 30_000 });
  }
  await screenshot(page, `setahun-realisasi-${kode}-${k}-ponsel`);
  // The server has the value, the link and the file.
  const e = await dokumentasiDiServer(await apiSession(server.base, NIP[k]), skp[k].id, kode);
  assert.deepEqual(e.realisasi.map((r) => [r.nilai, r.bukti_dukung]), [[Number(nilai), [`https://drive.example/${k}-${kode}.pdf`]]]);
  assert.equal(e.bukti.length, berkas ? 1 : 0);
  assert.deepEqual(problems, []);
  await page.close();
}

/** Saves every document's PDF of `skpId` as an artifact (and its pages as
 * PNG) and checks its text: every one names the pegawai; the annual one
 * (signed) `harus`, a periodic one never signed is marked as a draft. */
async function periksaPdf(s, skpId, nama, harus) {
  const dokumen = await s.get(`/api/v1/skp/${skpId}/dokumen-evaluasi`);
  assert.ok(dokumen.some((d) => d.evaluasi === 'tahunan'), 'the annual document');
  for (const d of dokumen) {
    const res = await fetch(`${server.base}/api/v1/dokumen-evaluasi/${d.id}/pdf`, { headers: { cookie: s.cookie } });
    assert.equal(res.status, 200, `PDF of ${d.evaluasi}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    const file = join(PDF, `${nama}-${d.evaluasi}-${d.format}.pdf`);
    writeFileSync(file, bytes);
    execFileSync('pdftoppm', ['-png', '-r', '60', file, file.replace(/\.pdf$/, '')]);
    const teks = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    assert.match(teks, new RegExp(NAMA[nama]), file);
    assert.match(teks, new RegExp(NIP[nama]), file);
    if (d.evaluasi === 'tahunan') {
      assert.match(d.sha256_pdf ?? '', /^[0-9a-f]{64}$/, `${file}: signed`);
      for (const h of harus) assert.match(teks, h, `${file}: ${h}`);
    } else {
      assert.match(teks, /DRAF/, `${file}: never signed, a draft`);
    }
  }
  assert.ok(readdirSync(PDF).some((f) => f.startsWith(nama) && f.endsWith('.png')), 'PNG pages made');
}

test('a whole year of one unit on a tablet: plan, realisasi, feedback, a periodic and the annual evaluation, signatures, an objection, final', { timeout: 600_000 }, async () => {
  // January: each subordinate writes their plan on a phone and submits it.
  await padaTanggal(`${TAHUN}-01-15`);
  for (const k of ['staf2', 'staf3']) {
    const { page, problems } = await halaman(NIP[k], `${TAHUN}-01-15`, 'phone');
    assert.match(await page.getByTestId('tugas').textContent(), /Susun SKP/);
    await page.getByTestId('buat-skp').click();
    await page.getByTestId('editor-skp').waitFor();
    const rhk = await tulisRhkUtama(page, RENCANA[k]);
    // The plan's preview already reads a realisation typed beside it.
    await rhk.getByTestId('iki-realisasi').fill('4');
    await page.waitForFunction(() => document.querySelector('[data-testid=saran-rating]')?.dataset.rating === 'sesuai_ekspektasi');
    await rhk.getByTestId('iki-realisasi').fill('');
    if (k === 'staf2') await screenshot(page, 'setahun-rencana-ponsel');
    await ajukanDiEditor(page);
    skp[k] = { id: new URL(page.url()).pathname.match(/^\/skp\/([^/]+)$/)[1] };
    assert.deepEqual(problems, []);
    await page.close();
  }
  // The penilai, on the tablet, approves both from the review queue, one after the other.
  {
    const { page, problems } = await halaman(NIP.kabid1, `${TAHUN}-01-15`);
    assert.match(await page.getByTestId('menunggu-tinjauan').textContent(), /2 SKP bawahan menunggu tinjauan Anda/);
    await page.getByTestId('menunggu-tinjauan').getByRole('link').click();
    await page.waitForURL(/\/penilai$/);
    await page.locator('[data-testid=antrian-item][data-status=diajukan]', { hasText: NAMA.staf2 }).getByTestId('tinjau').click();
    await page.getByTestId('tinjau-skp').waitFor();
    assert.deepEqual(await page.getByTestId('dok-uraian').allTextContents(), [RENCANA.staf2.uraian]);
    await screenshot(page, 'setahun-tinjau-tablet');
    await setujuiDiTinjauan(page);
    await page.getByTestId('berikutnya').click();
    await page.waitForFunction((n) => document.querySelector('[data-testid=tinjau-skp] h1')?.textContent.includes(n), NAMA.staf3);
    assert.equal(new URL(page.url()).pathname, `/penilai/skp/${skp.staf3.id}`);
    assert.deepEqual(await page.getByTestId('dok-uraian').allTextContents(), [RENCANA.staf3.uraian]);
    await setujuiDiTinjauan(page);
    await page.getByTestId('tidak-ada-lagi').waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  }
  // Nur Aisyah sees her plan set, on the dashboard and in the SKP's document.
  {
    const { page, problems } = await halaman(NIP.staf2, `${TAHUN}-01-15`, 'phone');
    assert.match(await page.getByTestId('tugas').textContent(), /sudah ditetapkan/);
    await page.getByTestId('buka-skp').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status-skp]')?.dataset.status === 'ditetapkan');
    assert.equal(new URL(page.url()).pathname, `/dokumen/${skp.staf2.id}`);
    // Set on the day the penilai approved it.
    assert.match(await page.getByTestId('dok-ditetapkan').textContent(), new RegExp(`15 Januari ${TAHUN}`));
    await screenshot(page, 'setahun-rencana-ditetapkan-ponsel');
    assert.deepEqual(problems, []);
    await page.close();
  }
  const periodeId = (await (await apiSession(server.base, NIP.staf2)).get(`/api/v1/skp/${skp.staf2.id}`)).periode_id;

  // March: the first quarter's realisations, with their evidence.
  await padaTanggal(`${TAHUN}-03-25`);
  await catatRealisasi('staf2', `${TAHUN}-03-25`, 'periodik-1', { nilai: '1', capaian: /1 dari 4/, berkas: berkasPdf(64 * 1024) });
  await catatRealisasi('staf3', `${TAHUN}-03-25`, 'periodik-1', { nilai: '1', capaian: /1 dari 4/ });

  // The penilai gives the quarter's feedback to the unit, one subordinate after the other.
  const umpanBalik = (k) => ({ rhk: `Pelaksanaan ${RENCANA[k].uraian.toLowerCase()} triwulan I sesuai rencana.`, kolaboratif: `Kerja sama ${NAMA[k]} dengan tim lintas bidang baik.` });
  {
    const { page, problems } = await halaman(NIP.kabid1, `${TAHUN}-03-25`);
    await page.goto(server.base + '/penilai');
    const tautan = page.getByTestId('tautan-umpan-balik');
    assert.match(await tautan.textContent(), /Triwulan I\b/);
    await tautan.click();
    await page.getByTestId('antrian-umpan-balik').waitFor();
    await page.getByTestId('ub-item').nth(1).waitFor();
    assert.deepEqual(await page.getByTestId('ub-item').evaluateAll((li) => li.map((l) => l.dataset.keadaan)), ['belum', 'belum']);
    await page.getByTestId('mulai-umpan-balik').click();
    const lembar = page.getByTestId('lembar-umpan-balik');
    for (let i = 0; i < 2; i += 1) {
      await lembar.waitFor();
      const id = await lembar.getAttribute('data-skp');
      const k = Object.keys(skp).find((x) => skp[x].id === id);
      assert.ok(k, `the sheet of a subordinate (${id})`);
      await lembar.getByTestId('ub-rhk').fill(umpanBalik(k).rhk);
      await lembar.locator('[data-testid=ub-nilai][data-nilai=kolaboratif]').fill(umpanBalik(k).kolaboratif);
      if (i === 0) await screenshot(page, 'setahun-umpan-balik-tablet');
      await page.getByTestId('simpan-berikutnya').click();
      if (i === 0) await page.waitForFunction((p) => document.querySelector('[data-testid=lembar-umpan-balik]')?.dataset.skp !== p, id);
    }
    await page.getByTestId('semua-selesai').waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=ub-item]')].every((l) => l.dataset.keadaan === 'diberikan'));
    assert.deepEqual(problems, []);
    await page.close();
  }
  // Nur Aisyah reads hers, from the dashboard.
  {
    const { page, problems } = await halaman(NIP.staf2, `${TAHUN}-03-25`, 'phone');
    await page.getByTestId('jalan-umpan-balik').getByRole('link', { name: 'Umpan balik', exact: true }).click();
    await page.getByTestId('lembar').waitFor();
    assert.equal(await page.getByTestId('pemberi').textContent(), 'Siti Rahmawati');
    assert.equal(await page.getByTestId('lembar').getAttribute('data-bentuk'), 'berkala');
    assert.deepEqual(await page.getByTestId('isi-ub').allTextContents(), [umpanBalik('staf2').rhk, umpanBalik('staf2').kolaboratif]);
    assert.match(await page.getByTestId('sub-periode').locator('h2').textContent(), new RegExp(`^Triwulan I ${TAHUN}$`));
    await screenshot(page, 'setahun-umpan-balik-diterima-ponsel');
    assert.deepEqual(problems, []);
    await page.close();
  }
  // Nur Aisyah's 360: the penilai asks a peer and themselves (as atasan) on
  // the unit screen; both answer before the deadline (the period's last day).
  {
    const { page, problems } = await halaman(NIP.kabid1, `${TAHUN}-03-25`);
    await page.goto(server.base + '/penilai');
    await page.locator('[data-testid=antrian-item]', { hasText: NAMA.staf2 }).getByTestId('tautan-360').click();
    await page.getByTestId('penilai-360').waitFor();
    assert.match(await page.getByTestId('p360-batas').textContent(), new RegExp(`31 Desember ${TAHUN}`));
    const baris = (n) => page.locator('[data-testid=p360-penilai]', { hasText: n });
    await page.getByTestId('p360-pilih-pegawai').selectOption({ label: NAMA.staf3 });
    assert.equal(await page.getByTestId('p360-pilih-kelompok').inputValue(), 'rekan');
    await page.getByTestId('p360-tambahkan').click();
    await baris(NAMA.staf3).waitFor();
    assert.equal(await baris(NAMA.staf3).getAttribute('data-status'), 'dikonfirmasi');
    // The penilai themselves: the first choice after the prompt, as atasan.
    await page.getByTestId('p360-pilih-pegawai').selectOption({ index: 1 });
    assert.equal(await page.getByTestId('p360-pilih-kelompok').inputValue(), 'atasan');
    await page.getByTestId('p360-tambahkan').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=p360-penilai]').length === 2);
    await screenshot(page, 'setahun-360-penilai-tablet');
    // The penilai answers as atasan.
    await page.goto(server.base + '/hasil/360');
    await page.getByTestId('form-360').waitFor();
    assert.equal(await page.getByTestId('rekan').textContent(), NAMA.staf2);
    await jawab360(page, () => 'diatas_ekspektasi', 'Memimpin penyelenggaraan pelatihan dengan sigap.');
    await page.getByTestId('simpan-360').click();
    await tunggu360(page, 'server');
    assert.deepEqual(problems, []);
    await page.close();
  }
  {
    const { page, problems } = await halaman(NIP.staf3, `${TAHUN}-03-25`, 'phone');
    await page.getByTestId('jalan-umpan-balik').getByRole('link', { name: 'Permintaan 360' }).click();
    await page.getByTestId('form-360').waitFor();
    assert.equal(await page.getByTestId('rekan').textContent(), NAMA.staf2);
    await jawab360(page, () => 'diatas_ekspektasi', 'Ramah melayani peserta pelatihan.');
    await page.getByTestId('simpan-360').click();
    await tunggu360(page, 'server');
    await screenshot(page, 'setahun-360-rekan-ponsel');
    assert.deepEqual(problems, []);
    await page.close();
  }
  const unitId = (await (await apiSession(server.base, NIP.kabid1)).get(`/api/v1/penilai/distribusi?periode_id=${periodeId}&evaluasi=periodik-1`)).unit_id;

  // April: the first quarter has ended. The admin sets the organisation's predikat of the quarter.
  await padaTanggal(`${TAHUN}-04-06`);
  const admin = await apiSession(server.base, NIP.admin);
  await admin.put(`/api/v1/unit/${unitId}/predikat-organisasi`, { periode_id: periodeId, evaluasi: 'periodik-1', predikat: 'istimewa', version: 0 });
  {
    const { page, problems } = await halaman(NIP.kabid1, `${TAHUN}-04-06`);
    await page.getByTestId('menu-penilaian-unit').click();
    await page.getByTestId('penilaian-unit').waitFor();
    assert.equal(await page.getByTestId('penilaian-unit').getAttribute('data-evaluasi'), 'periodik-1');
    assert.equal(await page.getByTestId('predikat-organisasi').textContent(), 'Istimewa');
    await page.getByTestId('mulai-menilai').click();
    // One subordinate after the other, without going back to the list.
    for (let i = 0; i < 2; i += 1) {
      const lembar = await nilaiLembar(page, { hasil: 'sesuai_ekspektasi', perilaku: 'sesuai_ekspektasi' });
      assert.equal(await lembar.getByTestId('nilai-predikat').getAttribute('data-predikat'), 'baik');
      assert.equal(await lembar.getByTestId('ada-360').count(), 0, 'the 360 is still open: no advice yet');
      await lembar.getByTestId('simpan-berikutnya').click();
    }
    await tungguTersimpan(page, NAMA.staf2);
    await tungguTersimpan(page, NAMA.staf3);
    assert.equal(await page.getByTestId('jumlah-baik').textContent(), '2');
    await screenshot(page, 'setahun-periodik-tablet');
    await page.getByTestId('finalisasi-unit').click();
    await page.getByTestId('sudah-final').waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  }

  // December: the year's realisations.
  await padaTanggal(`${TAHUN}-12-28`);
  await catatRealisasi('staf2', `${TAHUN}-12-28`, 'tahunan', { nilai: '4', capaian: /4 dari 4/, berkas: berkasPdf(64 * 1024) });
  await catatRealisasi('staf3', `${TAHUN}-12-28`, 'tahunan', { nilai: '4', capaian: /4 dari 4/ });

  // January of the next year: the annual evaluation, the instansi blocking distributions outside the pattern.
  await padaTanggal(`${TAHUN + 1}-01-05`);
  {
    const admin = await apiSession(server.base, NIP.admin);
    await admin.put(`/api/v1/org/periode/${periodeId}/pengaturan-penilaian`, { mode_distribusi: 'blokir', version: 0 });
    await admin.put(`/api/v1/unit/${unitId}/predikat-organisasi`, { periode_id: periodeId, evaluasi: 'tahunan', predikat: 'istimewa', version: 0 });
  }
  {
    const { page, problems } = await halaman(NIP.kabid1, `${TAHUN + 1}-01-05`);
    await page.goto(server.base + '/nilai');
    await page.getByTestId('penilaian-unit').waitFor();
    assert.equal(await page.getByTestId('penilaian-unit').getAttribute('data-evaluasi'), 'tahunan');
    // Both very good: more than 70 % Sangat Baik in an "Istimewa" unit, named at once, finalising blocked.
    await item(page, NAMA.staf2).getByTestId('buka-penilaian').click();
    let lembar = await nilaiLembar(page, { hasil: 'diatas_ekspektasi', perilaku: 'diatas_ekspektasi' });
    assert.equal(await lembar.getByTestId('nilai-predikat').getAttribute('data-predikat'), 'sangat_baik');
    // The 360 closed with the year: its lean shows beside the behaviour rating, as advice.
    await lembar.getByTestId('ada-360').waitFor();
    assert.match(await lembar.getByTestId('saran-360').textContent(), /^360: Di atas ekspektasi$/i);
    await lembar.getByTestId('simpan-berikutnya').click();
    lembar = await nilaiLembar(page, { hasil: 'diatas_ekspektasi', perilaku: 'diatas_ekspektasi' });
    assert.equal(await lembar.getAttribute('data-skp'), skp.staf3.id);
    assert.equal(await lembar.getByTestId('ada-360').count(), 0, 'no 360 for Agus Setiawan');
    assert.equal(await page.getByTestId('jumlah-sangat_baik').textContent(), '2', 'the typed rating counts before it is saved');
    await page.getByTestId('pelanggaran').waitFor();
    assert.match(await page.getByTestId('pelanggaran').textContent(), /Sangat Baik/);
    // The verdict's rows are built once (a row per limit of the pattern, shown while broken): a
    // rating changed updates them, never rebuilds the list (the unit screen's 16 ms budget).
    await page.evaluate(() => { window.barisDilanggar = document.querySelector('[data-testid=pelanggaran] li:not([hidden])'); });
    await lembar.getByTestId('simpan-berikutnya').click();
    await tungguTersimpan(page, NAMA.staf3);
    assert.equal(await page.getByTestId('finalisasi-unit').isDisabled(), true);
    await page.getByTestId('diblokir').waitFor();
    await screenshot(page, 'setahun-tahunan-diblokir-tablet');
    // Calibrated: staf3 good; the pattern holds, and the unit is finalised.
    await item(page, NAMA.staf3).getByTestId('buka-penilaian').click();
    lembar = await nilaiLembar(page, { hasil: 'sesuai_ekspektasi', perilaku: 'sesuai_ekspektasi' });
    await page.getByTestId('sesuai-pola').waitFor();
    assert.equal(await page.getByTestId('pelanggaran').isVisible(), false);
    assert.deepEqual(await page.evaluate(() => [window.barisDilanggar?.isConnected, window.barisDilanggar?.hidden]), [true, true],
      'the broken limit\'s row is the same element, hidden now that the limit holds');
    await lembar.getByTestId('simpan-berikutnya').click();
    await tungguTersimpan(page, NAMA.staf3);
    await page.getByTestId('finalisasi-unit').click();
    await page.getByTestId('sudah-final').waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  }

  // The penilai signs and delivers both documents, from the dashboard's tasks.
  const dokumenOf = async (k) => (await (await apiSession(server.base, NIP.kabid1)).get(`/api/v1/skp/${skp[k].id}/dokumen-evaluasi`)).find((d) => d.evaluasi === 'tahunan');
  {
    const { page, problems } = await halaman(NIP.kabid1, `${TAHUN + 1}-01-06`);
    const tugas = page.getByTestId('tugas-evaluasi');
    await tugas.waitFor();
    for (const k of ['staf2', 'staf3']) {
      const d = await dokumenOf(k);
      await page.goto(`${server.base}/evaluasi/dokumen/${d.id}`);
      await page.getByTestId('aksi-sign_by_penilai').click();
      await page.waitForFunction(() => document.querySelector('[data-testid=dokumen-evaluasi]')?.dataset.status === 'ditandatangani_penilai');
      await page.getByTestId('aksi-deliver').click();
      await page.waitForFunction(() => document.querySelector('[data-testid=dokumen-evaluasi]')?.dataset.status === 'diterima_pegawai');
    }
    assert.deepEqual(problems, []);
    await page.close();
  }

  // staf2 signs; staf3 objects.
  {
    const { page, problems } = await halaman(NIP.staf2, `${TAHUN + 1}-01-07`);
    await page.getByTestId('menu-penilaian-saya').click();
    await page.locator('[data-testid=dokumen-saya][data-evaluasi=tahunan]').getByRole('link').click();
    await page.getByTestId('dokumen-predikat').waitFor();
    assert.equal(await page.getByTestId('dokumen-predikat').getAttribute('data-predikat'), 'sangat_baik');
    await page.getByTestId('aksi-sign_by_pegawai').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=dokumen-evaluasi]')?.dataset.status === 'ditandatangani_pegawai');
    await screenshot(page, 'setahun-dokumen-pegawai-tablet');
    assert.deepEqual(problems, []);
    await page.close();
  }
  {
    const { page, problems } = await halaman(NIP.staf3, `${TAHUN + 1}-01-07`);
    const d = await dokumenOf('staf3');
    await page.goto(`${server.base}/evaluasi/dokumen/${d.id}`);
    await page.getByTestId('alasan-langkah').fill('Capaian modul melebihi target; mohon ditinjau kembali.');
    await page.getByTestId('aksi-file_keberatan').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=dokumen-evaluasi]')?.dataset.status === 'keberatan');
    assert.deepEqual(problems, []);
    await page.close();
  }
  // The penilai replies; the atasan penilai decides: changed to very good (D.1.3).
  {
    const { page } = await halaman(NIP.kabid1, `${TAHUN + 1}-01-08`);
    const d = await dokumenOf('staf3');
    await page.goto(`${server.base}/evaluasi/dokumen/${d.id}`);
    await page.getByTestId('alasan-langkah').fill('Penilaian mengikuti kalibrasi unit.');
    await page.getByTestId('aksi-reply_keberatan').click();
    await page.getByTestId('tanggapan').waitFor();
    await page.close();
  }
  {
    const { page, problems } = await halaman(NIP.kepala, `${TAHUN + 1}-01-09`);
    const d = await dokumenOf('staf3');
    await page.goto(`${server.base}/evaluasi/dokumen/${d.id}`);
    await page.getByTestId('keputusan-mengubah').check();
    await page.getByTestId('hk-baru').selectOption('diatas_ekspektasi');
    await page.getByTestId('pk-baru').selectOption('diatas_ekspektasi');
    await page.getByTestId('alasan-langkah').fill('Bukti capaian modul meyakinkan.');
    await page.getByTestId('aksi-decide_keberatan').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=dokumen-evaluasi]')?.dataset.status === 'diputus');
    assert.equal(await page.getByTestId('dokumen-evaluasi').getAttribute('data-format'), 'D.1.3');
    assert.equal(await page.getByTestId('dokumen-predikat').getAttribute('data-predikat'), 'sangat_baik');
    await screenshot(page, 'setahun-keberatan-diputus-tablet');
    assert.deepEqual(problems, []);
    await page.close();
  }

  // February: the objection window closed; the documents are reported and the SKPs are final.
  await padaTanggal(`${TAHUN + 1}-02-10`);
  for (const [k, nip] of [['staf2', NIP.kabid1], ['staf3', NIP.kepala]]) {
    const { page, problems } = await halaman(nip, `${TAHUN + 1}-02-10`);
    const d = await dokumenOf(k);
    await page.goto(`${server.base}/evaluasi/dokumen/${d.id}`);
    await page.getByTestId('aksi-report').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=dokumen-evaluasi]')?.dataset.status === 'dilaporkan');
    assert.deepEqual(problems, []);
    await page.close();
  }
  for (const k of ['staf2', 'staf3']) {
    const s = await apiSession(server.base, NIP[k]);
    assert.equal((await s.get(`/api/v1/skp/${skp[k].id}`)).status, 'final', k);
  }

  // The PDFs of the run, kept and read.
  const kabid1 = await apiSession(server.base, NIP.kabid1);
  await periksaPdf(kabid1, skp.staf2.id, 'staf2', [/Sangat Baik/, /Januari 2027/, /Ditandatangani secara elektronik/]);
  await periksaPdf(kabid1, skp.staf3.id, 'staf3', [/Sangat Baik/, /Januari 2027/, /[Kk]eberatan/, /Ditandatangani secara elektronik/]);
});

test('the demo starts at the signing stage: the unit rated and finalised, a document to sign and download', { timeout: 120_000 }, async () => {
  const demo = await startServer({ kegiatan: true, tahap: 'tanda-tangan' });
  try {
    assert.match(demo.output(), /clock is moved/, 'the server says its clock is moved');
    const budi = await apiSession(demo.base, NIP.kabid2);
    const [periode] = await budi.get('/api/v1/org/periode');
    const antrian = await budi.get(`/api/v1/antrian-evaluasi?periode_id=${periode.id}`);
    const tanda = antrian.sebagai_penilai.filter((t) => t.tugas === 'tandatangani');
    assert.equal(tanda.length, 3, JSON.stringify(antrian.sebagai_penilai));
    const d = await budi.get(`/api/v1/dokumen-evaluasi/${tanda[0].dokumen_id}`);
    assert.equal(d.status, 'dibuat');
    const signed = await budi.post(`/api/v1/dokumen-evaluasi/${d.id}/sign_by_penilai`, { version: d.version });
    assert.match(signed.sha256_pdf ?? '', /^[0-9a-f]{64}$/, 'the signed PDF has its hash recorded');
    const res = await fetch(`${demo.base}/api/v1/dokumen-evaluasi/${d.id}/pdf`, { headers: { cookie: budi.cookie } });
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(res.status, 200);
    const hash = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
    assert.equal(hash, signed.sha256_pdf, 'the PDF downloaded is the one signed');
  } finally {
    await demo.stop();
  }
});
