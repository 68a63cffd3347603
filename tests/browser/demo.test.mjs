// The demo as a newcomer meets it after `make run` (issue 23, "Done when"):
// the server seeds the year so far (`--demo-kegiatan`), and with the demo
// accounts only, Maya Sari records a month's realisasi with a photo on a
// phone; her penilai Budi Santoso gives the month's feedback to his unit on
// a tablet, one subordinate after another; the three colleagues the seed
// asked answer Maya's 360; once the admin closes it, Maya sees the
// aggregate, which names no one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  startServer, launchBrowser, watchProblems, installCspProbe, screenshot, login, NIP, VIEWPORTS, apiSession,
} from './lib.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ kegiatan: true });
  browser = await launchBrowser();
  await installCspProbe(browser.context);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const PONSEL = { width: 390, height: 844 };
const NILAI = ['berorientasi_pelayanan', 'akuntabel', 'kompeten', 'harmonis', 'loyal', 'adaptif', 'kolaboratif'];
const RATER = { staf5: 'Hendra Gunawan', staf7: 'Yusuf Hidayat', staf1: 'Rizky Pratama' };

/** A photo as a phone's camera gives it: a JPEG's signature and some bytes. */
const FOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]), Buffer.alloc(48 * 1024, 0x5a)]);

async function halaman(ukuran, nip) {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.setViewportSize(ukuran);
  const problems = watchProblems(page);
  await login(page, server.base, nip);
  return { page, problems };
}

test('with the demo accounts: a month\'s realisasi with a photo, the penilai\'s feedback on a tablet, and a 360 aggregate after three colleagues answer', { timeout: 300_000 }, async () => {
  const maya = await apiSession(server.base, NIP.staf6);
  const [periode] = await maya.get('/api/v1/org/periode');
  assert.equal(periode.siklus, 'bulanan', 'the demo documents monthly');
  const [skp] = await maya.get('/api/v1/skp');
  assert.equal(skp.status, 'ditetapkan', 'Maya\'s SKP is set by the seed');

  // --- Maya on a phone: this month's realisasi with a photo.
  let { page, problems } = await halaman(PONSEL, NIP.staf6);
  await page.getByTestId('realisasi-belum').waitFor();
  await page.getByTestId('catat-realisasi').click();
  await page.getByTestId('halaman-realisasi').waitFor();
  const kode = (await page.locator('[data-testid^=evaluasi-][aria-pressed=true]').getAttribute('data-testid')).replace('evaluasi-', '');
  assert.match(kode, /^periodik-(1[0-2]|[1-9])$/, 'a month is chosen');
  const sel = page.getByTestId('sel-iki-1');
  await sel.getByTestId('nilai').fill('104');
  await sel.getByTestId('uraian').fill('Validasi data kinerja bulan ini');
  await page.waitForFunction(() => document.querySelector('[data-testid=sel-iki-1] [data-testid=status-realisasi]')?.dataset.keadaan === 'server', null, { timeout: 15_000 });
  await sel.getByTestId('ambil-foto').setInputFiles({ name: 'foto-kegiatan.jpg', mimeType: 'image/jpeg', buffer: FOTO });
  await sel.getByTestId('berkas-server').waitFor({ timeout: 30_000 });
  await screenshot(page, 'demo-realisasi-ponsel');
  const dok = await maya.get(`/api/v1/skp/${skp.id}/realisasi`);
  const bulan = dok.evaluasi.find((e) => e.evaluasi.jenis === 'periodik' && `periodik-${e.evaluasi.ke}` === kode);
  assert.deepEqual(bulan.realisasi.map((r) => r.nilai), [104], 'the month\'s realisasi as typed');
  assert.deepEqual(bulan.bukti.map((b) => [b.jenis, b.sha256]), [['jpeg', createHash('sha256').update(FOTO).digest('hex')]]);
  assert.deepEqual(problems, []);
  await page.close();

  // --- Budi on a tablet: the month's feedback to his three subordinates in a row.
  ({ page, problems } = await halaman(VIEWPORTS.tablet, NIP.kabid2));
  await page.goto(`${server.base}/unit/umpan-balik`);
  await page.getByTestId('ub-item').first().waitFor();
  assert.equal(await page.getByTestId('ub-item').count(), 3);
  await page.getByTestId('mulai-umpan-balik').click();
  const lembar = page.getByTestId('lembar-umpan-balik');
  const diberi = [];
  for (let i = 0; i < 3; i++) {
    await lembar.waitFor();
    const skpId = await lembar.getAttribute('data-skp');
    assert.ok(!diberi.includes(skpId), 'each subordinate once, without going back to the list');
    diberi.push(skpId);
    for (const isian of await lembar.getByTestId('ub-rhk').all()) await isian.fill('Capaian bulan ini sesuai rencana');
    await lembar.locator('[data-testid=ub-nilai][data-nilai=kolaboratif]').fill('Kerja sama dengan tim data baik');
    if (i === 0) await screenshot(page, 'demo-umpan-balik-tablet');
    await page.getByTestId('simpan-berikutnya').click();
    if (i < 2) await page.waitForFunction((p) => document.querySelector('[data-testid=lembar-umpan-balik]')?.dataset.skp !== p, skpId);
  }
  await page.getByTestId('semua-selesai').waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=ub-item]')].every((l) => l.dataset.keadaan === 'diberikan'), null, { timeout: 15_000 });
  const diterima = await maya.get(`/api/v1/skp/${skp.id}/umpan-balik`);
  assert.equal(diterima.length, 1, 'Maya reads the feedback Budi gave');
  assert.equal(diterima[0].pemberi.nama, 'Budi Santoso');
  assert.deepEqual(problems, []);
  await page.close();

  // --- The three colleagues the seed asked answer Maya's 360.
  for (const [siapa, nama] of Object.entries(RATER)) {
    ({ page, problems } = await halaman(PONSEL, NIP[siapa]));
    await page.goto(`${server.base}/hasil/360`);
    const form = page.getByTestId('form-360');
    await form.waitFor();
    assert.equal(await page.getByTestId('rekan').textContent(), 'Maya Sari', `${nama} is asked about Maya`);
    for (const [i, nilai] of NILAI.entries()) {
      await form.locator(`[data-nilai=${nilai}] input[value=${i === 0 && siapa === 'staf1' ? 'diatas_ekspektasi' : 'sesuai_ekspektasi'}]`).check();
    }
    await page.getByTestId('simpan-360').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=form-360] [data-testid=status-simpan]')?.dataset.keadaan === 'server', null, { timeout: 15_000 });
    assert.deepEqual(problems, []);
    await page.close();
  }

  // --- The admin closes the 360 (the deadline set to yesterday); Maya reads the aggregate.
  const admin = await apiSession(server.base, NIP.admin);
  const p = await admin.get(`/api/v1/pengaturan-360?periode_id=${periode.id}`);
  const kemarin = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  assert.equal((await admin.put(`/api/v1/org/periode/${periode.id}/pengaturan-360`, { batas: kemarin, version: p.version })).ditutup, true);
  ({ page, problems } = await halaman(PONSEL, NIP.staf6));
  await page.goto(`${server.base}/hasil/umpan-balik`);
  await page.getByTestId('catatan-anonimitas').waitFor();
  const n = await page.getByTestId('blok').evaluateAll((rows) => rows.map((r) => Number(r.dataset.n)));
  assert.ok(n.length >= NILAI.length && n.every((x) => x === 3), `three answers per value, pooled: ${n}`);
  await screenshot(page, 'demo-hasil-360-ponsel');
  // The aggregate names no one; the rater the penilai set is named nowhere
  // (Maya sees the two she proposed herself in her list of proposals only).
  const agregat = await page.locator('[data-nilai]').evaluateAll((els) => els.map((e) => e.outerHTML).join(''));
  for (const [siapa, nama] of Object.entries(RATER)) {
    assert.ok(!agregat.includes(nama) && !agregat.includes(NIP[siapa]), `${nama} is not named in the aggregate`);
  }
  const html = await page.content();
  assert.ok(!html.includes(RATER.staf1) && !html.includes(NIP.staf1), 'the rater the penilai set is named nowhere to Maya');
  assert.deepEqual(problems, []);
  await page.close();
});
