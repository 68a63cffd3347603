// The evaluation's powers that had no screen (issue 24), in a real browser
// on the demo's year after it ended (`--demo-tahap penilaian`, the server's
// and the browser's clock on 1 February 2027: nobody rated the Bidang
// Penilaian Kinerja, whose penilai is now late): the admin, on a desktop,
// sets a unit's organisation predikat, the blocking mode of the period and
// a holiday of 2027, and sees them; a past date gets the Indonesian
// message; a list of 2027's holidays pasted at once shows its bad line's
// error, is fixed and saved in one go. The leader one level above (the
// Kepala) sets the Bidang's predikat on /nilai; the Bidang's own penilai is
// refused by the server and offered no form. The Kepala, as atasan pejabat
// penilai on a tablet, takes over the annual evaluation of a subordinate
// from the dashboard's task through the rating form, rating each BerAKHLAK
// value (the whole and the predikat follow them), and the document reads
// D.1.2 with each value.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watchProblems, login, screenshot, NIP, VIEWPORTS, DEMO_PASSWORD } from './lib.mjs';

const TANGGAL = '2027-02-01';
let server;
let browser;

before(async () => {
  server = await startServer({ tahap: 'penilaian', tanggal: TANGGAL });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A page of `ukuran` whose clock says the server's day (10:00 WIB), signed in as `nip`. */
async function halaman(nip, ukuran) {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.clock.setFixedTime(new Date(`${TANGGAL}T10:00:00+07:00`));
  await page.setViewportSize(VIEWPORTS[ukuran]);
  const problems = watchProblems(page);
  await login(page, server.base, nip);
  return { page, problems };
}

/** A raw API call as `nip` (the status and body, refusals included). */
async function sebagai(nip) {
  const res = await fetch(`${server.base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nip, password: DEMO_PASSWORD }),
  });
  assert.equal(res.status, 200);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await res.json();
  return async (method, path, body) => {
    const r = await fetch(server.base + path, {
      method,
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf, 'idempotency-key': crypto.randomUUID() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: await r.json().catch(() => null) };
  };
}

test('the admin sets a predikat organisasi, the blocking mode and 2027 holidays (one, then a pasted list), and a bad date is refused in Indonesian', async () => {
  const { page, problems } = await halaman(NIP.admin, 'desktop');
  await page.goto(server.base + '/admin');
  await page.getByTestId('konsol-admin').waitFor();

  // The distribution mode of the 2026 period: warning until set, then blocking.
  const mode = page.getByTestId('mode-distribusi').first();
  await mode.getByTestId('mode-distribusi-pilih').waitFor();
  assert.equal(await mode.getAttribute('data-mode'), 'peringatan');
  await mode.getByTestId('mode-distribusi-pilih').selectOption('blokir');
  await mode.getByTestId('mode-distribusi-simpan').click();
  await mode.getByTestId('mode-distribusi-tersimpan').waitFor();
  assert.equal(await mode.getAttribute('data-mode'), 'blokir');

  // The organisation predikat of the Bidang Pengembangan Kompetensi, fourth quarter.
  const po = page.getByTestId('bagian-predikat');
  await po.getByTestId('po-unit').selectOption({ label: 'Bidang Pengembangan Kompetensi' });
  await po.getByTestId('po-evaluasi').selectOption('periodik-4');
  assert.equal(await po.getByTestId('po-sekarang').getAttribute('data-predikat'), '');
  assert.match(await po.getByTestId('po-sekarang').textContent(), /belum ditetapkan/);
  await po.getByTestId('po-pilih').selectOption('istimewa');
  await po.getByTestId('po-simpan').click();
  await po.getByTestId('po-tersimpan').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=bagian-predikat] [data-testid=po-sekarang]')?.dataset.predikat === 'istimewa');

  // The calendar of 2027: a past date is refused under the date field, in Indonesian.
  const kal = page.getByTestId('bagian-kalender');
  await kal.getByTestId('kalender-ringkas').waitFor();
  assert.equal(await kal.getByTestId('kalender-tahun').inputValue(), '2027');
  // 2027's holidays are not built in (the domain ships the years decreed):
  // the year starts empty, and the instansi adds its own without a release.
  assert.equal(await kal.getByTestId('hari-libur').count(), 0, 'no holiday of 2027 is built in');
  await kal.getByTestId('libur-tanggal').fill('2027-01-10');
  await kal.getByTestId('libur-nama').fill('Hari jadi yang sudah lewat');
  await kal.getByTestId('libur-tambah').click();
  await kal.getByTestId('libur-tanggal-galat').getByText(/Tanggal sudah lewat/).waitFor();
  assert.match(await kal.getByTestId('libur-galat').textContent(), /Periksa isian/);
  assert.equal(await kal.locator('[data-testid=hari-libur][data-instansi=true]').count(), 0, 'nothing was added');
  await screenshot(page, 'evaluasi-admin-libur-lewat-desktop');

  // A date to come is added and listed as the instansi's own.
  await kal.getByTestId('libur-tanggal').fill('2027-08-19');
  await kal.getByTestId('libur-nama').fill('Hari Jadi Kabupaten');
  await kal.getByTestId('libur-tambah').click();
  await kal.getByTestId('libur-ditambah').waitFor();
  const baru = kal.locator('[data-testid=hari-libur][data-tanggal="2027-08-19"]');
  await baru.waitFor();
  assert.equal(await baru.getAttribute('data-instansi'), 'true');
  assert.match(await baru.textContent(), /Hari Jadi Kabupaten/);
  assert.equal(await kal.getByTestId('libur-tanggal-galat').textContent(), '', 'the earlier message is gone');

  // A list pasted at once: five lines, one with a day that does not exist;
  // the table shows what will be added, the bad line's error (Indonesian,
  // then English), a Saturday only noted; nothing can be saved until fixed.
  const tempel = kal.getByTestId('tempel-teks');
  const baris = (n) => kal.locator(`[data-testid=tempel-baris][data-baris="${n}"]`);
  await tempel.fill([
    '2027-03-10 Hari Suci Nyepi',
    '26-03-2027 Wafat Yesus Kristus',
    '1 Mei 2027 Hari Buruh Internasional',
    '2027-02-30 Cuti bersama Hari Suci Nyepi',
    '17 Agustus 2027 Hari Kemerdekaan',
  ].join('\n'));
  await kal.getByTestId('tempel-pratinjau').waitFor();
  assert.equal(await kal.getByTestId('tempel-baris').count(), 5);
  assert.equal(await baris(4).getAttribute('data-galat'), 'true');
  assert.match(await baris(4).getByTestId('tempel-baris-galat').textContent(), /Tanggal itu tidak ada/);
  assert.equal(await baris(2).getAttribute('data-tanggal'), '2027-03-26', 'DD-MM-YYYY read');
  assert.match(await baris(3).textContent(), /1 Mei 2027/);
  assert.equal(await baris(3).getAttribute('data-galat'), 'false', 'a weekend is no error');
  assert.match(await baris(3).getByTestId('tempel-baris-peringatan').textContent(), /Sabtu/);
  assert.match(await kal.getByTestId('tempel-ringkas').textContent(), /Siap ditambahkan: 4\. Perlu diperbaiki: 1\./);
  assert.equal(await kal.getByTestId('tempel-simpan').isDisabled(), true);
  await screenshot(page, 'evaluasi-admin-tempel-libur-desktop');
  await page.getByTestId('ganti-bahasa').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await baris(4).getByTestId('tempel-baris-galat').textContent(), /That day does not exist/);
  assert.match(await baris(3).getByTestId('tempel-baris-peringatan').textContent(), /Saturday/);
  assert.match(await kal.getByTestId('tempel-ringkas').textContent(), /Ready to add: 4\. To fix: 1\./);
  await page.getByTestId('ganti-bahasa').click();
  await page.waitForFunction(() => document.documentElement.lang === 'id');

  // The line fixed: no error left, one save for all five.
  const teks = await tempel.inputValue();
  await tempel.fill(teks.replace('2027-02-30 Cuti bersama', '2027-03-11 Cuti bersama'));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=tempel-baris][data-galat=true]').length === 0);
  assert.match(await baris(4).textContent(), /Hari cuti bersama/);
  assert.match(await kal.getByTestId('tempel-ringkas').textContent(), /Siap ditambahkan: 5\. Perlu diperbaiki: 0\./);
  await kal.getByTestId('tempel-simpan').click();
  await kal.getByTestId('tempel-disimpan').getByText(/Ditambahkan: 5 hari libur/).waitFor();
  assert.equal(await tempel.inputValue(), '', 'the list is emptied once saved');
  const DITEMPEL = ['2027-03-10', '2027-03-26', '2027-05-01', '2027-03-11', '2027-08-17'];
  for (const t of DITEMPEL) await kal.locator(`[data-testid=hari-libur][data-tanggal="${t}"][data-instansi=true]`).waitFor();
  assert.match(await kal.locator('[data-testid=hari-libur][data-tanggal="2027-03-11"]').textContent(), /Cuti bersama Hari Suci Nyepi · Hari cuti bersama/);
  await screenshot(page, 'evaluasi-admin-tempel-libur-disimpan-desktop');

  // Seen again after a reload: all three kept by the server.
  await page.reload();
  await page.getByTestId('konsol-admin').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=mode-distribusi]')?.dataset.mode === 'blokir');
  await page.getByTestId('bagian-predikat').getByTestId('po-unit').selectOption({ label: 'Bidang Pengembangan Kompetensi' });
  await page.getByTestId('bagian-predikat').getByTestId('po-evaluasi').selectOption('periodik-4');
  await page.waitForFunction(() => document.querySelector('[data-testid=bagian-predikat] [data-testid=po-sekarang]')?.dataset.predikat === 'istimewa');
  await page.locator('[data-testid=hari-libur][data-tanggal="2027-08-19"][data-instansi=true]').waitFor();
  for (const t of DITEMPEL) await page.locator(`[data-testid=hari-libur][data-tanggal="${t}"][data-instansi=true]`).waitFor();
  await screenshot(page, 'evaluasi-admin-desktop');
  // The past date's refusal is a 422 the browser logs itself.
  assert.deepEqual(problems.filter((p) => !/status of 422/.test(p)), []);
  await page.close();
});

test('the leader one level above sets the Bidang\'s predikat; its own penilai is refused and offered no form', async () => {
  // The Bidang Penilaian Kinerja: its unit id as its penilai's distribution names it.
  const budi = await sebagai(NIP.kabid2);
  const { body: periode } = await budi('GET', '/api/v1/org/periode');
  const { body: dist } = await budi('GET', `/api/v1/penilai/distribusi?periode_id=${periode[0].id}&evaluasi=tahunan`);
  const unit = dist.unit_id;
  const { status } = await budi('PUT', `/api/v1/unit/${unit}/predikat-organisasi`,
    { periode_id: periode[0].id, evaluasi: 'tahunan', predikat: 'istimewa', version: 1 });
  assert.equal(status, 403, 'the unit\'s own penilai may not set the predikat its distribution is judged by');

  // Budi's /nilai: his unit's sheet, no predikat form.
  {
    const { page, problems } = await halaman(NIP.kabid2, 'tablet');
    const daftar = page.waitForResponse((r) => r.url().includes('/api/v1/penilai/unit-bawahan'));
    await page.goto(server.base + '/nilai');
    await page.getByTestId('penilaian-unit').waitFor();
    assert.equal((await daftar).status(), 200);
    assert.equal(await page.getByTestId('predikat-unit-bawahan').count(), 0);
    assert.equal(await page.getByTestId('po-simpan').count(), 0);
    assert.deepEqual(problems, []);
    await page.close();
  }

  // The Kepala's /nilai: the Bidang with its annual predikat (the admin's "Baik"), changed to Istimewa.
  const { page, problems } = await halaman(NIP.kepala, 'tablet');
  await page.goto(server.base + '/nilai');
  const bidang = page.locator(`[data-testid=unit-bawahan][data-unit="${unit}"]`);
  await bidang.waitFor();
  assert.match(await bidang.textContent(), /Bidang Penilaian Kinerja/);
  await bidang.getByTestId('po-evaluasi').selectOption('tahunan');
  assert.equal(await bidang.getByTestId('po-sekarang').getAttribute('data-predikat'), 'baik');
  await bidang.getByTestId('po-pilih').selectOption('istimewa');
  await bidang.getByTestId('po-simpan').click();
  await bidang.getByTestId('po-tersimpan').waitFor();
  assert.equal(await bidang.getByTestId('po-sekarang').getAttribute('data-predikat'), 'istimewa');
  await screenshot(page, 'evaluasi-pimpinan-predikat-tablet');
  // The server has it: the unit's penilai reads it in his distribution.
  const { body: dist2 } = await budi('GET', `/api/v1/penilai/distribusi?periode_id=${periode[0].id}&evaluasi=tahunan`);
  assert.equal(dist2.predikat_organisasi, 'istimewa');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the atasan takes over a late annual evaluation rating each BerAKHLAK value, and the D.1.2 document shows them', async () => {
  const { page, problems } = await halaman(NIP.kepala, 'tablet');
  const tugas = page.locator('[data-testid=tugas][data-tugas=ambil_alih][data-evaluasi=tahunan]', { hasText: 'Hendra Gunawan' });
  await tugas.waitFor();
  assert.equal(await tugas.getAttribute('data-terlambat'), 'true');
  await tugas.getByRole('link').click();

  const form = page.getByTestId('ambil-alih');
  await form.waitFor();
  assert.equal(await form.getAttribute('data-evaluasi'), 'tahunan');
  assert.match(await form.getByTestId('aa-pegawai').textContent(), /Hendra Gunawan/);
  const saran = await form.getByTestId('saran-hasil-kerja').getAttribute('data-rating');
  assert.ok(saran, 'the suggestion from the year\'s realisations');
  // Each BerAKHLAK value rated on its own (the 360's lean, where it closed,
  // beside it as advice); one left out: the sheet names it, nothing is sent.
  const NILAI = ['berorientasi_pelayanan', 'akuntabel', 'kompeten', 'harmonis', 'loyal', 'adaptif', 'kolaboratif'];
  const nilai = (kode) => form.getByTestId(`nilai-perilaku-${kode}`);
  const galatNilai = (kode) => form.locator(`[data-testid=baris-nilai][data-nilai=${kode}] .galat`);
  const predikat = () => form.getByTestId('nilai-predikat').getAttribute('data-predikat');
  const perilaku = () => form.getByTestId('perilaku-dihitung').getAttribute('data-rating');
  assert.equal(await form.getByTestId('baris-nilai').count(), 7);
  for (const kode of NILAI.slice(0, 6)) await nilai(kode).selectOption('sesuai_ekspektasi');
  await nilai('kolaboratif').selectOption('');
  assert.equal(await perilaku(), '', 'no whole until every value is rated');
  await form.getByTestId('aa-kirim').click();
  await form.getByTestId('galat-ambil-alih').getByText(/Periksa isian/).waitFor();
  assert.equal(await galatNilai('kolaboratif').textContent(), 'Wajib dipilih.');
  assert.equal(await galatNilai('loyal').textContent(), '');
  assert.equal(await page.getByTestId('dokumen-evaluasi').count(), 0);
  await page.getByTestId('ganti-bahasa').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await galatNilai('kolaboratif').textContent(), 'Required.');
  assert.match(await form.getByTestId('perilaku-dihitung').textContent(), /rate every core value/);
  await page.getByTestId('ganti-bahasa').click();
  await page.waitForFunction(() => document.documentElement.lang === 'id');

  // A departure from the suggestion needs its reason.
  const lain = saran === 'diatas_ekspektasi' ? 'sesuai_ekspektasi' : 'diatas_ekspektasi';
  await form.getByTestId('nilai-hasil-kerja').selectOption(lain);
  await form.getByTestId('nilai-alasan').waitFor({ state: 'visible' });
  // The whole and the predikat follow the values as they are rated.
  await nilai('kolaboratif').selectOption('sesuai_ekspektasi');
  assert.equal(await perilaku(), 'sesuai_ekspektasi');
  assert.equal(await predikat(), 'baik');
  assert.equal(await galatNilai('kolaboratif').textContent(), '', 'the value\'s message goes once it is rated');
  await nilai('adaptif').selectOption('dibawah_ekspektasi');
  assert.equal(await perilaku(), 'dibawah_ekspektasi', 'one value not yet consistent');
  assert.equal(await predikat(), 'kurang');
  await nilai('adaptif').selectOption('sesuai_ekspektasi');
  for (const kode of NILAI.slice(0, 4)) await nilai(kode).selectOption('diatas_ekspektasi');
  assert.equal(await perilaku(), 'diatas_ekspektasi', 'four values Di Atas');
  const harap = lain === 'diatas_ekspektasi' ? 'sangat_baik' : 'baik';
  assert.equal(await predikat(), harap);
  await form.getByTestId('aa-kirim').click();
  await form.getByTestId('galat-ambil-alih').getByText(/Periksa isian/).waitFor();
  await form.getByTestId('nilai-alasan').fill('Kalibrasi atasan atas capaian tahunan.');
  await form.getByTestId('nilai-catatan').fill('Diambil alih karena penilai terlambat.');
  await screenshot(page, 'evaluasi-ambil-alih-tablet');
  await form.getByTestId('aa-kirim').click();

  const dok = page.getByTestId('dokumen-evaluasi');
  await dok.waitFor();
  assert.equal(await dok.getAttribute('data-format'), 'D.1.2');
  assert.equal(await dok.getAttribute('data-status'), 'diambil_alih');
  assert.match(await dok.getByTestId('dokumen-pegawai').textContent(), /Hendra Gunawan/);
  assert.match(await dok.textContent(), /Diambil alih karena penilai terlambat/);
  // The document shows each value as rated, the whole and the predikat they gave.
  assert.equal(await dok.getByTestId('dokumen-perilaku').getAttribute('data-rating'), 'diatas_ekspektasi');
  const perNilai = dok.getByTestId('dokumen-perilaku-nilai');
  for (const [i, kode] of NILAI.entries()) {
    const r = await perNilai.locator(`li[data-nilai=${kode}]`).getAttribute('data-rating');
    assert.equal(r, i < 4 ? 'diatas_ekspektasi' : 'sesuai_ekspektasi', kode);
  }
  assert.match(await perNilai.locator('li[data-nilai=akuntabel]').textContent(), /Akuntabel: Di atas ekspektasi/);
  assert.equal(await dok.getByTestId('dokumen-predikat').getAttribute('data-predikat'), harap);
  await screenshot(page, 'evaluasi-ambil-alih-dokumen-tablet');
  await page.getByTestId('ganti-bahasa').click();
  await perNilai.locator('li[data-nilai=akuntabel]').getByText(/Accountable: Above expectations/).waitFor();
  await page.getByTestId('ganti-bahasa').click();
  await page.waitForFunction(() => document.documentElement.lang === 'id');
  // The task is gone from the dashboard.
  await page.goto(server.base + '/');
  await page.getByTestId('dasbor').waitFor();
  await page.locator('[data-testid=tugas][data-tugas=ambil_alih]').first().waitFor();
  assert.equal(
    await page.locator('[data-testid=tugas][data-tugas=ambil_alih][data-evaluasi=tahunan]', { hasText: 'Hendra Gunawan' }).count(), 0,
  );
  assert.deepEqual(problems, []);
  await page.close();
});
