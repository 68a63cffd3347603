// The planning stage in a real browser: a pegawai drafts an SKP while the
// preview updates (computed in the browser, no server round trip), submits
// it; the penilai returns it on a tablet; the pegawai fixes and resubmits;
// the penilai approves. Screenshots of each main screen at three sizes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, startServer, launchBrowser, watchProblems, installCspProbe, screenshot, login, NIP, VIEWPORTS, apiSession, ajukanSkp, rencana, navigasi, tungguSimpan,
  ajukanDiEditor, setujuiDiTinjauan,
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

async function shots(page, name) {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await screenshot(page, `${name}-${size}`);
  }
}

const RHK_ATASAN = 'Meningkatnya kompetensi aparatur bidang pengembangan';

test('a pegawai drafts and submits; the penilai returns, then approves', async () => {
  // The penilai has planned first: their SKP has the RHK the pegawai's intervenes.
  const kabid1 = await apiSession(server.base, NIP.kabid1);
  const [periode] = await kabid1.get('/api/v1/org/periode');
  await kabid1.post('/api/v1/skp', { periode_id: periode.id, rencana: rencana(RHK_ATASAN, { id: 'rhk-a1', indikator: false }) });
  // --- the pegawai, on a phone-sized screen
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.phone);
  await login(page, server.base, NIP.staf2);
  assert.match(await page.getByTestId('tugas').textContent(), /Susun SKP/);
  assert.equal(await page.getByTestId('tenggat').count(), 1, 'the deadline while the SKP is being planned');
  assert.match(await page.getByTestId('tenggat').textContent(), /paling lambat 31 Januari \d{4}/, 'the date as people write it');
  // staf2 rates nobody: no page for reviewing subordinates is offered.
  const tinjauBawahan = async (p) => (await navigasi(p)).getByRole('link', { name: 'Penilaian bawahan' });
  assert.equal(await (await tinjauBawahan(page)).count(), 0);
  await shots(page, 'beranda');
  await page.setViewportSize(VIEWPORTS.phone);
  await page.getByTestId('buat-skp').click();
  await page.getByTestId('editor-skp').waitFor();
  assert.equal(await page.getByTestId('status-skp').first().getAttribute('data-status'), 'draf');

  await page.getByTestId('tambah-rhk-utama').click();
  const rhk = page.getByTestId('rhk').first();
  // A new RHK does not open all red: a field speaks once it was left or typed in.
  await rhk.getByTestId('iki-satuan').waitFor();
  assert.equal(await page.locator('.galat-field li').count(), 0, 'no messages before anything was touched');
  await rhk.getByTestId('rhk-uraian').focus();
  await rhk.getByTestId('iki-uraian').focus();
  await rhk.getByTestId('iki-target').focus();
  await page.locator('[id$="-uraian-galat"] li').nth(1).waitFor();
  assert.match(await rhk.locator('.baris').first().locator('.galat-field').textContent(), /Wajib diisi/);
  // Only the fields left: the target (focused, not left) and the satuan say nothing yet.
  assert.equal(await page.locator('[id$="-target-galat"] li, [id$="-satuan-galat"] li').count(), 0);
  await rhk.getByTestId('rhk-uraian').fill('Terlaksananya pelatihan teknis kepegawaian');
  // The RHK it intervenes: picked from the penilai's own plan.
  await rhk.getByTestId('rhk-atasan').selectOption({ label: RHK_ATASAN });
  await rhk.getByTestId('iki-uraian').fill('Persentase peserta yang lulus pelatihan');
  await rhk.getByTestId('iki-target').fill('80');
  await rhk.getByTestId('iki-target-maks').fill('90');
  await rhk.getByTestId('iki-satuan').fill('persen');
  // The preview follows every keystroke of the realisation. Its place is
  // kept before the first digit (a hint stands in it), so nothing below it
  // moves when the preview appears.
  const realisasi = rhk.getByTestId('iki-realisasi');
  const petunjukKosong = rhk.getByTestId('pratinjau-iki-kosong');
  assert.equal(await petunjukKosong.isVisible(), true);
  assert.equal(await rhk.getByTestId('pratinjau-iki').getByTestId('penjelasan').locator('button').isVisible(), false);
  // Where the button below the preview sits on the page (not in the window: typing scrolls).
  const yHapus = () => rhk.getByTestId('hapus-iki').evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  const yHapusAwal = await yHapus();
  await realisasi.fill('95');
  const saran = page.getByTestId('saran-rating');
  await page.waitForFunction(() => document.querySelector('[data-testid=saran-rating]')?.dataset.rating === 'diatas_ekspektasi');
  assert.equal(await petunjukKosong.isVisible(), false);
  assert.equal(await yHapus(), yHapusAwal);
  await realisasi.fill('85');
  await page.waitForFunction(() => document.querySelector('[data-testid=saran-rating]')?.dataset.rating === 'sesuai_ekspektasi');
  assert.equal(await saran.getAttribute('data-rating'), 'sesuai_ekspektasi');
  assert.equal(await page.getByTestId('predikat-pratinjau').getAttribute('data-predikat'), 'baik');
  // Nur Aisyah is an Analis SDM Aparatur Ahli Pertama: the preview also gives
  // her angka kredit, 12.5 a year at Baik (100 % of the coefficient).
  await page.waitForFunction(() => /12[,.]5/.test(document.querySelector('[data-testid=angka-kredit]')?.textContent ?? ''));
  // The indicator's explanation, opened, says why 85 meets the 80–90 target.
  const jelas = rhk.getByTestId('pratinjau-iki').getByTestId('penjelasan');
  assert.equal((await jelas.locator('button').textContent()).trim(), 'Tampilkan penjelasan');
  await jelas.locator('button').click();
  assert.equal(await jelas.locator('button').getAttribute('aria-expanded'), 'true');
  assert.equal((await jelas.locator('button').textContent()).trim(), 'Sembunyikan penjelasan');
  await jelas.locator('ol li').nth(1).waitFor();
  assert.match(await jelas.locator('ol').textContent(), /Target 80–90 persen[\s\S]*Realisasi 85 persen memenuhi target/);
  // A keystroke changes the values in the previews, not their elements, and
  // an open explanation follows the realisation.
  const saranLama = await saran.elementHandle();
  await realisasi.fill('95');
  await page.waitForFunction(() => document.querySelector('[data-testid=saran-rating]')?.dataset.rating === 'diatas_ekspektasi');
  assert.equal(await saranLama.evaluate((el) => el.isConnected), true);
  await page.waitForFunction((ol) => /Realisasi 95 persen/.test(ol.textContent), await jelas.locator('ol').elementHandle());
  await realisasi.fill('85');
  await page.waitForFunction(() => document.querySelector('[data-testid=saran-rating]')?.dataset.rating === 'sesuai_ekspektasi');
  await page.getByTestId('rating-perilaku-pratinjau').selectOption('dibawah_ekspektasi');
  assert.equal(await page.getByTestId('predikat-pratinjau').getAttribute('data-predikat'), 'kurang');
  // A realisation that is not a number says why it has no preview, under
  // its field; a number again clears the message.
  await realisasi.fill('abc');
  await page.waitForFunction(() => /angka/.test(document.querySelector('[id$="-realisasi-galat"]')?.textContent ?? ''));
  assert.equal(await petunjukKosong.isVisible(), true);
  assert.equal(await jelas.locator('button').isVisible(), false);
  await realisasi.fill('85');
  await page.waitForFunction(() => document.querySelector('[id$="-realisasi-galat"] li') === null);
  // A field error appears under its field as soon as the input is wrong.
  await rhk.getByTestId('iki-target').fill('delapan puluh');
  await page.getByTestId('pratinjau-belum').waitFor();
  // The indicator's preview then says what it waits for.
  assert.match(await petunjukKosong.textContent(), /Pratinjau muncul setelah isian rencana lengkap/);
  assert.notEqual(await page.locator('[id$="-target-galat"] li').count(), 0);
  // A marked field has one message, is marked invalid for assistive
  // technology, and has a visible red border.
  const target = rhk.getByTestId('iki-target');
  assert.equal(await target.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('[id$="-target-galat"] li').count(), 1);
  assert.equal(await target.evaluate((el) => getComputedStyle(el).borderTopColor), 'rgb(166, 27, 27)');
  await rhk.getByTestId('iki-target').fill('80');
  // Submitting a plan with a field left empty does not ask: it takes the
  // pegawai to the first field with a message, here the uraian of an empty
  // RHK added last. (A new RHK takes the focus to its first field; the
  // click takes it to the button.) Meanwhile the half-typed plan is saved.
  await page.getByTestId('tambah-rhk-tambahan').click();
  const kosong = page.getByTestId('rhk').nth(1);
  const idKosong = await kosong.getByTestId('rhk-uraian').getAttribute('id');
  await page.waitForFunction((id) => document.activeElement?.id === id, idKosong);
  await page.getByTestId('ajukan').click();
  await page.waitForFunction((id) => document.activeElement?.id === id, idKosong);
  assert.equal(await page.getByTestId('konfirmasi-ajukan').count(), 0, 'not asked');
  // Above the buttons, the fields to fix, each once, as links.
  assert.deepEqual(
    await page.getByTestId('ringkasan-galat').locator('li a').allTextContents(),
    ['RHK 2 · Uraian hasil kerja', 'RHK 2 · Indikator 1 · Uraian indikator', 'RHK 2 · Indikator 1 · Target (atau batas bawah)', 'RHK 2 · Indikator 1 · Satuan'],
  );
  await screenshot(page, 'ringkasan-galat-ponsel');
  await tungguSimpan(page);
  // Removing an RHK with something typed in it asks first; "no" keeps it.
  await kosong.getByTestId('rhk-uraian').fill('Sementara');
  const tanya = [];
  page.once('dialog', (d) => { tanya.push(d.message()); d.dismiss(); });
  await kosong.getByTestId('hapus-rhk').click();
  assert.deepEqual(tanya, ['Hapus RHK ini beserta semua indikatornya?']);
  assert.equal(await page.getByTestId('rhk').count(), 2);
  page.once('dialog', (d) => d.accept());
  await kosong.getByTestId('hapus-rhk').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=rhk]').length === 1);
  // The lampiran, one item per line: a line too long is said under its list
  // as it is typed (naming the line), and goes when it is shortened.
  const konsekuensi = page.getByTestId('lampiran-konsekuensi');
  await page.getByTestId('lampiran-sumber-daya').fill('Anggaran diklat DIPA 2026\n\nRuang kelas dan LMS');
  // (An item, not a line: the blank line is none.)
  await konsekuensi.fill(`Teguran tertulis\n\n${'x'.repeat(1001)}`);
  await page.waitForFunction(() => /Butir 2:/.test(document.getElementById('lampiran-konsekuensi-galat')?.textContent ?? ''));
  assert.equal(await page.locator('#lampiran-sumber-daya-galat li').count(), 0, 'the other lists stay quiet');
  await konsekuensi.fill('Teguran tertulis\nPenundaan tunjangan kinerja');
  await page.waitForFunction(() => document.querySelector('#lampiran-konsekuensi-galat li') === null);
  await shots(page, 'editor-skp');
  await page.setViewportSize(VIEWPORTS.phone);

  // Submitting asks first, as approving does; "Batal" leaves the draft as it is.
  await page.getByTestId('ajukan').click();
  const tanyaAjukan = page.getByTestId('konfirmasi-ajukan');
  await tanyaAjukan.waitFor();
  assert.match(await tanyaAjukan.textContent(), /Ajukan SKP ini ke pejabat penilai\?/);
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'ajukan-ya');
  await screenshot(page, 'ajukan-tanya-ponsel');
  await page.getByTestId('ajukan-batal').click();
  assert.equal(await tanyaAjukan.count(), 0);
  assert.equal(await page.getByTestId('status-skp').first().getAttribute('data-status'), 'draf');
  await page.getByTestId('ajukan').click();
  await page.getByTestId('ajukan-ya').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=status-skp]')?.dataset.status === 'diajukan');
  // Said where the buttons were, not only in the badge at the top.
  assert.match(await page.getByTestId('sudah-diajukan').textContent(), /menunggu persetujuannya/);
  // A submitted SKP is no longer a form: it reads as the SKP document.
  const skpUrl = page.url();
  assert.equal(await page.getByTestId('rhk-uraian').count(), 0, 'no fields to type in');
  await page.getByTestId('lihat-dokumen').click();
  await page.waitForURL(skpUrl.replace('/skp/', '/dokumen/'));
  const dokumen = page.getByTestId('dokumen-skp');
  await dokumen.waitFor();
  assert.match(await dokumen.locator('h2').first().textContent(), /Sasaran Kinerja Pegawai/);
  assert.equal(await page.getByTestId('dok-nama').textContent(), 'Nur Aisyah');
  assert.deepEqual(await page.getByTestId('dok-uraian').allTextContents(), ['Terlaksananya pelatihan teknis kepegawaian']);
  assert.equal(await page.getByTestId('dok-perilaku').count(), 7, 'the seven BerAKHLAK values');
  assert.match(await page.getByTestId('dok-ditetapkan').textContent(), /Belum ditetapkan/);
  assert.equal(await dokumen.locator('input, textarea, select').count(), 0);
  await screenshot(page, 'dokumen-skp-ponsel');
  // Printed: the bar, the sync bar and the buttons stay off the paper.
  await page.emulateMedia({ media: 'print' });
  for (const sel of ['header.bar', '[data-testid=cetak]', '[data-testid=kepala-dokumen]', '.kaki']) {
    assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} is not printed`);
  }
  assert.equal(await dokumen.isVisible(), true);
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
  writeFileSync(join(ROOT, 'artifacts', 'dokumen-skp.pdf'), await page.pdf({ format: 'A4', printBackground: true }));
  await page.emulateMedia({ media: 'screen' });
  await page.getByTestId('ganti-bahasa').click();
  await dokumen.locator('h2', { hasText: 'Employee Performance Plan (SKP)' }).waitFor();
  await screenshot(page, 'dokumen-skp-ponsel-en');
  await page.getByTestId('ganti-bahasa').click();

  // --- the penilai, on a tablet
  const tablet = await tabletBrowser.context.newPage();
  const tabletProblems = watchProblems(tablet);
  await tablet.setViewportSize(VIEWPORTS.tablet);
  await login(tablet, server.base, NIP.kabid1);
  await (await tinjauBawahan(tablet)).waitFor(); // kabid1 rates staf2: the review page is offered
  // The dashboard says that a subordinate's SKP waits, and leads to the queue.
  assert.match(await tablet.getByTestId('menunggu-tinjauan').textContent(), /[1-9]\d* SKP bawahan menunggu tinjauan Anda/);
  await tablet.getByTestId('menunggu-tinjauan').getByRole('link').click();
  await tablet.waitForURL(/\/penilai$/);
  const item = tablet.locator('[data-testid=antrian-item][data-status=diajukan]').first();
  await item.waitFor();
  // The queue's columns line up from one subordinate to the next, and the
  // bar is one row, also on a tablet held upright, in either language.
  const satuBaris = async (keadaan) => {
    const [nav, aksi] = await Promise.all(['nav', '.aksi-bar'].map((s) => tablet.locator(s).first().boundingBox()));
    assert.ok(Math.abs(nav.y + nav.height / 2 - (aksi.y + aksi.height / 2)) < 8, `the bar is one row ${keadaan}`);
  };
  for (const size of ['tablet', 'tablet-tegak']) {
    await tablet.setViewportSize(VIEWPORTS[size]);
    const kiri = await tablet.locator('[data-testid=antrian-item] .jabatan').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));
    assert.ok(kiri.length > 1 && new Set(kiri).size === 1, `job titles start at ${kiri} at ${size}`);
    await satuBaris(`at ${size}`);
  }
  for (const lang of ['en', 'id']) {
    await tablet.getByTestId('ganti-bahasa').click();
    await tablet.waitForFunction((l) => document.documentElement.lang === l, lang);
    await satuBaris(`at tablet-tegak in ${lang}`);
  }
  await shots(tablet, 'antrian');
  await tablet.setViewportSize(VIEWPORTS.tablet);
  await item.getByTestId('tinjau').click();
  await tablet.getByTestId('tinjau-skp').waitFor();
  // The plan reads as the SKP document.
  assert.equal(await tablet.getByTestId('dok-rhk').count(), 1);
  // Beside the pegawai's RHK, the penilai's own RHK it intervenes.
  assert.equal((await tablet.getByTestId('dok-rhk').locator('td').nth(1).textContent()).trim(), RHK_ATASAN);
  // The whole plan is there to judge: the RHK's kind (its part of the
  // table), each indicator's aspect and direction, and the lampiran.
  assert.deepEqual(
    await tablet.getByTestId('dokumen-skp').locator('tr.bagian, [data-testid=dok-uraian]').allTextContents(),
    ['A. Utama', 'Terlaksananya pelatihan teknis kepegawaian', 'B. Tambahan'],
  );
  assert.equal(await tablet.getByTestId('dok-aspek').textContent(), 'Kuantitas · Makin besar makin baik');
  // The lampiran as typed, line by line (the blank line left out).
  assert.deepEqual(
    await tablet.getByTestId('dok-lampiran').locator('li').allTextContents(),
    ['Anggaran diklat DIPA 2026', 'Ruang kelas dan LMS', 'Teguran tertulis', 'Penundaan tunjangan kinerja'],
  );
  await shots(tablet, 'tinjau');
  await tablet.setViewportSize(VIEWPORTS.tablet);
  // Returning without notes is refused on the spot.
  await tablet.getByTestId('kembalikan').click();
  await tablet.locator('.keputusan .galat[role=alert]').first().waitFor();
  await tablet.getByTestId('catatan').fill('Naikkan target menjadi 90–95 persen.');
  await tablet.getByTestId('kembalikan').click();
  await tablet.waitForFunction(() => document.querySelector('[data-testid=status-skp]')?.dataset.status === 'dikembalikan');
  // What was decided shows, with the note sent; not that the SKP "cannot be reviewed".
  assert.match(await tablet.getByTestId('catatan-terkirim').textContent(), /Naikkan target menjadi 90–95 persen/);
  assert.equal(await tablet.getByTestId('tidak-bisa-ditinjau').count(), 0);

  // --- the pegawai fixes and resubmits (returned, the plan is a form again)
  await page.goto(skpUrl);
  await page.getByTestId('catatan-penilai').waitFor();
  assert.match(await page.getByTestId('catatan-penilai').textContent(), /Naikkan target/);
  const rhk2 = page.getByTestId('rhk').first();
  await rhk2.getByTestId('iki-target').fill('90');
  await rhk2.getByTestId('iki-target-maks').fill('95');
  await ajukanDiEditor(page);

  // Meanwhile a second subordinate submits too (through the API).
  const lain = await ajukanSkp('199107172017011007', server.base, 'Terselenggaranya pelatihan kepemimpinan', { rhkAtasan: 'rhk-a1' });

  // --- the penilai approves, then moves to the next submitted SKP without the list
  await tablet.goto(server.base + '/penilai');
  const dimuat = []; // the paths the tablet asked for, in order
  const selesai = []; // and those whose answer arrived
  const catat = (r) => dimuat.push(new URL(r.url()).pathname);
  const catatSelesai = (r) => selesai.push(new URL(r.url()).pathname);
  tablet.on('request', catat);
  tablet.on('requestfinished', catatSelesai);
  await tablet.locator('[data-testid=antrian-item][data-status=diajukan]', { hasText: 'Nur Aisyah' }).getByTestId('tinjau').click();
  await tablet.getByTestId('tinjau-skp').waitFor();
  // The next SKP (the only other one waiting) is fetched while this one is read...
  const dimuka = [`/api/v1/skp/${lain.id}`, `/api/v1/skp/${lain.id}/rhk-atasan`];
  for (let i = 0; i < 100 && !dimuka.every((p) => selesai.includes(p)); i++) await tablet.waitForTimeout(100);
  assert.deepEqual(dimuka.filter((p) => !selesai.includes(p)), [], 'fetched ahead');
  // Approval sets the SKP: asked first, with the focus on the answer;
  // "Batal" leaves it submitted.
  await tablet.getByTestId('setujui').click();
  await tablet.waitForFunction(() => document.activeElement?.dataset.testid === 'setujui-ya');
  await tablet.getByTestId('setujui-batal').click();
  assert.equal(await tablet.getByTestId('konfirmasi-setujui').count(), 0);
  assert.equal(await tablet.getByTestId('status-skp').first().getAttribute('data-status'), 'diajukan');
  await setujuiDiTinjauan(tablet);
  await tablet.getByTestId('hasil-keputusan').waitFor();
  const sebelumBerikutnya = dimuat.length;
  await tablet.getByTestId('berikutnya').click();
  await tablet.waitForFunction(() => /Agus Setiawan/.test(document.querySelector('[data-testid=tinjau-skp] h1')?.textContent ?? ''));
  // ...so moving on shows it without asking for it again (a request is
  // reported when it is sent, before the page could show its answer).
  assert.deepEqual(dimuat.slice(sebelumBerikutnya).filter((p) => dimuka.includes(p)), []);
  tablet.off('request', catat);
  tablet.off('requestfinished', catatSelesai);
  assert.match(tablet.url(), new RegExp(`/penilai/skp/${lain.id}$`));
  assert.equal(await tablet.getByTestId('status-skp').first().getAttribute('data-status'), 'diajukan');
  await setujuiDiTinjauan(tablet);
  // Nothing else waits, so there is no "next".
  await tablet.getByTestId('tidak-ada-lagi').waitFor();
  // The pegawai's dashboard: set, so no deadline to meet any more.
  await page.goto(server.base + '/');
  await page.getByTestId('dasbor').waitFor();
  assert.match(await page.getByTestId('tugas').textContent(), /sudah ditetapkan/);
  assert.equal(await page.getByTestId('tenggat').count(), 0);

  const ignore = (p) => !/status of (40[19]|422)/.test(p); // refusals the test provokes on purpose
  assert.deepEqual(problems.filter(ignore), []);
  assert.deepEqual(tabletProblems.filter(ignore), []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(await tablet.evaluate(() => window.__cspViolations), []);
  await page.close();
  await tablet.close();
});

test('a period under PermenPANRB 8/2021 previews capaian and nilai as typed, in the browser alone; "lower is better" turns the capaian round', async () => {
  // The worked cases of the regulation (vectors/, the project's copy), not the app's own numbers.
  const vektor = JSON.parse(readFileSync(join(ROOT, 'vectors/permenpanrb-8-2021-capaian-iki.json'), 'utf8')).cases;
  const kasus = (nama) => vektor.find((c) => c.name === nama);
  const persen = (x) => `${String(x).replace('.', ',')}%`;
  const admin = await apiSession(server.base, NIP.admin);
  const periode = await admin.post('/api/v1/org/periode', {
    tahun: 2021, rule_set: 'permenpanrb_8_2021', mulai: '2021-07-01', selesai: '2021-12-31',
  });
  assert.equal(periode.rule_set, 'permenpanrb_8_2021');
  const staf7 = '199606112023211011'; // Yusuf Hidayat
  const s = await apiSession(server.base, staf7);
  // His penilai in that period, as in this one: Budi Santoso (kabid2).
  const idPegawai = async (sesi) => (await sesi.get('/api/v1/auth/session')).session.pegawai_id;
  await admin.put('/api/v1/org/atasan', {
    periode_id: periode.id, pegawai_id: await idPegawai(s),
    penilai_id: await idPegawai(await apiSession(server.base, '198206252006041001')),
    atasan_penilai_id: null, berlaku_mulai: '2021-07-01',
  });
  const rencanaLama = rencana('Terkelolanya layanan operasional kantor');
  Object.assign(rencanaLama.rhk[0].indikator[0], { target: '80', target_maks: '90', satuan: 'persen' });
  const skp = await s.post('/api/v1/skp', { periode_id: periode.id, rencana: rencanaLama });

  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.tablet);
  await browser.context.clearCookies();
  await login(page, server.base, staf7);
  await page.goto(`${server.base}/skp/${skp.id}`);
  await page.getByTestId('editor-skp').waitFor();
  // From here every number comes from the wasm: no request leaves the page.
  const diminta = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/')) diminta.push(r.url()); });
  const pratinjau = page.getByTestId('pratinjau-iki').first();
  const ketik = async (nilai, c) => {
    await page.locator('#iki-1-realisasi').fill(nilai);
    await page.waitForFunction(
      (teks) => document.querySelector('[data-testid=pratinjau-iki]')?.textContent.includes(teks),
      `Capaian ${persen(c.expect.capaian_persen)}`,
    );
  };
  const normal = kasus('normal target 80-90 realisasi 92');
  await ketik('92', normal);
  assert.match(await pratinjau.textContent(), /Nilai \d+(,\d+)?/, 'the nilai beside the capaian');
  assert.equal(await page.getByTestId('nilai-skp').isVisible(), true, 'the SKP score in the summary');
  await ketik('70', kasus('normal target 80-90 realisasi 70'));
  // "Makin kecil makin baik" on a 7–8 target: 6,5 is better than the range, 9 worse.
  await page.locator('#iki-1-target').fill('7');
  await page.locator('#iki-1-target-maks').fill('8');
  await page.locator('#iki-1-polaritas').selectOption('khusus');
  await ketik('6,5', kasus('khusus target 7-8 realisasi 6.5'));
  await ketik('9', kasus('khusus target 7-8 realisasi 9'));
  assert.deepEqual(diminta, [], 'the preview asked the server nothing');
  assert.deepEqual(problems, []);
  await page.close();
});

test('on the dashboard a missed deadline for setting the SKP is a warning, in words as well as colour, in both languages', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize(VIEWPORTS.phone);
  // The browser's today: a month after the deadline of this year's period (31 January).
  const tahun = new Date().getFullYear();
  await page.clock.setFixedTime(new Date(`${tahun}-03-02T10:00:00+07:00`));
  await browser.context.clearCookies();
  await login(page, server.base, '199402202020122010'); // Maya Sari, no SKP yet
  const terlambat = page.getByTestId('tenggat').getByTestId('terlambat');
  assert.match(await terlambat.textContent(), /^⚠ Terlambat \d+ hari kerja$/);
  const gaya = await terlambat.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).fontWeight]);
  assert.notEqual(gaya[0], 'rgba(0, 0, 0, 0)', 'a warning background');
  assert.ok(Number(gaya[1]) >= 600, 'bold');
  await screenshot(page, 'beranda-terlambat-ponsel');
  await page.getByTestId('ganti-bahasa').click();
  await terlambat.getByText(/Late by \d+ working days$/).waitFor();
  await page.getByTestId('ganti-bahasa').click();
  // Before the deadline: the days left, no warning.
  await page.clock.setFixedTime(new Date(`${tahun}-01-20T10:00:00+07:00`));
  await page.reload();
  await page.getByTestId('tenggat').waitFor();
  assert.equal(await page.getByTestId('terlambat').count(), 0);
  assert.match(await page.getByTestId('tenggat').textContent(), /\(\d+ hari kerja lagi\)/);
  await page.close();
});
