// What a user meets when something goes wrong, in a real browser against the
// real server: the session ends mid-edit (what was typed stays, also after
// signing in again), the connection drops (said plainly, nothing typed is
// lost, also across a reload: it is kept on the device until the server has
// it), the app itself fails (a
// message over the page with a way out, not a frozen screen), the connection
// is slow (a page asks for what it needs at once, not one after another).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, watchProblems, installCspProbe, screenshot, login, NIP, VIEWPORTS, DEMO_PASSWORD,
  apiSession, rencana, lupakanData, navigasi, tungguSimpan, outboxTersimpan,
} from './lib.mjs';

let server;
let browser; // the pegawai's device
let tabletBrowser; // the penilai's tablet

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  tabletBrowser = await launchBrowser();
  await installCspProbe(browser.context);
});

after(async () => {
  await browser?.close();
  await tabletBrowser?.close();
  await server?.stop();
});

const URAIAN = 'Tersusunnya rencana pengembangan kompetensi pegawai';

/** The text of an element, once it matches `pola`. */
async function tungguTeks(page, testid, pola) {
  try {
    await page.waitForFunction(
      ([id, src]) => new RegExp(src).test(document.querySelector(`[data-testid=${id}]`)?.textContent ?? ''),
      [testid, pola.source],
      { timeout: 10_000 },
    );
  } catch (e) {
    const ada = await page.evaluate(() => [...document.querySelectorAll('[data-testid=galat-server], [data-testid=tersimpan], [role=alert]')].map((el) => el.textContent));
    throw new Error(`${testid} never matched ${pola}; on the page: ${JSON.stringify(ada)}`, { cause: e });
  }
  return page.getByTestId(testid).textContent();
}

test('an ended session, a lost connection: what was typed stays, and saving works once they are back', async () => {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.tablet);
  await login(page, server.base, NIP.staf2);
  await page.getByTestId('buat-skp').click();
  await page.getByTestId('editor-skp').waitFor();
  await page.getByTestId('tambah-rhk-utama').click();
  const rhk = page.getByTestId('rhk').first();
  await rhk.getByTestId('rhk-uraian').fill(URAIAN);
  await rhk.getByTestId('iki-uraian').fill('Persentase pegawai yang mengikuti pengembangan kompetensi');
  await rhk.getByTestId('iki-target').fill('80');
  await rhk.getByTestId('iki-target-maks').fill('90');
  await tungguSimpan(page);

  // The session ends while the pegawai types (its cookie is gone, as after
  // the idle timeout): the save that follows the typing raises the sign-in
  // dialog over the editor.
  await browser.context.clearCookies();
  await rhk.getByTestId('iki-satuan').fill('persen');
  const dialog = page.getByTestId('sesi-berakhir');
  await dialog.waitFor();
  assert.equal(await rhk.getByTestId('rhk-uraian').inputValue(), URAIAN, 'kept under the dialog');
  assert.equal(await dialog.locator('#nip').inputValue(), NIP.staf2, 'the NIP is filled in');
  // The focus is in the dialog, on the password, and Tab keeps it there (the page under it is inert).
  await page.waitForFunction(() => document.activeElement?.id === 'kata-sandi');
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    const fokus = await page.evaluate(() => {
      const a = document.activeElement;
      return a?.closest('[data-testid=sesi-berakhir]') || a === document.body ? null : a?.outerHTML.slice(0, 120);
    });
    assert.equal(fokus, null, 'Tab stays out of the page under the dialog');
  }
  await dialog.locator('#kata-sandi').focus();
  await screenshot(page, 'sesi-berakhir-tablet');
  await dialog.locator('#kata-sandi').fill(DEMO_PASSWORD);
  await dialog.getByTestId('tombol-masuk').click();
  await dialog.waitFor({ state: 'detached' });
  // Signed in again: the same editor, with what was typed, not a reloaded one.
  assert.equal(await rhk.getByTestId('rhk-uraian').inputValue(), URAIAN, 'kept after signing in again');
  // The save kept through the dialog goes once signed in: nothing waits.
  assert.match(await tungguSimpan(page), /^✓ Tersimpan ke server · pukul \d\d\.\d\d$/);
  await page.waitForFunction(() => document.querySelector('[data-testid=menunggu]')?.dataset.jumlah === '0', null, { timeout: 15_000 });
  const s = await apiSession(server.base, NIP.staf2);
  const id = page.url().split('/').pop();
  assert.equal((await s.get(`/api/v1/skp/${id}`)).isian.rhk[0].indikator[0].satuan, 'persen', 'the server has the last key');

  // The connection drops: the change is kept on the device, and the head
  // says so; what was typed stays.
  await browser.context.setOffline(true);
  await rhk.getByTestId('iki-target').fill('85');
  assert.equal(await tungguSimpan(page, 'perangkat'), '⏸ Tersimpan di perangkat, menunggu koneksi');
  assert.equal(await rhk.getByTestId('iki-target').inputValue(), '85');
  assert.equal(await page.getByTestId('menunggu').getAttribute('data-jumlah'), '1');
  // Typed on: still one save waiting, with the last form.
  await rhk.getByTestId('iki-target').fill('86');
  for (let i = 0; ; i++) {
    const ob = await outboxTersimpan(page);
    const target = ob.pending.map((e) => e.mutation.body.rencana?.rhk[0].indikator[0].target);
    if (target.includes('86')) {
      assert.deepEqual(target, ['86'], 'one save waits, with the last form: not one per pause');
      break;
    }
    assert.ok(i < 100, `the save of 86 never reached the outbox: ${JSON.stringify(target)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(await page.getByTestId('menunggu').getAttribute('data-jumlah'), '1');
  await screenshot(page, 'simpan-perangkat-tablet');
  // The form is kept on this device as well: the tab can be closed and
  // opened again later without losing it.
  const draf = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ekinerja.draf.')).length);
  assert.equal(await draf(), 1);
  await browser.context.setOffline(false);
  await page.reload();
  // Back online: the waiting save is sent at start, and the editor shows it saved.
  await page.getByTestId('editor-skp').waitFor();
  assert.equal(await page.getByTestId('iki-target').first().inputValue(), '86', 'the device\'s change, not the server\'s 80');
  await tungguSimpan(page);
  assert.equal((await s.get(`/api/v1/skp/${id}`)).isian.rhk[0].indikator[0].target, '86');
  await page.getByTestId('ajukan').click();
  await page.getByTestId('ajukan-ya').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=status-skp]')?.dataset.status === 'diajukan');
  assert.equal(await page.getByTestId('galat-server').textContent(), '');
  assert.equal(await draf(), 0, 'the server has it: the device copy is gone');
  // Reloaded, the submitted plan reads as the document, with what was sent.
  await page.reload();
  await page.getByTestId('dokumen-skp').waitFor();
  assert.deepEqual(await page.getByTestId('dok-uraian').allTextContents(), [URAIAN]);
  assert.match(await page.getByTestId('dok-rhk').textContent(), /86–90 persen/);
  assert.equal(await page.getByTestId('draf-dipulihkan').count(), 0);

  // The penilai on a tablet loses the connection while approving: the
  // decision waits on the device and is sent when the connection is back.
  const tablet = await tabletBrowser.context.newPage();
  await tablet.setViewportSize(VIEWPORTS.tablet);
  await login(tablet, server.base, NIP.kabid1);
  await tablet.goto(server.base + '/penilai');
  await tablet.locator('[data-testid=antrian-item][data-status=diajukan] [data-testid=tinjau]').first().click();
  await tablet.getByTestId('tinjau-skp').waitFor();
  await tabletBrowser.context.setOffline(true);
  await tablet.getByTestId('setujui').click();
  await tablet.getByTestId('setujui-ya').click();
  assert.match(await tungguTeks(tablet, 'keputusan-perangkat', /Keputusan tersimpan di perangkat/), /dikirim otomatis/);
  assert.equal(await tablet.getByTestId('status-skp').first().getAttribute('data-status'), 'diajukan');
  await tabletBrowser.context.setOffline(false);
  await tablet.waitForFunction(() => document.querySelector('[data-testid=status-skp]')?.dataset.status === 'ditetapkan');
  assert.equal(await tablet.getByTestId('galat-keputusan').textContent(), '');

  // Only the refusals and failures this test provokes on purpose.
  const expected = (p) => /status of 401|ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(p);
  assert.deepEqual(problems.filter((p) => !expected(p)), []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await page.close();
  await tablet.close();
});

test('when the app itself fails, the user gets a message and a way to reload, in their language', async () => {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.phone);
  await browser.context.clearCookies();
  await login(page, server.base, NIP.staf2);
  // A panic on purpose (an export kept for this test).
  await page.evaluate(() => { try { window.wasmBindings.uji_panik(); } catch { /* the WASM trap */ } });
  const galat = page.getByTestId('galat-aplikasi');
  await galat.waitFor();
  assert.match(await galat.textContent(), /Terjadi kesalahan di aplikasi\..*data yang sudah tersimpan tetap aman/);
  assert.equal(await galat.getAttribute('role'), 'alertdialog');
  assert.ok(problems.some((p) => /uji_panik/.test(p)), `the panic is logged to the console: ${problems}`);
  await screenshot(page, 'galat-aplikasi-phone');
  // Its link reloads the same address, and the app works again.
  const alamat = page.url();
  await galat.getByRole('link', { name: 'Muat ulang' }).click();
  await page.getByTestId('dasbor').waitFor();
  assert.equal(page.url(), alamat);
  assert.equal(await page.getByTestId('galat-aplikasi').count(), 0);
  // In English when the page is in English.
  await page.evaluate(() => { document.documentElement.lang = 'en'; try { window.wasmBindings.uji_panik(); } catch { /* trap */ } });
  await galat.waitFor();
  assert.match(await galat.textContent(), /Something went wrong in the app/);
  assert.equal(await galat.getByRole('link').textContent(), 'Reload');
  await page.close();
});

test('a page the server cannot give shows its error in the place of the page (the menu still works); no connection says so, with a retry', async () => {
  const staf4 = '199512302022032008'; // Putri Maharani
  const s = await apiSession(server.base, staf4);
  const [periode] = await s.get('/api/v1/org/periode');
  const skp = await s.post('/api/v1/skp', { periode_id: periode.id, rencana: rencana('Tersusunnya data pelatihan') });
  const page = await browser.context.newPage();
  await page.setViewportSize(VIEWPORTS.tablet);
  await browser.context.clearCookies();
  await login(page, server.base, staf4);
  const alamat = `${server.base}/skp/${skp.id}`;
  const api = new RegExp(`/api/v1/skp/${skp.id}$`);
  const galat = page.getByTestId('galat-halaman');
  // The server fails, with its error body in both languages: the page's
  // error boundary shows the server's words in the user's language.
  await page.route(api, (r) => r.fulfill({
    status: 500, contentType: 'application/json',
    body: JSON.stringify({ code: 'internal', message: { id: 'Server sedang bermasalah.', en: 'The server has a problem.' } }),
  }));
  await page.goto(alamat);
  await galat.waitFor();
  assert.match(await galat.textContent(), /Halaman ini tidak dapat ditampilkan.*Server sedang bermasalah\..*tersimpan tetap aman/);
  assert.doesNotMatch(await galat.textContent(), /The server has a problem/);
  assert.equal(await galat.getAttribute('role'), 'alert');
  assert.equal(await page.getByTestId('editor-skp').count(), 0);
  assert.equal(await page.locator('.isi-halaman').evaluate((e) => e.hidden && getComputedStyle(e).display), 'none', 'the page is hidden');
  assert.equal(await galat.getByTestId('muat-ulang').getAttribute('href'), alamat);
  await screenshot(page, 'galat-halaman-tablet');
  await page.getByTestId('ganti-bahasa').click();
  await page.waitForFunction(() => /The server has a problem\./.test(document.querySelector('[data-testid=galat-halaman]').textContent));
  await page.getByTestId('ganti-bahasa').click();
  // The frame stays: another page opens in its place.
  await (await navigasi(page)).getByRole('link', { name: 'Beranda' }).click();
  await page.getByTestId('dasbor').waitFor();
  assert.equal(await galat.count(), 0);
  await page.unroute(api);
  // An answer the app cannot read (a proxy's page, say).
  await page.route(api, (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '<html>proxy</html>' }));
  await page.goto(alamat);
  await galat.waitFor();
  assert.match(await galat.textContent(), /Terjadi kesalahan di aplikasi/);
  await page.unroute(api);
  // No connection, and nothing kept on the device for this SKP: said
  // plainly (not as an error of the page), with a button that tries again;
  // once the connection is back, the SKP opens.
  await page.route(api, (r) => r.abort('internetdisconnected'));
  await lupakanData(page);
  await page.goto(alamat);
  const gagal = page.getByTestId('gagal-muat');
  await gagal.waitFor();
  assert.match(await gagal.textContent(), /Tidak terhubung ke server, jadi halaman ini belum dapat dimuat/);
  assert.equal(await galat.count(), 0);
  await page.unroute(api);
  await gagal.getByTestId('coba-lagi').click();
  await page.getByTestId('editor-skp').waitFor();
  assert.equal(await page.getByTestId('rhk-uraian').first().inputValue(), 'Tersusunnya data pelatihan');
  await page.close();
});

test('signing out leaves nothing typed on the device', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize(VIEWPORTS.tablet);
  await browser.context.clearCookies();
  await login(page, server.base, NIP.kabid1);
  await page.getByTestId('buat-skp').click();
  await page.getByTestId('editor-skp').waitFor();
  await page.getByTestId('tambah-rhk-utama').click();
  // The server does not answer the saves: what was typed stays on the device.
  await page.route('**/api/v1/sync', (route) => route.abort());
  await page.getByTestId('rhk-uraian').first().fill('Terkoordinasinya pengembangan kompetensi di bidang');
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('ekinerja.draf.')));
  const draf = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ekinerja.draf.')).length);
  assert.equal(await draf(), 1);
  await tungguSimpan(page, 'perangkat');
  // Signing out with a save unsent asks first; yes.
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('keluar').click();
  await page.locator('#nip').waitFor();
  assert.equal(await draf(), 0);
  await page.close();
});

test('changes kept on the device while the SKP changed elsewhere are not saved over it', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize(VIEWPORTS.tablet);
  await browser.context.clearCookies();
  const staf5 = '198709142012121009';
  await login(page, server.base, staf5);
  await page.getByTestId('buat-skp').click();
  await page.getByTestId('editor-skp').waitFor();
  const id = page.url().split('/').pop();
  // Typed offline on version 1 and kept on the device.
  await browser.context.setOffline(true);
  await page.getByTestId('tambah-rhk-utama').click();
  await page.getByTestId('rhk-uraian').first().fill('Diketik tanpa koneksi');
  await tungguSimpan(page, 'perangkat');
  // Meanwhile the same pegawai changes the SKP from another device (version 2).
  const lain = await apiSession(server.base, staf5);
  await lain.put(`/api/v1/skp/${id}`, { version: 1, rencana: rencana('Diubah di perangkat lain') });
  // Back online: the waiting save is refused with the conflict instead of
  // overwriting version 2, and the head says it is not saved.
  await browser.context.setOffline(false);
  assert.match(await tungguTeks(page, 'galat-server', /sudah diubah di perangkat lain/), /Muat versi terbaru/);
  assert.match(await tungguSimpan(page, 'ditolak'), /Belum tersimpan/);
  assert.equal(await page.getByTestId('rhk-uraian').first().inputValue(), 'Diketik tanpa koneksi');
  assert.equal((await lain.get(`/api/v1/skp/${id}`)).isian.rhk[0].uraian, 'Diubah di perangkat lain', 'not overwritten');
  // Loading the latest version drops the device's copy.
  await page.getByTestId('galat-server').getByRole('button').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=rhk-uraian]')?.value === 'Diubah di perangkat lain');
  assert.equal(await page.getByTestId('draf-dipulihkan').count(), 0);
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ekinerja.draf.')).length), 0);
  await page.close();
});

/** Holds the answers to the requests whose path matches `pola` until `n` of
 * them were asked for: a page that asks one at a time never gets its first
 * answer. Resolves with the paths asked for, in order. */
async function tahanSampai(page, pola, n, buka) {
  const diminta = [];
  const ditahan = [];
  const cocok = (url) => pola.test(url.pathname);
  await page.route(cocok, (route) => {
    diminta.push(new URL(route.request().url()).pathname);
    if (ditahan.length >= n) return route.continue(); // the n were let through: no more holding
    ditahan.push(route);
    if (ditahan.length === n) for (const r of ditahan) r.continue();
  });
  try {
    await buka();
  } catch (e) {
    throw new Error(`the page asked for ${JSON.stringify(diminta)} and waited: not at once`, { cause: e });
  } finally {
    await page.unroute(cocok);
  }
  return diminta;
}

test('on a slow connection the editor and the review wait for one answer, not one after another', async () => {
  const staf6 = '199402202020122010'; // Maya Sari; her penilai is Budi Santoso (kabid2)
  const s = await apiSession(server.base, staf6);
  const [periode] = await s.get('/api/v1/org/periode');
  const skp = await s.post('/api/v1/skp', { periode_id: periode.id, rencana: rencana('Tersusunnya laporan kinerja bidang') });
  const page = await browser.context.newPage();
  await page.setViewportSize(VIEWPORTS.phone);
  await browser.context.clearCookies();
  await login(page, server.base, staf6);
  // The SKP, the period and the atasan's RHK are asked for together.
  const editor = await tahanSampai(page, new RegExp(`^/api/v1/(skp/${skp.id}(/rhk-atasan)?|org/periode)$`), 3, async () => {
    await page.goto(`${server.base}/skp/${skp.id}`);
    await page.getByTestId('editor-skp').waitFor({ timeout: 10_000 });
  });
  assert.equal(editor.length, 3);
  await s.post(`/api/v1/skp/${skp.id}/submit`, { version: skp.version, catatan: '' });
  await page.close();

  const tablet = await tabletBrowser.context.newPage();
  await tablet.setViewportSize(VIEWPORTS.tablet);
  await tabletBrowser.context.clearCookies();
  await login(tablet, server.base, '198206252006041001');
  // The review: the SKP, the atasan's RHK and the queue's period together.
  const tinjau = await tahanSampai(tablet, new RegExp(`^/api/v1/(skp/${skp.id}(/rhk-atasan)?|org/periode)$`), 3, async () => {
    await tablet.goto(`${server.base}/penilai/skp/${skp.id}`);
    await tablet.getByTestId('tinjau-skp').waitFor({ timeout: 10_000 });
  });
  assert.equal(tinjau.length, 3);
  await tablet.close();
});
