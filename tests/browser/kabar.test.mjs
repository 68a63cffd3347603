// Being told (issue 25, point 8): the bell in the bar counts what the person
// has not read; the list says what happened in their language and leads to
// it; a penilai reminds a subordinate who has not submitted; "SKP saya" in
// the menu opens the person's own plan. The penilai on a tablet, the
// pegawai on a phone, in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, watchProblems, installCspProbe, screenshot, login, ajukanSkp, apiSession, rencana,
  NIP, VIEWPORTS, navigasi,
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

const STAF4 = '199512302022032008'; // Putri Maharani, rated by kabid1
const STAF3 = '199107172017011007'; // Agus Setiawan, rated by kabid1, no SKP here

/** The bell's count as shown (0 when the badge is hidden). */
async function dilonceng(page) {
  const jumlah = page.getByTestId('jumlah-notifikasi');
  return (await jumlah.isVisible()) ? Number(await jumlah.textContent()) : 0;
}

/** The unread count the server has for the signed-in page. */
function diServer(page) {
  return page.evaluate(async () => (await (await fetch('/api/v1/notifikasi/jumlah')).json()).belum_dibaca);
}

test('a submission rings the penilai\'s bell; the list says it and leads to the review, marking it read', async () => {
  const skp = await ajukanSkp(STAF4, server.base, 'Terselenggaranya pelatihan teknis');
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.tablet);
  await browser.context.clearCookies();
  await login(page, server.base, NIP.kabid1);
  const n = await diServer(page);
  assert.ok(n >= 1, `${n}`);
  await page.waitForFunction((n) => document.querySelector('[data-testid=jumlah-notifikasi]')?.textContent === String(n), n);
  assert.equal(await page.getByTestId('lonceng').getAttribute('aria-label'), `Notifikasi: ${n}`);
  await page.getByTestId('lonceng').click();
  await page.getByTestId('notifikasi').waitFor();
  const item = page.getByTestId('notifikasi-item').filter({ hasText: 'Putri Maharani' });
  assert.match(await item.textContent(), /^Baru Putri Maharani mengajukan SKP 2026 untuk Anda tinjau\./);
  assert.equal(await item.getAttribute('data-jenis'), 'skp_diajukan');
  await screenshot(page, 'notifikasi-tablet');
  await page.getByTestId('ganti-bahasa').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await item.textContent(), /^New Putri Maharani submitted their 2026 SKP for your review\./);
  assert.equal(await page.getByTestId('lonceng').getAttribute('aria-label'), `Notifications: ${n}`);
  await screenshot(page, 'notifikasi-tablet-en');
  await page.getByTestId('ganti-bahasa').click();
  await page.waitForFunction(() => document.documentElement.lang === 'id');
  // Opening it goes to the review, and it is read.
  await item.locator('button').click();
  await page.waitForURL(`**/penilai/skp/${skp.id}`);
  await page.getByTestId('tinjau-skp').waitFor();
  assert.equal(await diServer(page), n - 1);
  await page.waitForFunction((n) => (document.querySelector('[data-testid=jumlah-notifikasi]')?.hidden ? 0 : Number(document.querySelector('[data-testid=jumlah-notifikasi]')?.textContent)) === n, n - 1);
  // All read at once.
  await page.goto(server.base + '/notifikasi');
  await page.getByTestId('notifikasi').waitFor();
  if (n - 1 > 0) {
    await page.getByTestId('baca-semua').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=baru]').length === 0);
    for (let i = 0; i < 50 && (await diServer(page)) !== 0; i++) await page.waitForTimeout(100);
  }
  assert.equal(await diServer(page), 0);
  assert.equal(await dilonceng(page), 0, 'no badge when nothing is unread');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the penilai reminds a subordinate who has not submitted; the subordinate reads it on a phone, in both languages', async () => {
  const tablet = await browser.context.newPage();
  const problems = watchProblems(tablet);
  await tablet.setViewportSize(VIEWPORTS.tablet);
  await browser.context.clearCookies();
  await login(tablet, server.base, NIP.kabid1);
  await tablet.goto(server.base + '/penilai');
  const baris = tablet.locator('[data-testid=antrian-item]', { hasText: 'Agus Setiawan' });
  await baris.waitFor();
  // Submitted plans are reviewed; the others can only be read or reminded.
  const diajukan = tablet.locator('[data-testid=antrian-item][data-status=diajukan]').first();
  assert.equal(await diajukan.getByTestId('tinjau').textContent(), 'Tinjau');
  assert.equal(await diajukan.getByTestId('ingatkan').count(), 0, 'a submitted plan needs no reminder');
  await baris.getByTestId('ingatkan').click();
  assert.equal(await baris.getByTestId('diingatkan').textContent(), 'Sudah diingatkan.');
  await screenshot(tablet, 'antrian-ingatkan-tablet');
  // Again the same day: the server says it was done already.
  await tablet.reload();
  await baris.getByTestId('ingatkan').click();
  assert.match(await baris.getByTestId('galat-ingatkan').textContent(), /sudah Anda ingatkan dalam 24 jam terakhir/);
  assert.deepEqual(problems.filter((p) => !/status of 409/.test(p)), []);
  await tablet.close();

  const phone = await browser.context.newPage();
  await phone.setViewportSize(VIEWPORTS.phone);
  await browser.context.clearCookies();
  await login(phone, server.base, STAF3);
  await phone.waitForFunction(() => Number(document.querySelector('[data-testid=jumlah-notifikasi]')?.textContent) >= 1);
  await phone.getByTestId('lonceng').click();
  const ingat = phone.locator('[data-testid=notifikasi-item][data-jenis=pengingat]');
  await ingat.first().waitFor();
  assert.match(await ingat.first().textContent(), /Siti Rahmawati mengingatkan Anda untuk menyusun dan mengajukan SKP 2026\./);
  await screenshot(phone, 'notifikasi-ponsel');
  await phone.getByTestId('ganti-bahasa').click();
  await phone.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await ingat.first().textContent(), /Siti Rahmawati reminds you to draft and submit your 2026 SKP\./);
  await screenshot(phone, 'notifikasi-ponsel-en');
  await phone.getByTestId('ganti-bahasa').click();
  // The bar stays one row on a phone with the bell in it.
  const tinggi = await phone.locator('header.bar').evaluate((el) => el.getBoundingClientRect().height);
  assert.ok(tinggi <= 64, `the bar is ${tinggi} px high`);
  await phone.close();
});

test('"SKP saya" in the menu opens the person\'s own plan: the editor while it is a draft, the document once submitted', async () => {
  const s = await apiSession(server.base, NIP.staf2);
  const [periode] = await s.get('/api/v1/org/periode');
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.phone);
  await browser.context.clearCookies();
  await login(page, server.base, NIP.staf2);
  // No plan yet: the way to the dashboard, where it is started.
  await navigasi(page);
  await page.getByRole('link', { name: 'SKP saya' }).click();
  await page.getByTestId('belum-ada-skp').waitFor();
  const skp = await s.post('/api/v1/skp', { periode_id: periode.id, rencana: rencana('Terlaksananya pelatihan') });
  await page.goto(server.base + '/skp-saya');
  await page.waitForURL(`**/skp/${skp.id}`);
  await page.getByTestId('editor-skp').waitFor();
  await s.post(`/api/v1/skp/${skp.id}/submit`, { version: 1, catatan: '' });
  await page.goto(server.base + '/skp-saya');
  await page.waitForURL(`**/dokumen/${skp.id}`);
  await page.getByTestId('dokumen-skp').waitFor();
  // The editor's address of a submitted plan opens the document too.
  await page.goto(`${server.base}/skp/${skp.id}`);
  await page.waitForURL(`**/dokumen/${skp.id}`);
  await page.getByTestId('dokumen-skp').waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});
