// Feedback and the 360 from the pegawai's side (issue 23, point 5): raters
// answer the seven BerAKHLAK values on a phone and a tablet, one request
// after another; once the period's 360 has closed the ratee reads only the
// aggregate the domain allows (three peers shown as a group, two peers
// suppressed), never a rater's name or NIP; the penilai's feedback shows
// with its giver, and asking for feedback tells the penilai; an answer
// typed with no connection reaches the server when it is back. Closing a
// 360 is per period, so each case that closes one has its own server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  startServer, launchBrowser, watchProblems, installCspProbe, login, screenshot, apiSession, tetapkanSkp, NIP,
  VIEWPORTS, NILAI_BERAKHLAK as NILAI, jawab360 as jawab, tunggu360 as tungguStatus,
} from './lib.mjs';

const NAMA = {
  staf1: 'Rizky Pratama', staf2: 'Nur Aisyah', staf3: 'Agus Setiawan', staf4: 'Putri Maharani',
};

/** axe-core's WCAG 2.1 A/AA violations of the page in both languages (none expected). */
async function aksesibel(page, nama) {
  const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  for (let k = 0; k < 2; k += 1) {
    await page.evaluate(axe);
    const { violations } = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), [], `${nama}, ${await page.locator('html').getAttribute('lang')}`);
    await page.getByTestId('ganti-bahasa').click();
  }
}

const kemarin = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/** Everything a case needs: the server, the period, API sessions by name. */
async function siapkan() {
  const server = await startServer();
  const sesi = {};
  for (const k of ['admin', 'kabid1', 'staf1', 'staf2', 'staf3', 'staf4']) sesi[k] = await apiSession(server.base, NIP[k]);
  const id = {};
  for (const k of Object.keys(sesi)) id[k] = (await sesi[k].get('/api/v1/auth/me')).pegawai_id;
  const [periode] = await sesi.admin.get('/api/v1/org/periode');
  return { server, sesi, id, periode };
}

/** The penilai kabid1 sets `penilai` as a rater of `dinilai` (as a peer). */
function tetapkanPenilai(c, dinilai, penilai, kelompok = 'rekan') {
  return c.sesi.kabid1.post('/api/v1/penilai-360', {
    periode_id: c.periode.id, pegawai_id: c.id[dinilai], penilai_id: c.id[penilai], kelompok,
  });
}

/** The admin closes the period's 360: its deadline set to yesterday. */
async function tutup(c) {
  const p = await c.sesi.admin.get(`/api/v1/pengaturan-360?periode_id=${c.periode.id}`);
  const baru = await c.sesi.admin.put(`/api/v1/org/periode/${c.periode.id}/pengaturan-360`, { batas: kemarin(), version: p.version });
  assert.equal(baru.ditutup, true);
}

async function halamanBaru(browser, ukuran) {
  const page = await browser.context.newPage();
  await page.setViewportSize(VIEWPORTS[ukuran] ?? ukuran);
  return { page, problems: watchProblems(page) };
}

async function masukSebagai(browser, page, base, siapa) {
  await browser.context.clearCookies();
  await login(page, base, NIP[siapa]);
}

test('three peers answer on a phone and a tablet; after the deadline the ratee sees only the aggregate', async () => {
  const c = await siapkan();
  const browser = await launchBrowser();
  await installCspProbe(browser.context);
  try {
    // staf2 is rated by three peers; staf3 also rates staf4 (two requests: one after another).
    for (const r of ['staf3', 'staf4', 'staf1']) await tetapkanPenilai(c, 'staf2', r);
    await tetapkanPenilai(c, 'staf4', 'staf3');

    // --- staf3 on a phone: two requests, "Simpan & berikutnya" goes from one to the other.
    let { page, problems } = await halamanBaru(browser, { width: 390, height: 844 });
    await masukSebagai(browser, page, c.server.base, 'staf3');
    // The dashboard leads there.
    await page.getByTestId('jalan-umpan-balik').getByRole('link', { name: 'Permintaan 360' }).click();
    await page.getByTestId('form-360').waitFor();
    assert.equal(await page.getByTestId('tugas-item').count(), 2);
    // Big touch targets: each level is at least 44 px high.
    const kotak = await page.locator('.opsi-360').first().boundingBox();
    assert.ok(kotak.height >= 44, `a level is ${kotak.height}px high`);
    await screenshot(page, 'tugas-360-ponsel-id');
    // The phone's header stays one row (the pages' links fold behind the menu).
    const tinggi = await page.locator('header.bar').evaluate((e) => e.getBoundingClientRect().height);
    assert.ok(tinggi < 80, `the phone's header is ${tinggi}px high: more than one row`);
    // Incomplete: refused on the spot with what is missing.
    const pertama = await page.getByTestId('rekan').textContent();
    await page.locator('[data-nilai=akuntabel] input[value=sesuai_ekspektasi]').check();
    await page.getByTestId('simpan-berikutnya').click();
    assert.match(await page.getByTestId('belum-lengkap').textContent(), /Belum dinilai: Berorientasi Pelayanan, Kompeten/);
    assert.equal(await page.getByTestId('rekan').textContent(), pertama, 'stays on the incomplete one');
    const jawabanStaf3 = pertama === NAMA.staf2 ? 'diatas_ekspektasi' : 'sesuai_ekspektasi';
    await jawab(page, () => jawabanStaf3, pertama === NAMA.staf2 ? 'Selalu ramah melayani peserta' : '');
    await page.getByTestId('simpan-berikutnya').click();
    // The next request, without a list in between.
    await page.waitForFunction((p) => document.querySelector('[data-testid=rekan]')?.textContent !== p, pertama);
    const kedua = await page.getByTestId('rekan').textContent();
    assert.deepEqual([pertama, kedua].sort(), [NAMA.staf2, NAMA.staf4].sort());
    await jawab(page, () => (kedua === NAMA.staf2 ? 'diatas_ekspektasi' : 'sesuai_ekspektasi'),
      kedua === NAMA.staf2 ? 'Selalu ramah melayani peserta' : '');
    await page.getByTestId('simpan-360').click();
    await tungguStatus(page, 'server');
    assert.deepEqual(await page.getByTestId('tugas-status').allTextContents(), ['Sudah dijawab', 'Sudah dijawab']);
    // English, same screen.
    await page.getByTestId('ganti-bahasa').click();
    assert.equal(await page.locator('[data-nilai=akuntabel] legend').textContent(), 'Accountable');
    await screenshot(page, 'tugas-360-ponsel-en');
    await page.getByTestId('ganti-bahasa').click();
    assert.deepEqual(problems, []);
    await page.close();

    // --- staf4 on a tablet, staf1 on a phone: one request each.
    for (const [siapa, ukuran, rating, catatan] of [
      ['staf4', 'tablet', (i) => (i === 6 ? 'sesuai_ekspektasi' : 'diatas_ekspektasi'), 'Teliti mengolah data'],
      ['staf1', { width: 390, height: 844 }, (i) => (i === 6 ? 'dibawah_ekspektasi' : 'sesuai_ekspektasi'), ''],
    ]) {
      ({ page, problems } = await halamanBaru(browser, ukuran));
      await masukSebagai(browser, page, c.server.base, siapa);
      await page.goto(`${c.server.base}/hasil/360`);
      await page.getByTestId('form-360').waitFor();
      assert.equal(await page.getByTestId('rekan').textContent(), NAMA.staf2);
      assert.equal(await page.getByTestId('simpan-berikutnya').count(), 0, 'one request: no "next"');
      await jawab(page, rating, catatan);
      if (siapa === 'staf4') {
        await aksesibel(page, '/hasil/360');
        await screenshot(page, 'tugas-360-tablet-id');
      }
      await page.getByTestId('simpan-360').click();
      await tungguStatus(page, 'server');
      if (siapa === 'staf4') {
        await page.getByTestId('ganti-bahasa').click();
        await screenshot(page, 'tugas-360-tablet-en');
        await page.getByTestId('ganti-bahasa').click();
      }
      assert.deepEqual(problems, []);
      await page.close();
    }

    // --- before the deadline the ratee is told when
    ({ page, problems } = await halamanBaru(browser, { width: 390, height: 844 }));
    await masukSebagai(browser, page, c.server.base, 'staf2');
    await page.goto(`${c.server.base}/hasil/umpan-balik`);
    assert.match(await page.getByTestId('hasil-belum').textContent(), /^Hasil tersedia setelah \d+ \S+ \d{4}\.$/);
    // The raters the penilai set are not the ratee's to see: only the counts.
    assert.equal(await page.getByTestId('usulan').count(), 0);
    assert.match(await page.getByTestId('jumlah-360').textContent(), /Rekan kerja setingkat: 3 penilai dikonfirmasi/);

    // --- the admin closes the 360: the ratee reads the aggregate
    await tutup(c);
    await page.reload();
    await page.getByTestId('catatan-anonimitas').waitFor();
    const blok = await page.getByTestId('blok').evaluateAll((rows) => rows.map((r) => [
      r.closest('[data-nilai]').dataset.nilai, r.dataset.sumber, r.dataset.n,
      ...['diatas', 'sesuai', 'dibawah'].map((t) => r.querySelector(`[data-tingkat=${t}]`).textContent),
    ]));
    assert.deepEqual(blok, NILAI.map((n, i) => (i === 6
      // Kolaboratif: staf3 above, staf4 meets, staf1 below.
      ? [n, 'rekan', '3', '1', '1', '1']
      : [n, 'rekan', '3', '2', '1', '0'])));
    assert.deepEqual(await page.locator('[data-nilai=berorientasi_pelayanan] [data-testid=catatan-360] li').allTextContents(),
      ['Selalu ramah melayani peserta', 'Teliti mengolah data'], 'the comments, sorted, not paired with ratings');
    await screenshot(page, 'umpan-balik-hasil-ponsel-id');
    // Nowhere a rater's name or NIP: not in the text, not in the HTML.
    const html = await page.content();
    const teks = await page.locator('body').innerText();
    for (const r of ['staf1', 'staf3', 'staf4']) {
      for (const x of [NAMA[r], NIP[r], c.id[r]]) {
        assert.ok(!html.includes(x) && !teks.includes(x), `${r} (${x}) shown to the ratee`);
      }
    }
    await page.getByTestId('ganti-bahasa').click();
    await page.setViewportSize(VIEWPORTS.tablet);
    assert.equal(await page.locator('[data-nilai=kolaboratif] h3').textContent(), 'Collaborative');
    await screenshot(page, 'umpan-balik-hasil-tablet-en');
    await page.getByTestId('ganti-bahasa').click();
    await screenshot(page, 'umpan-balik-hasil-tablet-id');
    await aksesibel(page, '/hasil/umpan-balik (the aggregate)');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(problems, []);

    // --- after the deadline a rater's form is read only
    await masukSebagai(browser, page, c.server.base, 'staf4');
    await page.goto(`${c.server.base}/hasil/360`);
    await page.getByTestId('ditutup').waitFor();
    assert.equal(await page.getByTestId('simpan-360').count(), 0);
    assert.equal(await page.locator('[data-nilai=loyal] input[value=diatas_ekspektasi]').isChecked(), true, 'the answer as given');
    assert.equal(await page.locator('[data-nilai=loyal] input[value=diatas_ekspektasi]').isDisabled(), true);
    await page.close();
  } finally {
    await browser.close();
    await c.server.stop();
  }
});

test('two peers are below the threshold: the ratee sees that nothing can be shown, and proposes and withdraws in the browser', async () => {
  const c = await siapkan();
  const browser = await launchBrowser();
  await installCspProbe(browser.context);
  try {
    const { page, problems } = await halamanBaru(browser, { width: 390, height: 844 });
    await masukSebagai(browser, page, c.server.base, 'staf3');
    await page.goto(`${c.server.base}/hasil/umpan-balik`);
    await page.getByTestId('form-usulan').waitFor();
    // staf3 proposes two colleagues found by name, and withdraws one.
    for (const [cari, nama] of [['putri', NAMA.staf4], ['rizky', NAMA.staf1]]) {
      await page.locator('#cari-rekan').fill(cari);
      await page.getByTestId('pilih-rekan').filter({ hasText: nama }).click();
      await page.getByTestId('usulkan').click();
      await page.getByTestId('usulan').filter({ hasText: nama }).waitFor();
    }
    // Sorted by name; both waiting for the penilai.
    const usulan = await page.getByTestId('usulan').allTextContents();
    assert.deepEqual(usulan.map((t) => [t.startsWith(NAMA.staf4) || t.startsWith(NAMA.staf1), /Menunggu konfirmasi/.test(t)]),
      [[true, true], [true, true]]);
    assert.ok(usulan[0].startsWith(NAMA.staf4), usulan[0]);
    await screenshot(page, 'umpan-balik-usulan-ponsel-id');
    await page.getByTestId('usulan').filter({ hasText: NAMA.staf1 }).getByTestId('tarik').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=usulan]').length === 1);
    // The penilai sees one proposal (the withdrawn one is gone), confirms it, and sets another peer.
    const daftar = await c.sesi.kabid1.get(`/api/v1/penilai-360?periode_id=${c.periode.id}&pegawai_id=${c.id.staf3}`);
    assert.deepEqual(daftar.penilai.map((p) => [p.penilai.nama, p.status]), [[NAMA.staf4, 'diusulkan']]);
    await c.sesi.kabid1.post(`/api/v1/penilai-360/${daftar.penilai[0].id}/konfirmasi`);
    await tetapkanPenilai(c, 'staf3', 'staf2');
    // Both answer (through the API), with comments.
    for (const r of ['staf4', 'staf2']) {
      const [t] = await c.sesi[r].get('/api/v1/tugas-360');
      await c.sesi[r].put(`/api/v1/tugas-360/${t.id}`, {
        version: 0,
        penilaian: NILAI.map((nilai) => ({ nilai, rating: 'diatas_ekspektasi', catatan: `RAHASIA-${r}` })),
      });
    }
    await tutup(c);
    await page.reload();
    await page.getByTestId('catatan-anonimitas').waitFor();
    // Two peers are fewer than the threshold of 3 and there is no other
    // group to pool with: the domain suppresses them, comments included.
    assert.equal(await page.getByTestId('blok').count(), 0);
    assert.equal(await page.getByTestId('tidak-ditampilkan').count(), 7);
    assert.match(await page.getByTestId('tidak-ditampilkan').first().textContent(), /kurang dari 3 penilai tidak ditampilkan/);
    const html = await page.content();
    assert.ok(!html.includes('RAHASIA'), 'no suppressed comment');
    for (const x of [NAMA.staf2, NIP.staf2, c.id.staf2]) assert.ok(!html.includes(x), `the rater the penilai set (${x}) is not shown`);
    assert.match(await page.getByTestId('jumlah-360').textContent(), /Rekan kerja setingkat: 2 penilai dikonfirmasi/);
    // Closed: no more proposals.
    assert.equal(await page.getByTestId('form-usulan').count(), 0);
    await screenshot(page, 'umpan-balik-disembunyikan-ponsel-id');
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await browser.close();
    await c.server.stop();
  }
});

test("the penilai's feedback shows with its giver; asking for feedback tells the penilai; an answer typed offline arrives later", async () => {
  const c = await siapkan();
  const browser = await launchBrowser();
  await installCspProbe(browser.context);
  try {
    // staf4's set SKP gets the penilai's scheduled feedback of this sub-period.
    const skp = await tetapkanSkp(NIP.staf4, NIP.kabid1, c.server.base, 'Terlaksananya pengolahan data pelatihan');
    const q = await c.sesi.kabid1.get(`/api/v1/penilai/umpan-balik?periode_id=${c.periode.id}`);
    const baris = q.item.find((i) => i.skp_id === skp.id);
    await c.sesi.kabid1.put(`/api/v1/umpan-balik/${crypto.randomUUID()}`, {
      skp_id: skp.id, ke: q.ke, bentuk: 'berkala', version: 0,
      item: [
        ...baris.rhk.map((r) => ({ objek: { jenis: 'rhk', rhk: r.id }, rating: 'diatas_ekspektasi', isi: 'Data pelatihan rapi dan tepat waktu.' })),
        { objek: { jenis: 'perilaku', nilai: 'kolaboratif' }, isi: 'Aktif membantu rekan.' },
      ],
    });
    let { page, problems } = await halamanBaru(browser, { width: 390, height: 844 });
    await masukSebagai(browser, page, c.server.base, 'staf4');
    await page.getByTestId('jalan-umpan-balik').getByRole('link', { name: 'Umpan balik', exact: true }).click();
    await page.getByTestId('lembar').waitFor();
    assert.equal(await page.getByTestId('pemberi').textContent(), 'Siti Rahmawati');
    assert.equal(await page.getByTestId('peran').textContent(), 'Pejabat penilai');
    assert.equal(await page.getByTestId('lembar').getAttribute('data-bentuk'), 'berkala');
    assert.deepEqual(await page.getByTestId('isi-ub').allTextContents(), ['Data pelatihan rapi dan tepat waktu.', 'Aktif membantu rekan.']);
    assert.match(await page.getByTestId('item-ub').first().textContent(), /RHK Terlaksananya pengolahan data pelatihan/);
    assert.match(await page.getByTestId('sub-periode').locator('h2').textContent(), /^(Triwulan [IV]+|\S+) \d{4}$/);
    await screenshot(page, 'umpan-balik-ponsel-id');
    // Asking: the penilai is told; asking again within 24 hours is refused, said on the page.
    await page.getByTestId('minta-umpan-balik').click();
    await page.waitForFunction(() => /Permintaan terkirim/.test(document.querySelector('[data-testid=minta-status]')?.textContent ?? ''));
    const kabar = await c.sesi.kabid1.get('/api/v1/notifikasi');
    assert.ok(kabar.item.some((n) => n.peristiwa === 'umpan_balik_diminta' && n.skp_id === skp.id), 'the penilai is told');
    await page.getByTestId('minta-umpan-balik').click();
    await page.getByTestId('minta-galat').waitFor();
    assert.equal(await page.getByTestId('minta-galat').textContent(), 'Anda sudah meminta umpan balik dalam 24 jam terakhir.');
    // Said on the page, with nothing to apply again: not left among the sync bar's refused changes.
    await page.waitForFunction(() => document.querySelector('[data-testid=ditolak]')?.hidden === true);
    await page.getByTestId('ganti-bahasa').click();
    await screenshot(page, 'umpan-balik-ponsel-en');
    await page.setViewportSize(VIEWPORTS.tablet);
    await screenshot(page, 'umpan-balik-tablet-en');
    await page.getByTestId('ganti-bahasa').click();
    await screenshot(page, 'umpan-balik-tablet-id');
    await aksesibel(page, '/hasil/umpan-balik (feedback received)');
    assert.deepEqual(problems, []);
    // The penilai's notification of the request leads to their feedback queue.
    await masukSebagai(browser, page, c.server.base, 'kabid1');
    await page.goto(`${c.server.base}/notifikasi`);
    await page.locator('[data-testid=notifikasi-item][data-jenis=umpan_balik_diminta] button').click();
    await page.waitForURL((u) => u.pathname === '/unit/umpan-balik');
    await page.close();

    // --- staf1 rates staf2; what is typed survives a reload, and a save with no connection waits.
    await tetapkanPenilai(c, 'staf2', 'staf1');
    ({ page, problems } = await halamanBaru(browser, { width: 390, height: 844 }));
    await masukSebagai(browser, page, c.server.base, 'staf1');
    // The request's notification leads to the request.
    await page.goto(`${c.server.base}/notifikasi`);
    await page.locator('[data-testid=notifikasi-item][data-jenis=permintaan_360] button').click();
    await page.getByTestId('form-360').waitFor();
    assert.equal(new URL(page.url()).pathname, '/hasil/360');
    await page.locator('[data-nilai=loyal] input[value=diatas_ekspektasi]').check();
    await page.locator('#c360-loyal').fill('Menjaga rahasia jabatan');
    await page.reload();
    await page.getByTestId('dipulihkan').waitFor();
    assert.equal(await page.locator('[data-nilai=loyal] input[value=diatas_ekspektasi]').isChecked(), true);
    assert.equal(await page.locator('#c360-loyal').inputValue(), 'Menjaga rahasia jabatan');
    await tungguStatus(page, 'berubah');
    await browser.context.setOffline(true);
    try {
      await jawab(page, (i) => (i === 4 ? 'diatas_ekspektasi' : 'sesuai_ekspektasi'));
      await page.getByTestId('simpan-360').click();
      await tungguStatus(page, 'perangkat');
      assert.equal(await page.getByTestId('status-simpan').textContent(), 'Tersimpan di perangkat ini; dikirim saat tersambung');
      await screenshot(page, 'tugas-360-luring-ponsel-id');
      const [t] = await c.sesi.staf1.get('/api/v1/tugas-360');
      assert.equal(t.jawaban, null, 'nothing reached the server');
    } finally {
      await browser.context.setOffline(false);
    }
    await tungguStatus(page, 'server', 30_000);
    const [t] = await c.sesi.staf1.get('/api/v1/tugas-360');
    assert.equal(t.jawaban.version, 1);
    assert.deepEqual(t.jawaban.penilaian.map((j) => j.rating),
      NILAI.map((_, i) => (i === 4 ? 'diatas_ekspektasi' : 'sesuai_ekspektasi')));
    assert.equal(t.jawaban.penilaian[4].catatan, 'Menjaga rahasia jabatan');
    assert.deepEqual(problems.filter((p) => !/Failed to load resource|net::ERR_INTERNET_DISCONNECTED/.test(p)), []);
    await page.close();
  } finally {
    await browser.close();
    await c.server.stop();
  }
});
