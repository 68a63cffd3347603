// The browser's Back and Forward from every page of the app that takes
// input, with a field still focused and what was typed not yet saved: the
// app must never panic (it did after typing in the SKP editor: the field's
// `focusout` fired into the editor's signals once they were gone). The
// pegawai on a phone, the penilai on a tablet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, watchProblems, installCspProbe, screenshot, login, ajukanSkp, NIP, VIEWPORTS, navigasi,
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

/** No panic: no console error or page error, no "Terjadi kesalahan di aplikasi" over the page. */
async function tanpaPanik(page, problems, langkah) {
  assert.equal(await page.locator('#galat-aplikasi').count(), 0, `${langkah}: the app's error screen`);
  assert.deepEqual(problems, [], langkah);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], langkah);
}

/** Types into `field` (the focus stays in it), then goes Back to `sebelum`
 * and Forward to `ini`, twice, typing again each time it is back. */
async function kembaliMaju(page, problems, { isi, sebelum, ini, nama }) {
  for (const kali of [1, 2]) {
    await isi();
    await page.goBack();
    await sebelum();
    await page.waitForTimeout(300);
    await tanpaPanik(page, problems, `${nama}: Back (${kali})`);
    await page.goForward();
    await ini();
    await page.waitForTimeout(300);
    await tanpaPanik(page, problems, `${nama}: Forward (${kali})`);
  }
}

test('Back and Forward with unsaved input never crash the app (pegawai on a phone)', async () => {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.phone);
  await login(page, server.base, NIP.staf2);
  const beranda = () => page.getByTestId('dasbor').waitFor();

  // The SKP editor: an RHK's description, being typed.
  await page.getByTestId('buat-skp').click();
  await page.getByTestId('editor-skp').waitFor();
  await page.getByTestId('tambah-rhk-utama').click();
  await kembaliMaju(page, problems, {
    nama: 'SKP editor',
    isi: async () => {
      const uraian = page.getByTestId('rhk').first().getByTestId('rhk-uraian');
      await uraian.waitFor();
      await uraian.pressSequentially(' pelatihan');
      assert.equal(await uraian.evaluate((el) => el === document.activeElement), true);
    },
    sebelum: beranda,
    ini: () => page.getByTestId('editor-skp').waitFor(),
  });

  // Akun: the current password, being typed.
  await page.goto(server.base + '/');
  await beranda();
  await (await navigasi(page)).getByRole('link', { name: 'Akun' }).click();
  await kembaliMaju(page, problems, {
    nama: 'Akun',
    isi: () => page.locator('#sandi-lama').pressSequentially('sandi-lam'),
    sebelum: beranda,
    ini: () => page.locator('#sandi-lama').waitFor(),
  });

  // Simulasi: a rating chosen, the select still focused.
  await (await navigasi(page)).getByRole('link', { name: 'Simulasi' }).click();
  await kembaliMaju(page, problems, {
    nama: 'Simulasi',
    isi: async () => {
      await page.getByTestId('rating-hasil').selectOption({ index: 0 });
      await page.getByTestId('rating-hasil').focus();
    },
    sebelum: () => page.locator('#sandi-lama').waitFor(),
    ini: () => page.getByTestId('rating-hasil').waitFor(),
  });
  await page.close();
});

test('Back and Forward with unsaved notes never crash the app (penilai on a tablet)', async () => {
  await ajukanSkp('199107172017011007', server.base, 'Terselenggaranya diklat teknis'); // staf3, rated by kabid1
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.tablet);
  await browser.context.clearCookies(); // the pegawai of the first test signed in here
  await login(page, server.base, NIP.kabid1);
  await page.goto(server.base + '/penilai');
  const antrian = () => page.locator('[data-testid=antrian-item][data-status=diajukan]').first().waitFor();
  await antrian();
  await page.locator('[data-testid=antrian-item][data-status=diajukan]').first().getByTestId('tinjau').click();
  await page.getByTestId('tinjau-skp').waitFor();
  await kembaliMaju(page, problems, {
    nama: 'Tinjau SKP',
    isi: () => page.getByTestId('catatan').pressSequentially('Perjelas target'),
    sebelum: antrian,
    ini: () => page.getByTestId('tinjau-skp').waitFor(),
  });
  await page.close();
});

test("on a phone the bar is one row in both languages; the pages' links fold behind its menu, which closes when the page changes", async () => {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.phone);
  await browser.context.clearCookies();
  await login(page, server.base, NIP.kabid1);
  const bar = page.locator('header.bar');
  const menu = page.getByTestId('menu');
  const nav = page.getByTestId('nav');
  for (const [bahasa, label, kode] of [['id', 'Ganti bahasa ke English', 'EN'], ['en', 'Switch the language to Bahasa Indonesia', 'ID']]) {
    // One row: every control of the bar on the name's line, the bar a thin strip.
    const tinggi = await bar.evaluate((el) => el.getBoundingClientRect().height);
    assert.ok(tinggi <= 64, `${bahasa}: the bar is ${tinggi} px high`);
    const jarak = await bar.evaluate((el) => {
      const tengah = (r) => (r.top + r.bottom) / 2;
      const pusat = tengah(el.getBoundingClientRect());
      return [...el.querySelectorAll('.nama, button')].filter((b) => b.offsetParent !== null)
        .map((b) => Math.abs(tengah(b.getBoundingClientRect()) - pusat));
    });
    assert.ok(jarak.length >= 4 && jarak.every((d) => d < 12), `${bahasa}: one row (${jarak})`);
    assert.equal(await nav.isVisible(), false, `${bahasa}: the links are folded`);
    assert.equal(await page.getByRole('button', { name: label }).innerText(), kode);
    await screenshot(page, `bar-ponsel-${bahasa}`);
    await page.getByTestId('ganti-bahasa').click();
  }
  // The menu opens the links and says so; a link followed closes it.
  await menu.click();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await nav.getByRole('link', { name: 'Penilaian bawahan' }).waitFor();
  await screenshot(page, 'bar-ponsel-menu');
  await nav.getByRole('link', { name: 'Akun' }).click();
  await page.getByTestId('form-ganti-sandi').waitFor();
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  assert.equal(await nav.isVisible(), false);
  // On a tablet the links are in the bar and there is no menu.
  await page.setViewportSize(VIEWPORTS.tablet);
  assert.equal(await menu.isVisible(), false);
  assert.equal(await nav.isVisible(), true);
  assert.deepEqual(problems, []);
  await page.close();
});
