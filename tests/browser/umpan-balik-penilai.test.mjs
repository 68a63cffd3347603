// The penilai's side of continuous feedback and the 360 (issue 23, point 5),
// on a tablet: a sub-period's scheduled feedback given to two subordinates
// in a row without going back to the list (each pegawai reads theirs), a
// sheet typed offline that reaches the server when the connection is back
// (and survives a reload before), the 360 raters of a subordinate
// (a proposal confirmed, raters added), and the admin's 360 deadline, after
// which the penilai reads the aggregate as advice without any rater named.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, watchProblems, installCspProbe, login, screenshot, apiSession, tetapkanSkp,
  outboxTersimpan, NIP, VIEWPORTS,
} from './lib.mjs';

let server;
let browser;
const skp = {};
const nama = { staf2: 'Nur Aisyah', staf3: 'Agus Setiawan', staf4: 'Putri Maharani' };

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await installCspProbe(browser.context);
  skp.staf2 = await tetapkanSkp(NIP.staf2, NIP.kabid1, server.base, 'Terlaksananya pelatihan teknis');
  skp.staf3 = await tetapkanSkp(NIP.staf3, NIP.kabid1, server.base, 'Tersusunnya modul pelatihan');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Signs `nip` in on `page` (the browser's earlier session is dropped first). */
async function masuk(page, nip) {
  await browser.context.clearCookies();
  await login(page, server.base, nip);
}

const idPegawai = async (nip) => (await (await apiSession(server.base, nip)).get('/api/v1/auth/session')).session.pegawai_id;

/** Screenshots of the page in Bahasa Indonesia and in English (then back). */
async function duaBahasa(page, nama) {
  await screenshot(page, `${nama}-id`);
  await page.getByTestId('ganti-bahasa').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await screenshot(page, `${nama}-en`);
  await page.getByTestId('ganti-bahasa').click();
  await page.waitForFunction(() => document.documentElement.lang === 'id');
}

const keadaanItem = (page, namaPegawai) => page.locator('[data-testid=ub-item]', { hasText: namaPegawai });

test('on a tablet the penilai gives the sub-period feedback to two subordinates in a row, and each reads theirs', async () => {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.tablet);
  await masuk(page, NIP.kabid1);
  await page.goto(server.base + '/penilai');
  // The way in, from the queue: the running sub-period's feedback, and a 360 per subordinate.
  const tautan = page.getByTestId('tautan-umpan-balik');
  assert.match(await tautan.textContent(), /^Umpan balik (Triwulan|[A-Z][a-z]+) /);
  assert.ok(await page.getByTestId('tautan-360').count() >= 3, 'a 360 link per subordinate');
  await tautan.click();
  await page.getByTestId('antrian-umpan-balik').waitFor();
  const items = page.getByTestId('ub-item');
  await items.first().waitFor();
  // Only the subordinates with a set SKP (staf4 has none).
  assert.deepEqual((await page.locator('[data-testid=ub-item] .nama').allTextContents()).sort(), [nama.staf3, nama.staf2].sort());
  assert.deepEqual(await items.evaluateAll((li) => li.map((l) => l.dataset.keadaan)), ['belum', 'belum']);
  await duaBahasa(page, 'penilai-umpan-balik-daftar-tablet');

  await page.getByTestId('mulai-umpan-balik').click();
  const lembar = page.getByTestId('lembar-umpan-balik');
  await lembar.waitFor();
  const pertama = await lembar.getAttribute('data-skp');
  // Nothing typed: the domain's rule, said on the spot (scheduled feedback covers every RHK).
  await page.getByTestId('simpan-berikutnya').click();
  assert.match(await page.getByTestId('galat-lembar').textContent(), /Umpan balik berkala mencakup setiap RHK/);
  assert.equal(await lembar.getAttribute('data-skp'), pertama, 'not saved, still the same subordinate');
  // The seven values, by the domain's names.
  assert.deepEqual(await lembar.getByTestId('ub-nilai').evaluateAll((t) => t.map((x) => x.dataset.nilai)), [
    'berorientasi_pelayanan', 'akuntabel', 'kompeten', 'harmonis', 'loyal', 'adaptif', 'kolaboratif',
  ]);
  const teks = {};
  const isi = async (skpId) => {
    const siapa = skpId === skp.staf2.id ? 'staf2' : 'staf3';
    teks[siapa] = { rhk: `Capaian RHK ${siapa} sesuai rencana triwulan`, nilai: `Kolaborasi ${siapa} dengan tim lintas bidang baik` };
    await lembar.getByTestId('ub-rhk').first().fill(teks[siapa].rhk);
    await lembar.locator('[data-testid=ub-nilai][data-nilai=kolaboratif]').fill(teks[siapa].nilai);
    return siapa;
  };
  const siapa1 = await isi(pertama);
  // The messages follow what is typed: complete now, nothing said.
  assert.equal(await page.getByTestId('galat-lembar').textContent(), '');
  await duaBahasa(page, 'penilai-umpan-balik-lembar-tablet');
  await page.getByTestId('simpan-berikutnya').click();
  // The next subordinate opens at once, without going back to the list.
  await page.waitForFunction((p) => document.querySelector('[data-testid=lembar-umpan-balik]')?.dataset.skp !== p, pertama);
  const kedua = await lembar.getAttribute('data-skp');
  assert.deepEqual([pertama, kedua].sort(), [skp.staf2.id, skp.staf3.id].sort());
  assert.equal(await lembar.getByTestId('ub-rhk').first().inputValue(), '', 'a fresh sheet');
  const siapa2 = await isi(kedua);
  await page.getByTestId('simpan-berikutnya').click();
  // Nobody left: said, and both marked as given once the server has them.
  await page.getByTestId('semua-selesai').waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=ub-item]')].every((l) => l.dataset.keadaan === 'diberikan'));
  assert.match(await page.getByTestId('progres-umpan-balik').textContent(), /2 dari 2/);
  await screenshot(page, 'penilai-umpan-balik-selesai-tablet');

  // Through the API: both sheets stored with their texts, and each pegawai reads theirs.
  for (const siapa of [siapa1, siapa2]) {
    const s = await apiSession(server.base, NIP[siapa]);
    const daftar = await s.get(`/api/v1/skp/${skp[siapa].id}/umpan-balik`);
    assert.equal(daftar.length, 1, `${siapa}: one sheet`);
    assert.equal(daftar[0].bentuk, 'berkala');
    assert.equal(daftar[0].pemberi.nip, NIP.kabid1);
    assert.deepEqual(daftar[0].item.map((i) => i.isi), [teks[siapa].rhk, teks[siapa].nilai]);
    assert.deepEqual(daftar[0].item.map((i) => i.objek), [{ jenis: 'rhk', rhk: 'rhk-1' }, { jenis: 'perilaku', nilai: 'kolaboratif' }]);
  }
  // The other's sheet is not theirs to read.
  const staf2 = await apiSession(server.base, NIP.staf2);
  await assert.rejects(staf2.get(`/api/v1/skp/${skp.staf3.id}/umpan-balik`), /404/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('upright tablet: a sheet survives a reload, and one saved offline reaches the server when back online', async () => {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS['tablet-tegak']);
  await masuk(page, NIP.kabid1);
  await page.goto(server.base + '/unit/umpan-balik');
  await page.getByTestId('ub-item').first().waitFor();
  // An earlier sub-period: nobody has its feedback yet.
  const ke = await page.getByTestId('pilih-sub-periode').inputValue();
  const sebelumnya = String(Number(ke) - 1);
  assert.ok(Number(ke) > 1, `a sub-period before the running one (${ke})`);
  await page.getByTestId('pilih-sub-periode').selectOption(sebelumnya);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=ub-item]')].every((l) => l.dataset.keadaan === 'belum'));
  await keadaanItem(page, nama.staf2).getByTestId('buka-lembar').click();
  const lembar = page.getByTestId('lembar-umpan-balik');
  await lembar.waitFor();
  assert.equal(await lembar.getAttribute('data-skp'), skp.staf2.id);
  // Upright, the open sheet takes the width (the list comes back with "Kembali ke daftar").
  assert.equal(await page.getByTestId('daftar-umpan-balik').isVisible(), false);
  const rhk = 'Pelatihan angkatan III terlaksana tepat waktu';
  await lembar.getByTestId('ub-rhk').first().fill(rhk);
  await lembar.locator('[data-testid=ub-nilai][data-nilai=akuntabel]').fill('Laporan pertanggungjawaban rapi');
  await duaBahasa(page, 'penilai-umpan-balik-lembar-tablet-tegak');

  // A reload: what was typed is still there.
  await page.reload();
  await page.getByTestId('ub-item').first().waitFor();
  await page.getByTestId('pilih-sub-periode').selectOption(sebelumnya);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=ub-item]')].every((l) => l.dataset.keadaan === 'belum'));
  await keadaanItem(page, nama.staf2).getByTestId('buka-lembar').click();
  await lembar.waitFor();
  await page.getByTestId('lembar-dipulihkan').waitFor();
  assert.equal(await lembar.getByTestId('ub-rhk').first().inputValue(), rhk);

  // Offline: saved on the device, and the next subordinate opens.
  await browser.context.setOffline(true);
  await page.getByTestId('simpan-berikutnya').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=status-simpan-ub]')?.dataset.keadaan === 'perangkat');
  assert.match(await page.getByTestId('status-simpan-ub').textContent(), /tersimpan di perangkat/);
  assert.equal(await lembar.getAttribute('data-skp'), skp.staf3.id, 'on to the next without the list');
  const outbox = await outboxTersimpan(page);
  assert.ok(outbox.pending.some((e) => /^\/api\/v1\/umpan-balik\/[0-9a-f-]{36}$/.test(e.mutation.path) && e.mutation.method === 'PUT'),
    'the sheet waits in the outbox');
  const penilai = await apiSession(server.base, NIP.kabid1);
  assert.equal((await penilai.get(`/api/v1/skp/${skp.staf2.id}/umpan-balik`)).length, 1, 'not on the server yet');
  await screenshot(page, 'penilai-umpan-balik-luring-tablet-tegak');

  // Back online: it reaches the server, and the list says so.
  await browser.context.setOffline(false);
  await page.waitForFunction(() => document.querySelector('[data-testid=status-simpan-ub]')?.dataset.keadaan === 'diberikan', null, { timeout: 30_000 });
  const daftar = await penilai.get(`/api/v1/skp/${skp.staf2.id}/umpan-balik`);
  const baru = daftar.find((d) => String(d.ke) === sebelumnya);
  assert.ok(baru, 'the offline sheet is stored for the sub-period chosen');
  assert.deepEqual(baru.item.map((i) => i.isi), [rhk, 'Laporan pertanggungjawaban rapi']);
  await page.getByTestId('tutup-lembar').click();
  assert.equal(await keadaanItem(page, nama.staf2).getAttribute('data-keadaan'), 'diberikan');
  const expected = (p) => /ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(p);
  assert.deepEqual(problems.filter((p) => !expected(p)), []);
  await page.close();
});

test('the penilai confirms a proposed 360 rater and adds others on a tablet', async () => {
  const [id2, id3, id4] = await Promise.all([idPegawai(NIP.staf2), idPegawai(NIP.staf3), idPegawai(NIP.staf4)]);
  const staf2 = await apiSession(server.base, NIP.staf2);
  const [periode] = await staf2.get('/api/v1/org/periode');
  // staf2 proposes staf3 as a peer.
  await staf2.post('/api/v1/penilai-360', { periode_id: periode.id, pegawai_id: id2, penilai_id: id3, kelompok: 'rekan' });

  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.tablet);
  await masuk(page, NIP.kabid1);
  await page.goto(server.base + '/penilai');
  await page.locator('[data-testid=antrian-item]', { hasText: nama.staf2 }).getByTestId('tautan-360').click();
  await page.getByTestId('penilai-360').waitFor();
  assert.equal(new URL(page.url()).pathname, `/unit/360/${id2}`);
  const baris = (n) => page.locator('[data-testid=p360-penilai]', { hasText: n });
  await baris(nama.staf3).waitFor();
  assert.equal(await baris(nama.staf3).getAttribute('data-status'), 'diusulkan');
  assert.match(await baris(nama.staf3).textContent(), /usulan pegawai/);
  assert.match(await page.getByTestId('p360-batas').textContent(), /Batas pengisian: 31 Desember 2026/);
  assert.match(await page.getByTestId('p360-belum-tutup').textContent(), /setelah batas pengisian lewat/);
  await duaBahasa(page, 'penilai-360-tablet');

  await baris(nama.staf3).getByTestId('p360-konfirmasi').click();
  await page.waitForFunction((n) => [...document.querySelectorAll('[data-testid=p360-penilai]')].find((l) => l.dataset.nama === n)?.dataset.status === 'dikonfirmasi', nama.staf3);
  // staf4 as a peer, chosen from the penilai's other subordinates; and the penilai themselves as atasan.
  await page.getByTestId('p360-pilih-pegawai').selectOption(id4);
  assert.equal(await page.getByTestId('p360-pilih-kelompok').inputValue(), 'rekan');
  await page.getByTestId('p360-tambahkan').click();
  await baris(nama.staf4).waitFor();
  assert.equal(await baris(nama.staf4).getAttribute('data-status'), 'dikonfirmasi');
  assert.match(await baris(nama.staf4).textContent(), /ditetapkan pejabat penilai/);
  const idKabid = await idPegawai(NIP.kabid1);
  await page.getByTestId('p360-pilih-pegawai').selectOption(idKabid);
  assert.equal(await page.getByTestId('p360-pilih-kelompok').inputValue(), 'atasan', 'the penilai rates as atasan');
  await page.getByTestId('p360-tambahkan').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=p360-penilai]').length === 3);
  assert.equal(await page.getByTestId('p360-galat').textContent(), '');
  await page.setViewportSize(VIEWPORTS['tablet-tegak']);
  await duaBahasa(page, 'penilai-360-tablet-tegak');

  const kabid = await apiSession(server.base, NIP.kabid1);
  const daftar = await kabid.get(`/api/v1/penilai-360?periode_id=${periode.id}&pegawai_id=${id2}`);
  assert.deepEqual(daftar.penilai.map((p) => [p.penilai.nip, p.kelompok, p.status]).sort(), [
    [NIP.kabid1, 'atasan', 'dikonfirmasi'], [NIP.staf3, 'rekan', 'dikonfirmasi'], [NIP.staf4, 'rekan', 'dikonfirmasi'],
  ].sort());
  assert.deepEqual(problems, []);
  await page.close();
});

test('the admin sets the 360 deadline, closes it after a confirmation, and the penilai reads the advice', async () => {
  const id2 = await idPegawai(NIP.staf2);
  // The penilai (atasan) and staf3 answer before the deadline.
  const semua = ['berorientasi_pelayanan', 'akuntabel', 'kompeten', 'harmonis', 'loyal', 'adaptif', 'kolaboratif'];
  for (const nip of [NIP.kabid1, NIP.staf3]) {
    const s = await apiSession(server.base, nip);
    const tugas = (await s.get('/api/v1/tugas-360')).find((t) => t.pegawai.id === id2);
    await s.put(`/api/v1/tugas-360/${tugas.id}`, {
      version: 0, penilaian: semua.map((nilai) => ({ nilai, rating: 'diatas_ekspektasi', catatan: `Catatan ${nip === NIP.staf3 ? 'rekan' : 'atasan'} ${nilai}` })),
    });
  }

  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.desktop);
  await masuk(page, NIP.admin);
  await page.goto(server.base + '/admin');
  await page.getByTestId('konsol-admin').waitFor();
  const baris = page.getByTestId('periode-item').first();
  const tanggal = baris.getByTestId('batas-360-tanggal');
  await tanggal.waitFor();
  assert.equal(await tanggal.inputValue(), '2026-12-31', 'the period\'s last day unless set');
  // Fitted: a date input, not the table's width.
  assert.ok((await tanggal.boundingBox()).width < 250, `the date input is ${(await tanggal.boundingBox()).width} px wide`);
  const admin = await apiSession(server.base, NIP.admin);
  const [periode] = await admin.get('/api/v1/org/periode');
  const hariIni = new Date().toISOString().slice(0, 10);
  const besok = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const kemarin = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await tanggal.fill(besok);
  await baris.getByTestId('batas-360-simpan').click();
  await baris.getByTestId('batas-360-tersimpan').waitFor();
  let p = await admin.get(`/api/v1/pengaturan-360?periode_id=${periode.id}`);
  assert.deepEqual([p.batas, p.ditutup, p.version], [besok, false, 1]);
  await duaBahasa(page, 'admin-batas-360-desktop');

  // A date before today closes the 360: asked first; "Batal" changes nothing.
  await tanggal.fill(kemarin);
  await baris.getByTestId('batas-360-simpan').click();
  assert.match(await page.getByTestId('konfirmasi-tutup-360').textContent(), /Tutup 360 sekarang\? Setelah ditutup tidak dapat dibuka lagi/);
  await screenshot(page, 'admin-batas-360-konfirmasi-desktop');
  await page.getByTestId('tutup-360-batal').click();
  p = await admin.get(`/api/v1/pengaturan-360?periode_id=${periode.id}`);
  assert.deepEqual([p.batas, p.ditutup], [besok, false]);
  assert.ok(hariIni > kemarin);
  await baris.getByTestId('batas-360-simpan').click();
  await page.getByTestId('tutup-360-ya').click();
  await baris.getByTestId('batas-360-ditutup').waitFor();
  assert.equal(await baris.getByTestId('batas-360-tanggal').count(), 0, 'closed: read-only');
  p = await admin.get(`/api/v1/pengaturan-360?periode_id=${periode.id}`);
  assert.deepEqual([p.batas, p.ditutup], [kemarin, true]);
  await duaBahasa(page, 'admin-batas-360-ditutup-desktop');
  assert.deepEqual(problems, []);
  await page.close();

  // The penilai: the list read-only, the aggregate as advice, nobody named in it.
  const tablet = await browser.context.newPage();
  const tabletProblems = watchProblems(tablet);
  await tablet.setViewportSize(VIEWPORTS.tablet);
  await masuk(tablet, NIP.kabid1);
  await tablet.goto(`${server.base}/unit/360/${id2}`);
  await tablet.getByTestId('p360-ditutup').waitFor();
  assert.equal(await tablet.getByTestId('p360-konfirmasi').count() + await tablet.getByTestId('p360-hapus').count()
    + await tablet.getByTestId('p360-tambah').count(), 0, 'nothing changes after the deadline');
  const saran = tablet.getByTestId('p360-saran');
  assert.match(await saran.textContent(), /Saran untuk penilaian perilaku.*hanya saran/s);
  assert.equal(await tablet.getByTestId('p360-rating').getAttribute('data-rating'), 'diatas_ekspektasi');
  assert.equal(await tablet.getByTestId('p360-nilai').count(), 7);
  const isiSaran = await saran.textContent();
  assert.match(isiSaran, /Atasan \(pimpinan\)/);
  assert.match(isiSaran, /Catatan atasan kolaboratif/);
  for (const n of [nama.staf3, nama.staf4, 'Siti Rahmawati']) assert.ok(!isiSaran.includes(n), `no rater named in the advice (${n})`);
  assert.ok(!isiSaran.includes('Catatan rekan'), 'a lone peer is not shown (below the anonymity threshold)');
  await duaBahasa(tablet, 'penilai-360-saran-tablet');
  assert.deepEqual(tabletProblems, []);
  await tablet.close();
});
