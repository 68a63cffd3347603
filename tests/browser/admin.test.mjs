// The admin instansi in a real browser: the atasan table lists pegawai
// without a pejabat penilai first (the head of the instansi, who has none by
// design, is named so and not flagged); a CSV with errors is checked and its
// row report shown and downloaded (a blob: URL under the strict CSP); a valid
// CSV is checked, then applied with its counts; activation codes are shown
// once; the mapping of one pegawai is set; a file with a bad row is applied
// without it when the admin ticks so, the rows left out in the report. A
// plain pegawai is told the page is not theirs. Screenshots at phone, tablet
// and desktop sizes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  startServer, launchBrowser, watchProblems, installCspProbe, screenshot, login, NIP, VIEWPORTS, navigasi, apiSession,
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

const HEADER = 'nip;nama;jenis_pegawai;jabatan;jenis_jabatan;unit;nip_atasan';
const CSV_SALAH = [
  HEADER,
  '12345;Tono Salah NIP;pns;Analis;pelaksana;Sekretariat;197811202003121002',
  '199801012023031001;Rina Jabatan;pns;Analis;direktur;Sekretariat;197811202003121002',
].join('\n');
const CSV_BENAR = [
  HEADER,
  '199801012023031001;Rina Anggraini;pns;Analis SDM;pelaksana;Bidang Penilaian Kinerja;198206252006041001',
  '199902142023032002;Sari Wulandari;pns;Pengolah Data;pelaksana;Bidang Penilaian Kinerja/Subbidang Data;198206252006041001',
].join('\n');

// A pegawai whose pejabat penilai the first test clears, to be flagged.
const TANPA_PENILAI = { nip: '199512302022032008', nama: 'Putri Maharani' };

/** Clears the current pejabat penilai of `nip` in the first period, through the API. */
async function kosongkanPenilai(nip) {
  const admin = await apiSession(server.base, NIP.admin);
  const [periode] = await admin.get('/api/v1/org/periode');
  const peta = await admin.get(`/api/v1/org/atasan?periode_id=${periode.id}&limit=1000`);
  const s = peta.items.filter((r) => r.nip === nip).at(-1);
  await admin.put('/api/v1/org/atasan', {
    periode_id: periode.id, pegawai_id: s.pegawai_id, penilai_id: null, atasan_penilai_id: null,
    berlaku_mulai: s.berlaku_mulai, version: s.version,
  });
}

function csvFile(name, text) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') };
}

// The refused file's 422 is the answer the test asks for; the browser logs it.
async function noProblems(page, problems) {
  assert.deepEqual(problems.filter((p) => !/status of 422/.test(p)), []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
}

test('the console is its own wasm: the app does not load it, the bar links between the two', async () => {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.tablet);
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  await login(page, server.base, NIP.admin);
  assert.ok(wasm.length > 0 && wasm.every((p) => /^\/app-[0-9a-f]+_bg\.wasm$/.test(p)), `the app's wasm only: ${wasm}`);
  wasm.length = 0;
  await (await navigasi(page)).getByRole('link', { name: 'Admin' }).click();
  await page.getByTestId('konsol-admin').waitFor();
  assert.equal(new URL(page.url()).pathname, '/admin');
  assert.ok(wasm.length > 0 && wasm.every((p) => /^\/admin\/admin-[0-9a-f]+_bg\.wasm$/.test(p)), `the console's wasm: ${wasm}`);
  // Same session, same language, and back to the dashboard from the console's bar.
  await (await navigasi(page)).getByRole('link', { name: 'Beranda' }).click();
  await page.getByTestId('dasbor').waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  // Signing out from the app ends the console's session too (one cookie).
  await page.getByTestId('keluar').click();
  await page.locator('#nip').waitFor();
  await page.goto(server.base + '/admin');
  await page.locator('#nip').waitFor();
  assert.equal(await page.getByTestId('konsol-admin').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the admin imports a bad file, reads the report, then applies a good one', async () => {
  await kosongkanPenilai(TANPA_PENILAI.nip);
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.desktop);
  await login(page, server.base, NIP.admin);
  await page.goto(server.base + '/admin');
  await page.getByTestId('konsol-admin').waitFor();

  // Pegawai without a pejabat penilai come first, visibly marked; the head
  // of the instansi has none by design and is named so, not flagged.
  const first = page.getByTestId('tabel-atasan').locator('tbody tr').first();
  await first.waitFor();
  assert.equal(await first.getAttribute('data-testid'), 'atasan-kosong');
  assert.equal(await first.getAttribute('data-nip'), TANPA_PENILAI.nip);
  assert.match(await first.textContent(), /Belum ada pejabat penilai/);
  assert.match(await page.getByTestId('jumlah-tanpa-penilai').textContent(), /^\s*1 pegawai belum punya pejabat penilai/);
  assert.equal(await page.getByTestId('atasan-kosong').count(), 1);
  const kepala = page.locator(`[data-testid=atasan-item][data-nip="${NIP.kepala}"]`);
  assert.equal(await kepala.getAttribute('data-pimpinan'), 'true');
  assert.match(await kepala.textContent(), /Pimpinan instansi/);
  assert.doesNotMatch(await kepala.textContent(), /Belum ada pejabat penilai/);
  assert.equal(await page.getByTestId('periode-item').count(), 1);

  // A file with an invalid NIP and an unknown jenis_jabatan: the report.
  await page.getByTestId('berkas-csv').setInputFiles(csvFile('salah.csv', CSV_SALAH));
  await page.getByTestId('nama-berkas').waitFor();
  await page.getByTestId('periksa').click();
  await page.getByTestId('laporan-impor').waitFor();
  assert.equal(await page.getByTestId('terapkan').isDisabled(), true, 'a refused file cannot be applied');
  const nip = page.locator('[data-testid=laporan-baris][data-baris="2"][data-kolom=nip]');
  const jenis = page.locator('[data-testid=laporan-baris][data-baris="3"][data-kolom=jenis_jabatan]');
  assert.equal(await nip.count(), 1, 'row 2: the NIP');
  assert.equal(await jenis.count(), 1, 'row 3: the jenis_jabatan');
  assert.match(await nip.textContent(), /BKN|pegawai/i, 'who fixes a NIP');
  assert.match(await jenis.textContent(), /admin instansi/);
  assert.match(await page.getByTestId('tabel-laporan').locator('thead').textContent(), /Siapa yang memperbaiki/);
  await screenshot(page, 'admin-laporan-desktop');

  // The template to fill in a spreadsheet: the header and two example rows,
  // and beside it what each coded column takes.
  const [templat] = await Promise.all([page.waitForEvent('download'), page.getByTestId('unduh-templat').click()]);
  assert.equal(templat.suggestedFilename(), 'templat-impor-pegawai.csv');
  const baris = readFileSync(await templat.path(), 'utf8').split('\r\n').filter(Boolean);
  assert.equal(baris[0], '\uFEFFnip;nama;jenis_pegawai;jabatan;jenis_jabatan;unit;nip_atasan');
  assert.equal(baris.length, 3, baris.join(' | '));
  assert.match(await page.getByTestId('nilai-kolom').textContent(), /pns, pppk.*jpt, administrasi, fungsional, pelaksana/);

  // The report downloads as CSV from a blob: URL, within the CSP.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('unduh-laporan').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'laporan-impor.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv, /^\uFEFFBaris;Kolom;Masalah;Siapa yang memperbaiki\r\n/);
  assert.match(csv, /\r\n2;nip;/);
  assert.match(csv, /\r\n3;jenis_jabatan;/);

  // A valid file: checked (nothing written), then applied with its counts.
  await page.getByTestId('berkas-csv').setInputFiles(csvFile('benar.csv', CSV_BENAR));
  await page.waitForFunction(() => !document.querySelector('[data-testid=laporan-impor]'));
  await page.getByTestId('periksa').click();
  await page.getByTestId('hasil-periksa').waitFor();
  assert.equal(await page.getByTestId('jumlah-dibuat').textContent(), '2');
  await page.getByTestId('terapkan').click();
  await page.getByTestId('hasil-terapkan').waitFor();
  assert.equal(await page.getByTestId('jumlah-dibuat').textContent(), '2');
  assert.equal(await page.getByTestId('jumlah-diubah').textContent(), '0');
  assert.equal(await page.getByTestId('jumlah-tidak-berubah').textContent(), '0');
  assert.equal(await page.getByTestId('terapkan').isDisabled(), true, 'applied once; check again to re-apply');
  await page.locator('[data-testid=atasan-item][data-nip="199801012023031001"]').waitFor();

  // Activation codes for the two new pegawai, shown once, downloadable.
  // Asked first (unused codes handed out earlier stop working): cancelling
  // issues none, so the codes are asked for once in all.
  const mintaKode = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/v1/admin/aktivasi')) mintaKode.push(r.url()); });
  await page.getByTestId('buat-kode').click();
  await page.waitForFunction(() => document.activeElement?.id === 'buat-kode-ya', null, { timeout: 5000 });
  await page.getByTestId('buat-kode-batal').click();
  assert.equal(await page.getByTestId('konfirmasi-kode').count(), 0);
  await page.getByTestId('buat-kode').click();
  await page.getByTestId('buat-kode-ya').click();
  await page.getByTestId('daftar-kode').waitFor();
  assert.equal(mintaKode.length, 1, 'one request: the one after "yes"');
  assert.equal(await page.getByTestId('kode-item').count(), 2);
  // Only the code is monospace and bold; the NIP and the name read as text.
  const gaya = await page.getByTestId('kode-item').first().locator('td').evaluateAll((tds) => tds.map((td) => {
    const el = td.querySelector('code') ?? td;
    const g = getComputedStyle(el);
    return [/mono/i.test(g.fontFamily), Number(g.fontWeight) >= 600];
  }));
  assert.deepEqual(gaya, [[false, false], [false, false], [true, true]]);
  assert.match(await page.getByTestId('catatan-sekali').textContent(), /hanya ditampilkan sekali/);
  const [kode] = await Promise.all([page.waitForEvent('download'), page.getByTestId('unduh-kode').click()]);
  const kodeCsv = readFileSync(await kode.path(), 'utf8');
  assert.match(kodeCsv, /^\uFEFFNIP;Nama;Kode aktivasi\r\n/);
  assert.match(kodeCsv, /199801012023031001;Rina Anggraini;[2-9A-Z]{10}\r\n/);
  // Printable too: the button opens the browser's print, and the printout holds only the list.
  await page.evaluate(() => { window.__dicetak = 0; window.print = () => { window.__dicetak += 1; }; });
  await page.getByTestId('cetak-kode').click();
  assert.equal(await page.evaluate(() => window.__dicetak), 1);
  await page.emulateMedia({ media: 'print' });
  const terlihat = (sel) => page.evaluate((s) => getComputedStyle(document.querySelector(s)).visibility, sel);
  assert.equal(await terlihat('[data-testid=kode-item]'), 'visible');
  assert.equal(await terlihat('.bar'), 'hidden');
  assert.equal(await terlihat('[data-testid=buat-kode]'), 'hidden');
  await screenshot(page, 'kode-aktivasi-cetak');
  await page.emulateMedia({ media: 'screen' });

  await noProblems(page, problems);
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => window.scrollTo(0, 0));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const culprits = await page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.tabel-gulir'))
      .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`));
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px at ${size}: ${culprits.join(', ')}`);
    await screenshot(page, `admin-${size}`);
  }

  // Rina activates her account with her code: signed out, from the login form.
  const rina = page.locator('[data-testid=kode-item]', { hasText: '199801012023031001' });
  const rinaKode = (await rina.locator('code').textContent()).trim();
  await page.getByTestId('keluar').click();
  await page.getByTestId('tautan-aktivasi').click();
  await page.getByTestId('form-aktivasi').waitFor();
  assert.equal(new URL(page.url()).pathname, '/aktivasi');
  await page.locator('#nip').fill('199801012023031001');
  await page.locator('#kode-aktivasi').fill('SALAH23456');
  await page.locator('#sandi-baru').fill('kinerja-rina-2026');
  await page.locator('#ulangi-sandi').fill('kinerja-rina-2026');
  await page.getByTestId('tombol-aktivasi').click();
  await page.getByTestId('galat-kode').getByText(/Kode aktivasi salah/).waitFor();
  await page.locator('#kode-aktivasi').fill(rinaKode);
  await page.locator('#ulangi-sandi').fill('kinerja-rina-2027');
  await page.getByTestId('tombol-aktivasi').click();
  await page.getByTestId('galat-ulang').getByText(/tidak sama/).waitFor();
  await page.locator('#ulangi-sandi').fill('kinerja-rina-2026');
  await page.getByTestId('tombol-aktivasi').click();
  await page.getByTestId('dasbor').waitFor();
  assert.match(await page.locator('body').textContent(), /Rina Anggraini/);
  await screenshot(page, 'aktivasi-berhasil');
  // The code was for once; the new password signs her in again.
  await page.getByTestId('keluar').click();
  await page.locator('#nip').fill('199801012023031001');
  await page.locator('#kata-sandi').fill('kinerja-rina-2026');
  await page.getByTestId('tombol-masuk').click();
  await page.getByTestId('dasbor').waitFor();
  await page.getByTestId('keluar').click();
  await page.locator('#nip').waitFor();
  await noProblems(page, problems);
  // The next test goes on as the admin.
  await login(page, server.base, NIP.admin);
  await page.close();
});

test('the admin sets the pejabat penilai of a pegawai who has none', async () => {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.tablet);
  // Still signed in from the previous test (same browser, same session).
  await page.goto(server.base + '/admin');
  const row = page.locator(`[data-testid=atasan-kosong][data-nip="${TANPA_PENILAI.nip}"]`);
  await row.getByTestId('atur-atasan').click();
  const form = page.getByTestId('form-atasan');
  await form.waitFor();

  // Themself as penilai: refused in the browser, under the field.
  await form.getByTestId('pilih-penilai-cari').fill(TANPA_PENILAI.nama);
  await form.getByTestId('pilih-penilai-hasil').getByTestId('pilih').first().click();
  await form.getByTestId('simpan-atasan').click();
  await page.waitForFunction(() => document.querySelector('#pilih-penilai-galat')?.textContent.includes('dirinya sendiri'));

  // Enter in the search picks the first match; it does not save the form
  // (the only save sent is the button's, below).
  const simpanAtasan = [];
  page.on('request', (r) => { if (r.method() === 'PUT' && r.url().endsWith('/api/v1/org/atasan')) simpanAtasan.push(r.url()); });
  await form.getByTestId('pilih-penilai-cari').fill('Ahmad');
  await form.getByTestId('pilih-penilai-hasil').getByTestId('pilih').first().waitFor();
  await form.getByTestId('pilih-penilai-cari').press('Enter');
  await page.waitForFunction(() => /Ahmad Fauzi/.test(document.querySelector('[data-testid=pilih-penilai-terpilih]')?.textContent ?? ''));
  assert.equal(await form.isVisible(), true, 'the form is still open');
  assert.equal((await page.getByTestId('atasan-disimpan').textContent()).trim(), '', 'nothing saved by Enter');
  await screenshot(page, 'admin-atasan-tablet');
  await form.getByTestId('simpan-atasan').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=atasan-disimpan]')?.textContent.includes('Putri'));
  await page.locator(`[data-testid=atasan-item][data-nip="${TANPA_PENILAI.nip}"]`).waitFor();
  // The date the mapping holds from reads as people write it, not as ISO.
  const sejak = await page.locator(`[data-testid=atasan-item][data-nip="${TANPA_PENILAI.nip}"] td`).nth(4).evaluate((td) => td.innerText.split('\n')[0].trim());
  assert.match(sejak, /^\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}$/);
  assert.match(await page.getByTestId('jumlah-tanpa-penilai').textContent(), /Semua pegawai sudah punya/);
  assert.equal(simpanAtasan.length, 1, 'saved once, by the button');
  await noProblems(page, problems);
  await page.close();
});

test('the admin cannot change her own atasan mapping: the refusal says so in the form, and another admin must do it', async () => {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.tablet);
  // Still signed in as the admin from the previous tests.
  await page.goto(server.base + '/admin');
  const row = page.locator(`[data-testid=atasan-item][data-nip="${NIP.admin}"]`);
  await row.getByTestId('atur-atasan').click();
  const form = page.getByTestId('form-atasan');
  await form.waitFor();
  await form.getByTestId('pilih-penilai-cari').fill('Budi Santoso');
  await form.getByTestId('pilih-penilai-hasil').getByTestId('pilih').first().click();
  await form.getByTestId('simpan-atasan').click();
  await page.waitForFunction(() => document.querySelector('#pegawai-galat')?.textContent.includes('minta admin lain'));
  assert.equal(await form.isVisible(), true, 'the form stays open');
  await screenshot(page, 'admin-atasan-diri-sendiri');
  await noProblems(page, problems);
  await page.close();
});

test('the admin opens a period with its rule set; a year that exists is refused until changed', async () => {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.tablet);
  // Still signed in from the previous tests (same browser, same session).
  await page.goto(server.base + '/admin');
  await page.getByTestId('periode-item').first().waitFor();
  const ada = (await page.getByTestId('periode-item').first().locator('td').first().textContent()).trim();
  const form = page.getByTestId('form-periode');
  // A four-digit year's field is not the width of the page.
  const lebar = await form.getByTestId('periode-tahun').evaluate((el) => el.getBoundingClientRect().width);
  assert.ok(lebar <= 170, `the year field is ${lebar} px wide`);
  await form.getByTestId('periode-tahun').fill(ada);
  await form.getByTestId('simpan-periode').click();
  await page.waitForFunction(() => /sudah ada/.test(document.querySelector('[data-testid=galat-periode]')?.textContent ?? ''));
  // The answer was about that year: changing the form clears it.
  const baru = String(Number(ada) + 3);
  await form.getByTestId('periode-tahun').fill(baru);
  assert.equal((await page.getByTestId('galat-periode').textContent()).trim(), '');
  await form.getByTestId('periode-aturan').selectOption('permenpanrb_8_2021');
  await form.getByTestId('simpan-periode').click();
  await page.waitForFunction((t) => document.querySelector('[data-testid=periode-dibuat]')?.textContent.includes(t), baru);
  // Said where the admin is looking: below the form's button, not above the list.
  assert.ok(await page.evaluate(() => {
    const tombol = document.querySelector('[data-testid=simpan-periode]');
    const pesan = document.querySelector('[data-testid=periode-dibuat]');
    return Boolean(tombol.compareDocumentPosition(pesan) & Node.DOCUMENT_POSITION_FOLLOWING);
  }), 'the message follows the button');
  const dibuat = page.locator('[data-testid=periode-item]', { hasText: baru });
  await dibuat.waitFor();
  assert.equal(await dibuat.getAttribute('data-rule-set'), 'permenpanrb_8_2021');
  // Its dates read as people write them, not as ISO.
  assert.equal((await dibuat.getByTestId('periode-rentang').textContent()).trim(), `1 Januari ${baru} – 31 Desember ${baru}`);
  const ignore = (p) => !/status of 409/.test(p); // the refusal the test provokes
  assert.deepEqual(problems.filter(ignore), []);
  await page.close();
});

// One new pegawai that passes (row 2); a kepala subbidang with an unknown
// jenis_jabatan (row 3) and the pegawai rated by them (row 4), left out.
const CSV_SEBAGIAN = [
  HEADER,
  '199703032023031005;Tegar Pratama;pns;Analis Data;fungsional;Bidang Penilaian Kinerja;198206252006041001',
  '199704042023032006;Kepala Salah;pns;Kepala Subbidang;direktur;Bidang Penilaian Kinerja;198206252006041001',
  '199705052023031007;Bawahan Salah;pns;Pengolah Data;pelaksana;Bidang Penilaian Kinerja;199704042023032006',
].join('\n');

/** The report downloaded from the button, as text. */
async function unduhLaporan(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('unduh-laporan').click()]);
  assert.equal(download.suggestedFilename(), 'laporan-impor.csv');
  return readFileSync(await download.path(), 'utf8');
}

test('the admin applies only the rows without problems, and the rows left out are in the report', async () => {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.desktop);
  // Still signed in as the admin from the previous tests.
  await page.goto(server.base + '/admin');
  await page.getByTestId('konsol-admin').waitFor();
  const sebagian = page.getByTestId('impor-sebagian');
  assert.equal(await sebagian.isChecked(), false, 'all or nothing by default');
  assert.match(await page.locator('#impor-sebagian-petunjuk').textContent(), /utuh atau tidak sama sekali/);

  // All or nothing: refused, nothing to apply.
  await page.getByTestId('berkas-csv').setInputFiles(csvFile('sebagian.csv', CSV_SEBAGIAN));
  await page.getByTestId('nama-berkas').waitFor();
  await page.getByTestId('periksa').click();
  await page.getByTestId('laporan-impor').waitFor();
  assert.equal(await page.getByTestId('terapkan').isDisabled(), true);

  // Ticked: checked again, the rows that pass may be applied.
  await sebagian.check();
  await page.waitForFunction(() => !document.querySelector('[data-testid=laporan-impor]'));
  assert.equal(await page.getByTestId('terapkan').isDisabled(), true, 'checked again first');
  await page.getByTestId('periksa').click();
  await page.getByTestId('hasil-periksa').waitFor();
  assert.equal(await page.getByTestId('jumlah-diterapkan').textContent(), '1');
  assert.equal(await page.getByTestId('jumlah-dilewati').textContent(), '2');
  assert.equal(await page.locator('[data-testid=laporan-baris][data-baris="3"][data-kolom=jenis_jabatan]').count(), 1);
  await page.getByTestId('terapkan').click();
  await page.getByTestId('hasil-terapkan').waitFor();
  assert.match(await page.getByTestId('hasil-terapkan').textContent(), /diterapkan sebagian/);
  assert.equal(await page.getByTestId('jumlah-diterapkan').textContent(), '1');
  assert.equal(await page.getByTestId('jumlah-dilewati').textContent(), '2');
  assert.equal(await page.getByTestId('jumlah-dibuat').textContent(), '1');
  const dilewati = page.locator('[data-testid=laporan-baris][data-baris="4"][data-kolom=nip_atasan]');
  assert.equal(await dilewati.getAttribute('data-kode'), 'atasan_dilewati');
  assert.match(await dilewati.textContent(), /baris 3/);
  await screenshot(page, 'admin-impor-sebagian-desktop');
  let csv = await unduhLaporan(page);
  assert.match(csv, /^\uFEFFBaris;Kolom;Masalah;Siapa yang memperbaiki\r\n/);
  assert.match(csv, /\r\n3;jenis_jabatan;"Jenis jabatan harus/);
  assert.match(csv, /\r\n4;nip_atasan;"Atasan ini \(baris 3\) dilewati/);
  // The row that passed landed; the others did not.
  await page.locator('[data-testid=atasan-item][data-nip="199703032023031005"]').waitFor();
  assert.equal(await page.locator('[data-nip="199704042023032006"], [data-nip="199705052023031007"]').count(), 0);

  // The same in English.
  await page.getByTestId('ganti-bahasa').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await page.getByTestId('hasil-terapkan').textContent(), /applied in part.*Rows applied\s*1\s*Rows left out\s*2/s);
  assert.match(await page.locator('label', { has: sebagian }).textContent(), /Apply only the rows without problems/);
  await screenshot(page, 'admin-impor-sebagian-en');
  csv = await unduhLaporan(page);
  assert.match(csv, /^\uFEFFRow;Column;Problem;Who fixes it\r\n/);
  assert.match(csv, /\r\n4;nip_atasan;"This rater \(row 3\) was left out/);
  await page.getByTestId('ganti-bahasa').click();
  await page.waitForFunction(() => document.documentElement.lang === 'id');
  await noProblems(page, problems);
  await page.close();
});

test('a pegawai who is not an admin is told the page is for the admin instansi', async () => {
  const context = (await launchBrowser());
  try {
    const page = await context.context.newPage();
    await login(page, server.base, NIP.staf2);
    await page.goto(server.base + '/admin');
    await page.getByTestId('bukan-admin').waitFor();
    assert.match(await page.getByTestId('bukan-admin').textContent(), /hanya untuk admin instansi/);
  } finally {
    await context.close();
  }
});
