// A former rule set's year rated with numbers (issue 24, point 1), on a
// tablet: a PP 46/2011 period (2020) chosen on the unit screen among the
// evaluations that have ended, its sheet computing the nilai prestasi kerja
// and its sebutan with every keystroke (the domain's rule, the server's
// own), a typed word named as not a number, one rating saved offline
// through the outbox and sent when the connection is back, the next
// subordinate opened without going back to the list, and the server's
// record read back through the API. Then the pegawai rated 94,4, on a
// phone: told by the bell, led to their own evaluations (/evaluasi), where
// the nilai, its sebutan, the SKP's number, the weights, each aspect and
// the explanation read in Indonesian, and in English with English labels.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watchProblems, login, apiSession, rencana, screenshot, NIP, VIEWPORTS } from './lib.mjs';

const HARI = '2026-04-06';
const NAMA = { staf2: 'Nur Aisyah', staf3: 'Agus Setiawan' };
let server;
let browser;

before(async () => {
  server = await startServer({ tanggal: HARI });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const idPegawai = async (admin, nip) => (await admin.get(`/api/v1/org/pegawai?q=${nip}`)).items[0].id;

test('a PP 46/2011 year is rated with numbers on a tablet, offline too; its pegawai reads it on a phone', { timeout: 240_000 }, async () => {
  // 2020: kabid1 rates staf2 and staf3; both plans set and the year's realisation recorded (4 of 4).
  const admin = await apiSession(server.base, NIP.admin);
  const periode = await admin.post('/api/v1/org/periode', { tahun: 2020 });
  assert.equal(periode.rule_set, 'pp_46_2011');
  const kabid1 = await apiSession(server.base, NIP.kabid1);
  const skp = {};
  for (const k of ['staf2', 'staf3']) {
    await admin.put('/api/v1/org/atasan', {
      periode_id: periode.id, pegawai_id: await idPegawai(admin, NIP[k]), penilai_id: await idPegawai(admin, NIP.kabid1),
      atasan_penilai_id: await idPegawai(admin, NIP.kepala), berlaku_mulai: '2020-01-01',
    });
    const s = await apiSession(server.base, NIP[k]);
    const dibuat = await s.post('/api/v1/skp', { periode_id: periode.id, rencana: rencana(`Terlaksananya pelatihan ${k}`) });
    await s.post(`/api/v1/skp/${dibuat.id}/submit`, { version: 1, catatan: '' });
    await kabid1.post(`/api/v1/skp/${dibuat.id}/approve`, { version: 2, catatan: '' });
    await s.put(`/api/v1/skp/${dibuat.id}/realisasi`, {
      version: 3, realisasi: { indikator_id: 'iki-1', evaluasi: { jenis: 'tahunan' }, nilai: '4', uraian: 'Terlaksana', bukti_dukung: ['https://drive.example/laporan.pdf'] },
    });
    skp[k] = dibuat.id;
  }

  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.clock.setFixedTime(new Date(`${HARI}T10:00:00+07:00`));
  await page.setViewportSize(VIEWPORTS.tablet);
  const problems = watchProblems(page);
  await login(page, server.base, NIP.kabid1);
  await page.getByTestId('menu-penilaian-unit').click();
  await page.getByTestId('penilaian-unit').waitFor();
  // The 2020 year is among the evaluations to choose.
  await page.getByTestId('pilih-evaluasi').selectOption(`${periode.id}|tahunan`);
  await page.getByTestId('aturan-lama').waitFor();
  assert.match(await page.getByTestId('aturan-lama').textContent(), /PP 46\/2011/);
  assert.equal(await page.getByTestId('distribusi').count(), 0, 'no distribution pattern under PP 46/2011');
  assert.equal(await page.getByTestId('finalisasi').count(), 0, 'nothing to finalise');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=nilai-item]').length === 2);

  await page.getByTestId('mulai-menilai').click();
  const lembar = page.getByTestId('lembar-penilaian');
  await lembar.waitFor();
  assert.equal(await lembar.getAttribute('data-rule-set'), 'pp_46_2011');
  const pertama = await lembar.getAttribute('data-skp');
  assert.match(await lembar.getByTestId('dasar-lama').textContent(), /100/);
  for (const a of ['orientasi_pelayanan', 'integritas', 'disiplin', 'kerja_sama']) await lembar.getByTestId(`lama-${a}`).fill('80');
  await lembar.getByTestId('lama-komitmen').fill('delapan');
  await lembar.getByTestId('simpan-berikutnya').click();
  // A word is not a number: said in Indonesian beside the field, nothing saved.
  assert.match(await lembar.textContent(), /Harus berupa angka/);
  assert.equal(await lembar.getAttribute('data-skp'), pertama, 'the sheet stays open');
  await lembar.getByTestId('lama-komitmen').fill('80');
  await lembar.getByTestId('lama-tugas').fill('2');
  await lembar.getByTestId('lama-kreativitas').fill('3');
  // 100 + 1 (two tugas tambahan) + 3 (kreativitas) = 104; perilaku 80; 60% × 104 + 40% × 80 = 94,4.
  const hasil = lembar.getByTestId('hasil-lama');
  await page.waitForFunction(() => document.querySelector('[data-testid=hasil-lama]')?.dataset.sebutan === 'sangat_baik');
  assert.equal(await hasil.getAttribute('data-nilai'), '94.4');
  assert.match(await hasil.textContent(), /94,4 · Sangat Baik/);
  assert.match(await hasil.textContent(), /60% × 104 \+ 40% × 80 = 94,4/);
  await screenshot(page, 'penilaian-lama-tablet');

  // Saved with no connection: queued on the device, the next sheet opens (loaded earlier).
  await browser.context.setOffline(true);
  await lembar.getByTestId('simpan-berikutnya').click();
  await page.waitForFunction((skp) => document.querySelector('[data-testid=lembar-penilaian]')?.dataset.skp !== skp, pertama);
  const item = (skpId) => page.locator(`[data-testid=nilai-item][data-skp="${skpId}"]`);
  assert.equal(await item(pertama).getAttribute('data-keadaan'), 'perangkat');
  assert.match(await item(pertama).getByTestId('nilai-angka').textContent(), /94,4 · Sangat Baik/);
  const kedua = await lembar.getAttribute('data-skp');
  for (const a of ['orientasi_pelayanan', 'integritas', 'komitmen', 'disiplin', 'kerja_sama']) await lembar.getByTestId(`lama-${a}`).fill('60');
  // 60% × 100 + 40% × 60 = 84: Baik.
  await page.waitForFunction(() => document.querySelector('[data-testid=hasil-lama]')?.dataset.sebutan === 'baik');
  await lembar.getByTestId('simpan-berikutnya').click();
  await browser.context.setOffline(false);
  await page.waitForFunction(
    () => [...document.querySelectorAll('[data-testid=nilai-item]')].every((li) => li.dataset.keadaan === 'tersimpan'),
    null, { timeout: 30_000 },
  );
  // Requests that failed while offline are the browser's own log lines.
  assert.deepEqual(problems.filter((p) => !/Failed to load resource|net::ERR_INTERNET_DISCONNECTED/.test(p)), [], 'no page error');

  // The server computed the same numbers from the same rule.
  const baca = async (id) => (await kabid1.get(`/api/v1/skp/${id}/penilaian?evaluasi=tahunan`)).penilaian_lama;
  const [a, b] = [await baca(pertama), await baca(kedua)];
  assert.deepEqual([a.nilai, a.sebutan, b.nilai, b.sebutan], [94.4, 'sangat_baik', 84, 'baik']);
  assert.deepEqual(new Set([pertama, kedua]), new Set([skp.staf2, skp.staf3]));
  const nama = await item(skp.staf2).textContent();
  assert.ok(nama.includes(NAMA.staf2), nama);
  await page.close();

  // The pegawai rated 94,4, on a phone: the bell has it, and it leads to /evaluasi.
  const dinilai = pertama === skp.staf2 ? 'staf2' : 'staf3';
  await browser.context.clearCookies();
  const hp = await browser.context.newPage();
  await hp.clock.setFixedTime(new Date(`${HARI}T15:00:00+07:00`));
  await hp.setViewportSize(VIEWPORTS.phone);
  const masalah = watchProblems(hp);
  await login(hp, server.base, NIP[dinilai]);
  await hp.waitForFunction(() => Number(document.querySelector('[data-testid=jumlah-notifikasi]')?.textContent) >= 1);
  await hp.getByTestId('lonceng').click();
  const kabar = hp.locator('[data-testid=notifikasi-item][data-jenis=penilaian_lama_diberikan]');
  await kabar.waitFor();
  assert.equal(await kabar.count(), 1, 'one rating, one notification');
  assert.match(await kabar.textContent(), /Siti Rahmawati mencatat nilai evaluasi kinerja 2020 Anda/);
  await kabar.getByRole('button').click();
  await hp.waitForURL(`${server.base}/evaluasi`);
  const kartu = hp.getByTestId('nilai-lama-saya');
  await kartu.waitFor();
  assert.equal(await kartu.count(), 1);
  assert.deepEqual(
    [await kartu.getAttribute('data-skp'), await kartu.getAttribute('data-nilai'), await kartu.getAttribute('data-sebutan')],
    [pertama, '94.4', 'sangat_baik'],
  );
  const teksKartu = async () => (await kartu.innerText()).replace(/\s+/g, ' ');
  let isi = await teksKartu();
  assert.equal(await kartu.getByTestId('nilai-sebutan').textContent(), '94,4 · Sangat Baik');
  assert.match(isi, /Tahunan 2020/);
  assert.match(isi, /Nilai prestasi kerja: 94,4 · Sangat Baik/);
  assert.match(isi, /Nilai capaian SKP 104/);
  assert.match(isi, /Nilai perilaku kerja 80/);
  assert.match(isi, /Bobot SKP 60% · perilaku kerja 40%/);
  assert.match(isi, /Orientasi pelayanan 80/);
  assert.match(isi, /Kerja sama 80/);
  assert.match(await kartu.getByTestId('penjelasan-lama').textContent(), /60% × 104 \+ 40% × 80 = 94,4/);
  assert.match(await kartu.getByTestId('dinilai-lama').textContent(), /^Siti Rahmawati · \d{1,2} \S+ 20\d\d$/);
  assert.ok(await hp.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'nothing wider than the phone');
  await screenshot(hp, 'penilaian-lama-pegawai-ponsel');

  // In English: the English labels, the same numbers as English writes them.
  await hp.getByTestId('ganti-bahasa').click();
  await hp.waitForFunction(() => document.documentElement.lang === 'en');
  isi = await teksKartu();
  assert.equal(await kartu.getByTestId('nilai-sebutan').textContent(), '94.4 · Very Good');
  assert.match(isi, /Annual 2020/);
  assert.match(isi, /Work-performance score: 94\.4 · Very Good/);
  assert.match(isi, /SKP achievement score 104/);
  assert.match(isi, /Weights SKP 60% · work behaviour 40%/);
  assert.match(isi, /Service orientation 80/);
  assert.match(isi, /Rated by Siti Rahmawati/);
  assert.match(await kartu.getByTestId('penjelasan-lama').textContent(), /Work-performance score = 60% × 104 \+ 40% × 80 = 94\.4/);
  assert.match(isi, /mean of 5 aspects \(service orientation 80, integrity 80, commitment 80, discipline 80, teamwork 80\)/);
  for (const kata of ['Sangat Baik', 'Nilai prestasi', 'orientasi pelayanan', 'integritas', 'Bobot', 'Dinilai oleh']) {
    assert.ok(!isi.toLowerCase().includes(kata.toLowerCase()), `no Indonesian "${kata}" on the English page: ${isi}`);
  }
  await screenshot(hp, 'penilaian-lama-pegawai-ponsel-en');
  await hp.getByTestId('ganti-bahasa').click();
  assert.deepEqual(masalah, [], 'no page error');
  await hp.close();
});
