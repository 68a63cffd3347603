// What a review of issue 23 found, in the browser: a session that simply
// expires takes the 360 secrets off the device but leaves the pegawai's own
// unsent work, and a start with nothing to drop writes no outbox; the
// admin's "this closes the 360 now" question follows the server's date, not
// the device's clock; a rater proposal's notification leads to that
// subordinate's 360, where the penilai finds anyone of the instansi (by a
// search that keeps what is typed out of every address); and the penilai
// adds an incidental sheet for a subordinate who has this sub-period's
// scheduled one, without losing what is typed in either sheet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, watchProblems, login, apiSession, tetapkanSkp, outboxTersimpan, screenshot, NIP, VIEWPORTS,
} from './lib.mjs';

let server;
const NAMA = { staf1: 'Rizky Pratama', staf2: 'Nur Aisyah', staf3: 'Agus Setiawan', staf4: 'Putri Maharani' };

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

const idPegawai = async (nip) => (await (await apiSession(server.base, nip)).get('/api/v1/auth/session')).session.pegawai_id;

/** Every key of the app's IndexedDB store. */
function kunciIdb(page) {
  return page.evaluate(() => new Promise((ok, gagal) => {
    const req = indexedDB.open('ekinerja', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('kv');
    req.onerror = () => gagal(req.error);
    req.onsuccess = () => {
      const get = req.result.transaction('kv').objectStore('kv').getAllKeys();
      get.onsuccess = () => { req.result.close(); ok(get.result); };
      get.onerror = () => gagal(get.error);
    };
  }));
}

/** Writes the device's outbox as the app stores it (`state::outbox::Outbox`). */
function tulisOutbox(page, outbox) {
  return page.evaluate((teks) => new Promise((ok, gagal) => {
    const req = indexedDB.open('ekinerja', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('kv');
    req.onerror = () => gagal(req.error);
    req.onsuccess = () => {
      const tx = req.result.transaction('kv', 'readwrite');
      tx.objectStore('kv').put(teks, 'outbox');
      tx.oncomplete = () => { req.result.close(); ok(); };
      tx.onerror = () => gagal(tx.error);
    };
  }), JSON.stringify(outbox));
}

test('a session that expires takes the 360 secrets off the device and leaves the pegawai\'s own unsent work', async () => {
  const [id3, id4] = await Promise.all([idPegawai(NIP.staf3), idPegawai(NIP.staf4)]);
  const kabid1 = await apiSession(server.base, NIP.kabid1);
  const [periode] = await kabid1.get('/api/v1/org/periode');
  // staf3 is asked to rate staf4.
  await kabid1.post('/api/v1/penilai-360', { periode_id: periode.id, pegawai_id: id4, penilai_id: id3, kelompok: 'rekan' });

  const browser = await launchBrowser();
  try {
    // Every write of the stored outbox, counted per page.
    await browser.context.addInitScript(() => {
      window.__tulisOutbox = 0;
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (nilai, kunci) {
        if (kunci === 'outbox') window.__tulisOutbox += 1;
        return put.call(this, nilai, kunci);
      };
    });
    let page = await browser.context.newPage();
    const problems = watchProblems(page);
    await page.setViewportSize(VIEWPORTS.phone);
    await login(page, server.base, NIP.staf3);
    await page.goto(server.base + '/hasil/360');
    await page.getByTestId('form-360').waitFor();
    // Half an answer typed: kept on the device as a draft.
    await page.locator('[data-nilai=loyal] input[value=diatas_ekspektasi]').check();
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('ekinerja.draf.360-')));

    // A start with nothing to drop reads the outbox and writes nothing.
    await page.reload();
    await page.getByTestId('form-360').waitFor();
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => window.__tulisOutbox), 0, 'the outbox is not rewritten at every start');

    // On the device now: a 360 answer waiting to be sent (a secret of a
    // colleague's), and staf3's own unsent work: a plan change waiting, the
    // plan's form and a realisation typed.
    const masuk = (await apiSession(server.base, NIP.staf3)).get('/api/v1/auth/session');
    const saya = (await masuk).session.pegawai_id;
    const entri = (seq, method, path, body) => ({
      owner: saya, record: [path, 0], mutation: { seq, idempotency_key: crypto.randomUUID(), method, path, body },
    });
    await tulisOutbox(page, {
      client_id: 'perangkat-uji', last_seq: 2, refused: [],
      pending: [
        entri(1, 'PUT', '/api/v1/tugas-360/t-rahasia', { version: 0, penilaian: [] }),
        entri(2, 'PUT', '/api/v1/skp/skp-sendiri', { version: 0, rencana: {} }),
      ],
    });
    await page.evaluate((p) => {
      localStorage.setItem('ekinerja.draf.skp-sendiri', JSON.stringify({ pemilik: p, version: 1, isian: { rhk: [] } }));
      localStorage.setItem('ekinerja.realisasi.skp-sendiri', JSON.stringify({ pemilik: p, sel: {} }));
    }, saya);
    assert.ok((await kunciIdb(page)).some((k) => k.startsWith(`data:${saya}:/api/v1/tugas-360`)), 'the requests were kept for offline use');
    await page.close();

    // The session expires (the cookie is gone): the next start hears from
    // the server that nobody is signed in.
    await browser.context.clearCookies();
    page = await browser.context.newPage();
    await page.setViewportSize(VIEWPORTS.phone);
    await page.goto(server.base + '/hasil/360');
    await page.locator('#nip').waitFor();
    const lokal = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ekinerja.')).sort());
    assert.deepEqual(lokal.filter((k) => !k.startsWith('ekinerja.tab')), ['ekinerja.draf.skp-sendiri', 'ekinerja.realisasi.skp-sendiri'],
      'the 360 draft is gone; the plan and the realisation typed stay');
    const outbox = await outboxTersimpan(page);
    assert.deepEqual([...outbox.pending, ...outbox.refused.map((r) => r.entry)].map((e) => e.mutation.path), ['/api/v1/skp/skp-sendiri'],
      'the 360 answer waiting is gone; the plan change stays, to be sent at the next sign-in');
    const kunci = await kunciIdb(page);
    assert.deepEqual(kunci.filter((k) => k.startsWith('data:') || k === 'sesi'), [], 'nothing kept for reading offline');
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await browser.close();
  }
});

test("a rater proposal's notification leads to the subordinate's 360, where the penilai finds anyone of the instansi", async () => {
  const [id1, id2, id4] = await Promise.all([idPegawai(NIP.staf1), idPegawai(NIP.staf2), idPegawai(NIP.staf4)]);
  const staf2 = await apiSession(server.base, NIP.staf2);
  const [periode] = await staf2.get('/api/v1/org/periode');
  await staf2.post('/api/v1/penilai-360', { periode_id: periode.id, pegawai_id: id2, penilai_id: id4, kelompok: 'rekan' });

  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    const permintaan = [];
    page.on('request', (r) => permintaan.push({ url: r.url(), method: r.method(), body: r.postData() ?? '' }));
    await page.setViewportSize(VIEWPORTS.tablet);
    await login(page, server.base, NIP.kabid1);
    await page.goto(server.base + '/notifikasi');
    await page.locator('[data-testid=notifikasi-item][data-jenis=usulan_penilai_360] button').click();
    await page.waitForURL((u) => u.pathname === `/unit/360/${id2}`);
    const baris = (n) => page.locator('[data-testid=p360-penilai]', { hasText: n });
    await baris(NAMA.staf4).waitFor();
    assert.equal(await baris(NAMA.staf4).getAttribute('data-status'), 'diusulkan');

    // Rizky Pratama is no subordinate of the penilai's: found by the search.
    const pilihan = await page.getByTestId('p360-pilih-pegawai').locator('option').allTextContents();
    assert.ok(!pilihan.some((t) => t.includes(NAMA.staf1)), `not among the subordinates: ${pilihan}`);
    await page.locator('#p360-cari-rekan').fill('Rizky');
    await page.locator('[data-testid=pilih-rekan]', { hasText: NAMA.staf1 }).click();
    await page.getByTestId('rekan-dipilih').waitFor();
    assert.equal(await page.getByTestId('p360-pilih-pegawai').inputValue(), id1, 'chosen as if from the list');
    await page.getByTestId('p360-pilih-kelompok').selectOption('pihak_lain');
    await screenshot(page, 'penilai-360-cari-tablet');
    await page.getByTestId('p360-tambahkan').click();
    await baris(NAMA.staf1).waitFor();
    assert.equal(await baris(NAMA.staf1).getAttribute('data-status'), 'dikonfirmasi');
    assert.equal(await page.getByTestId('p360-galat').textContent(), '');
    // The ratee and the raters listed are not offered again.
    await page.locator('#p360-cari-rekan').fill('Nur Aisyah');
    await page.getByTestId('p360-tambah').getByText('Tidak ada pegawai yang cocok.').waitFor();
    assert.equal(await page.locator('[data-testid=pilih-rekan]', { hasText: NAMA.staf2 }).count(), 0);

    const kabid1 = await apiSession(server.base, NIP.kabid1);
    const daftar = await kabid1.get(`/api/v1/penilai-360?periode_id=${periode.id}&pegawai_id=${id2}`);
    assert.deepEqual(daftar.penilai.filter((p) => p.penilai.id === id1).map((p) => [p.kelompok, p.status]), [['pihak_lain', 'dikonfirmasi']]);
    // What was typed went in a POST's body, never in an address.
    assert.ok(permintaan.some((r) => r.method === 'POST' && r.url.endsWith('/api/v1/calon-penilai-360') && r.body.includes('Rizky')));
    assert.deepEqual(permintaan.filter((r) => /Rizky|Aisyah/.test(decodeURIComponent(r.url))).map((r) => r.url), []);
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await browser.close();
  }
});

test('the penilai adds an incidental sheet for a subordinate who has this sub-period\'s scheduled one', async () => {
  const skp = await tetapkanSkp(NIP.staf4, NIP.kabid1, server.base, 'Terlaksananya pengolahan data pelatihan');
  const kabid1 = await apiSession(server.base, NIP.kabid1);
  const [periode] = await kabid1.get('/api/v1/org/periode');
  const q = await kabid1.get(`/api/v1/penilai/umpan-balik?periode_id=${periode.id}`);
  const item = q.item.find((i) => i.skp_id === skp.id);
  const berkala = 'Data pelatihan rapi dan tepat waktu.';
  await kabid1.put(`/api/v1/umpan-balik/${crypto.randomUUID()}`, {
    skp_id: skp.id, ke: q.ke, bentuk: 'berkala', version: 0,
    item: [
      ...item.rhk.map((r) => ({ objek: { jenis: 'rhk', rhk: r.id }, isi: berkala })),
      { objek: { jenis: 'perilaku', nilai: 'kolaboratif' }, isi: 'Aktif membantu rekan.' },
    ],
  });

  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await page.setViewportSize(VIEWPORTS.tablet);
    await login(page, server.base, NIP.kabid1);
    await page.goto(server.base + '/unit/umpan-balik');
    const baris = page.locator('[data-testid=ub-item]', { hasText: NAMA.staf4 });
    await baris.waitFor();
    assert.equal(await baris.getAttribute('data-keadaan'), 'diberikan');
    await baris.getByTestId('buka-lembar').click();
    const lembar = page.getByTestId('lembar-umpan-balik');
    await page.waitForFunction((t) => document.querySelector('[data-testid=ub-rhk]')?.value === t, berkala);
    // The scheduled sheet can only be changed; an incidental one is added beside it.
    await lembar.getByTestId('ub-tambah-insidentil').click();
    assert.equal(await lembar.getByTestId('ub-rhk').first().inputValue(), '', 'a fresh sheet');
    assert.equal(await lembar.getByTestId('ub-insidentil').isChecked(), true);
    await lembar.locator('[data-testid=ub-nilai][data-nilai=adaptif]').fill('Cepat menyesuaikan dengan aplikasi baru.');
    await screenshot(page, 'penilai-umpan-balik-insidentil-tablet');
    // Back to the scheduled sheet and forth again: what the sheet holds follows.
    await lembar.getByTestId('ub-ke-berkala').click();
    await page.waitForFunction((t) => document.querySelector('[data-testid=ub-rhk]')?.value === t, berkala);
    await lembar.getByTestId('ub-tambah-insidentil').click();
    await lembar.locator('[data-testid=ub-nilai][data-nilai=adaptif]').fill('Cepat menyesuaikan dengan aplikasi baru.');
    await lembar.getByTestId('simpan-berikutnya').click();

    const staf4 = await apiSession(server.base, NIP.staf4);
    const semua = async () => (await staf4.get(`/api/v1/skp/${skp.id}/umpan-balik`)).filter((v) => v.ke === q.ke);
    for (let i = 0; i < 50 && (await semua()).length < 2; i += 1) await page.waitForTimeout(200);
    const lembaran = await semua();
    assert.deepEqual(lembaran.map((v) => v.bentuk).sort(), ['berkala', 'insidentil']);
    const insidentil = lembaran.find((v) => v.bentuk === 'insidentil');
    assert.deepEqual(insidentil.item.map((i) => [i.objek, i.isi]), [[{ jenis: 'perilaku', nilai: 'adaptif' }, 'Cepat menyesuaikan dengan aplikasi baru.']]);
    assert.deepEqual(lembaran.find((v) => v.bentuk === 'berkala').item.map((i) => i.isi), [berkala, 'Aktif membantu rekan.'], 'the scheduled sheet unchanged');
    assert.equal(await baris.getAttribute('data-keadaan'), 'diberikan');
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await browser.close();
  }
});

test('typing in an incidental sheet keeps what is typed and not saved in the scheduled one, through a reload', async () => {
  const skp = await tetapkanSkp(NIP.staf3, NIP.kabid1, server.base, 'Terlaksananya verifikasi data pelatihan');
  const kabid1 = await apiSession(server.base, NIP.kabid1);
  const [periode] = await kabid1.get('/api/v1/org/periode');
  const q = await kabid1.get(`/api/v1/penilai/umpan-balik?periode_id=${periode.id}`);
  const item = q.item.find((i) => i.skp_id === skp.id);
  const diberikan = 'Verifikasi data tepat waktu.';
  await kabid1.put(`/api/v1/umpan-balik/${crypto.randomUUID()}`, {
    skp_id: skp.id, ke: q.ke, bentuk: 'berkala', version: 0,
    item: [
      ...item.rhk.map((r) => ({ objek: { jenis: 'rhk', rhk: r.id }, isi: diberikan })),
      { objek: { jenis: 'perilaku', nilai: 'kolaboratif' }, isi: 'Aktif membantu rekan.' },
    ],
  });
  const berkala = 'Verifikasi data tepat waktu; laporan bulan ini masih terlambat dua hari.';
  const insidentil = 'Sigap menangani keluhan peserta pelatihan.';

  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await page.setViewportSize(VIEWPORTS.tablet);
    await login(page, server.base, NIP.kabid1);
    await page.goto(server.base + '/unit/umpan-balik');
    const baris = page.locator('[data-testid=ub-item]', { hasText: NAMA.staf3 });
    const lembar = page.getByTestId('lembar-umpan-balik');
    const rhk = lembar.getByTestId('ub-rhk').first();
    const adaptif = lembar.locator('[data-testid=ub-nilai][data-nilai=adaptif]');
    /** The first RHK's text once it shows `t` (or after 5 s, whatever it shows). */
    const teksRhk = async (t) => {
      await page.waitForFunction((t) => document.querySelector('[data-testid=ub-rhk]')?.value === t, t, { timeout: 5_000 }).catch(() => {});
      return rhk.inputValue();
    };
    await baris.getByTestId('buka-lembar').click();
    assert.equal(await teksRhk(diberikan), diberikan, 'the scheduled sheet given, to change');
    // The scheduled sheet changed and not saved; then an incidental one begun beside it.
    await rhk.fill(berkala);
    await lembar.getByTestId('ub-tambah-insidentil').click();
    assert.equal(await teksRhk(''), '', 'a fresh incidental sheet');
    assert.equal(await lembar.getByTestId('ub-insidentil').isChecked(), true);
    await adaptif.fill(insidentil);
    await screenshot(page, 'penilai-umpan-balik-dua-lembar-tablet');

    // Back to the scheduled sheet: the change typed in it is still there, and so is the incidental one.
    await lembar.getByTestId('ub-ke-berkala').click();
    assert.equal(await teksRhk(berkala), berkala, 'the scheduled sheet keeps what was typed in it');
    assert.equal(await adaptif.inputValue(), '', 'the scheduled sheet says nothing of adaptif');
    await lembar.getByTestId('lembar-dipulihkan').waitFor();
    await lembar.getByTestId('ub-tambah-insidentil').click();
    assert.equal(await teksRhk(''), '');
    assert.equal(await adaptif.inputValue(), insidentil, 'the incidental sheet keeps what was typed in it');
    await lembar.getByTestId('ub-ke-berkala').click();
    assert.equal(await teksRhk(berkala), berkala);
    const kunci = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ekinerja.draf.umpan-balik.')).sort());
    assert.equal(kunci.length, 2, `a draft per sheet: ${kunci}`);

    // A reload: the sheet opens on the scheduled one as typed; the incidental one is kept too.
    await page.reload();
    await baris.getByTestId('buka-lembar').click();
    assert.equal(await teksRhk(berkala), berkala, 'the scheduled sheet as typed, after a reload');
    await lembar.getByTestId('lembar-dipulihkan').waitFor();
    await lembar.getByTestId('ub-tambah-insidentil').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=ub-nilai][data-nilai=adaptif]')?.value !== '', null, { timeout: 5_000 }).catch(() => {});
    assert.equal(await adaptif.inputValue(), insidentil, 'the incidental sheet as typed, after a reload');

    // Nothing was saved: the server has the scheduled sheet as given, and no other.
    const staf3 = await apiSession(server.base, NIP.staf3);
    const lembaran = (await staf3.get(`/api/v1/skp/${skp.id}/umpan-balik`)).filter((v) => v.ke === q.ke);
    assert.deepEqual(lembaran.map((v) => [v.bentuk, v.item.map((i) => i.isi)]), [['berkala', [diberikan, 'Aktif membantu rekan.']]]);
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await browser.close();
  }
});

test("the admin's question before closing the 360 follows the server's date, whatever the device's clock says", async () => {
  const admin = await apiSession(server.base, NIP.admin);
  const [periode] = await admin.get('/api/v1/org/periode');
  // The server's days (WIB), whatever this machine's zone.
  const hariWib = (geser) => new Date(Date.now() + 7 * 3_600_000 + geser * 86_400_000).toISOString().slice(0, 10);
  const browser = await launchBrowser();
  try {
    for (const [geserPerangkat, batas, ditanya] of [[-5, hariWib(-1), true], [5, hariWib(1), false]]) {
      const page = await browser.context.newPage();
      const problems = watchProblems(page);
      await page.setViewportSize(VIEWPORTS.desktop);
      // The device's clock is days off.
      await page.clock.setFixedTime(new Date(Date.now() + geserPerangkat * 86_400_000));
      await browser.context.clearCookies();
      await login(page, server.base, NIP.admin);
      await page.goto(server.base + '/admin');
      const baris = page.getByTestId('periode-item').first();
      const tanggal = baris.getByTestId('batas-360-tanggal');
      await tanggal.waitFor();
      await tanggal.fill(batas);
      await baris.getByTestId('batas-360-simpan').click();
      if (ditanya) {
        // Yesterday for the server: the 360 would close now, so it is asked first.
        await page.getByTestId('konfirmasi-tutup-360').waitFor();
        await page.getByTestId('tutup-360-batal').click();
      } else {
        // Tomorrow for the server: saved without a question.
        await baris.getByTestId('batas-360-tersimpan').waitFor();
        assert.equal(await page.getByTestId('konfirmasi-tutup-360').isVisible(), false);
      }
      const p = await admin.get(`/api/v1/pengaturan-360?periode_id=${periode.id}`);
      assert.equal(p.ditutup, false, `device ${geserPerangkat} days off, deadline ${batas}: still open`);
      assert.equal(p.hari_ini, hariWib(0));
      assert.deepEqual(problems, []);
      await page.close();
    }
  } finally {
    await browser.close();
  }
});
