// The evaluation's powers that had no screen (issue 24), in a real browser
// on the demo's year after it ended (`--demo-tahap penilaian`, the server's
// and the browser's clock on 1 February 2027: nobody rated the Bidang
// Penilaian Kinerja, whose penilai is now late): the admin, on a desktop,
// sets a unit's organisation predikat, the blocking mode of the period and
// a holiday of 2027, and sees them; a past date gets the Indonesian
// message. The leader one level above (the Kepala) sets the Bidang's
// predikat on /nilai; the Bidang's own penilai is refused by the server and
// offered no form. The Kepala, as atasan pejabat penilai on a tablet, takes
// over the annual evaluation of a subordinate from the dashboard's task
// through the rating form, and the document reads D.1.2.
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

test('the admin sets a predikat organisasi, the blocking mode and a 2027 holiday, and a past date is refused in Indonesian', async () => {
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

  // Seen again after a reload: all three kept by the server.
  await page.reload();
  await page.getByTestId('konsol-admin').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=mode-distribusi]')?.dataset.mode === 'blokir');
  await page.getByTestId('bagian-predikat').getByTestId('po-unit').selectOption({ label: 'Bidang Pengembangan Kompetensi' });
  await page.getByTestId('bagian-predikat').getByTestId('po-evaluasi').selectOption('periodik-4');
  await page.waitForFunction(() => document.querySelector('[data-testid=bagian-predikat] [data-testid=po-sekarang]')?.dataset.predikat === 'istimewa');
  await page.locator('[data-testid=hari-libur][data-tanggal="2027-08-19"][data-instansi=true]').waitFor();
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

test('the atasan takes over a late annual evaluation through the form, and the document reads D.1.2', async () => {
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
  // Nothing chosen for perilaku yet: the sheet says so, nothing is sent.
  await form.getByTestId('aa-kirim').click();
  await form.getByTestId('galat-ambil-alih').getByText(/Periksa isian/).waitFor();
  assert.equal(await page.getByTestId('dokumen-evaluasi').count(), 0);

  // A departure from the suggestion needs its reason.
  const lain = saran === 'diatas_ekspektasi' ? 'sesuai_ekspektasi' : 'diatas_ekspektasi';
  await form.getByTestId('nilai-hasil-kerja').selectOption(lain);
  await form.getByTestId('nilai-perilaku').selectOption('diatas_ekspektasi');
  await form.getByTestId('nilai-alasan').waitFor({ state: 'visible' });
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
