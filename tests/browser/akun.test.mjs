// A pegawai changes their password from "Akun" in the bar: a wrong current
// password and a too-short new one are refused under their fields, two
// different new passwords are caught before sending; then the change is
// made and the new password signs in (the old one no longer does).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, watchProblems, installCspProbe, screenshot, login, NIP, VIEWPORTS, DEMO_PASSWORD, navigasi,
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

test('a pegawai changes their password and signs in with the new one', async () => {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.phone);
  await login(page, server.base, NIP.staf2);
  await (await navigasi(page)).getByRole('link', { name: 'Akun' }).click();
  await page.getByTestId('form-ganti-sandi').waitFor();
  assert.equal(new URL(page.url()).pathname, '/akun');

  const isi = async (lama, baru, ulang) => {
    await page.locator('#sandi-lama').fill(lama);
    await page.locator('#sandi-baru').fill(baru);
    await page.locator('#ulangi-sandi').fill(ulang);
    await page.getByTestId('tombol-ganti-sandi').click();
  };
  await isi('bukan-sandinya', 'kinerja-baru-2026', 'kinerja-baru-2026');
  await page.getByTestId('galat-lama').getByText('Kata sandi lama salah.').waitFor();
  await isi(DEMO_PASSWORD, 'pendek', 'pendek');
  await page.getByTestId('galat-baru').getByText(/minimal 10 karakter/).waitFor();
  assert.equal(await page.getByTestId('galat-lama').textContent(), '', 'the earlier error is gone');
  await isi(DEMO_PASSWORD, 'kinerja-baru-2026', 'kinerja-baru-2027');
  await page.getByTestId('galat-ulang').getByText(/tidak sama/).waitFor();
  await isi(DEMO_PASSWORD, 'kinerja-baru-2026', 'kinerja-baru-2026');
  await page.getByTestId('sandi-diganti').getByText(/sudah diganti/).waitFor();
  await screenshot(page, 'akun-phone');

  // Signed out, the old password is refused and the new one works.
  await page.getByTestId('keluar').click();
  await page.locator('#nip').fill(NIP.staf2);
  await page.locator('#kata-sandi').fill(DEMO_PASSWORD);
  await page.getByTestId('tombol-masuk').click();
  await page.getByTestId('galat-login').getByText(/salah/i).waitFor();
  // The refused password is cleared, with the cursor there to type it again.
  await page.waitForFunction(() => document.activeElement?.id === 'kata-sandi');
  assert.equal(await page.locator('#kata-sandi').inputValue(), '');
  assert.equal(await page.locator('#nip').inputValue(), NIP.staf2);
  await page.locator('#kata-sandi').fill('kinerja-baru-2026');
  await page.getByTestId('tombol-masuk').click();
  await page.getByTestId('dasbor').waitFor();
  // The refused attempts are the answers the test asked for; the browser logs them.
  assert.deepEqual(problems.filter((p) => !/status of (401|422)/.test(p)), []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await page.close();
});

test('a person sets, corrects and clears their address for e-mail notifications', async () => {
  // Not the session the test above left.
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.phone);
  await login(page, server.base, NIP.kabid1);
  await page.goto(server.base + '/akun');
  await page.getByTestId('form-email').waitFor();
  // This test server has no SMTP relay: the page says the address is kept for later.
  await page.getByTestId('email-belum-aktif').getByText(/belum mengirim e-mail/).waitFor();
  const simpan = async (alamat) => {
    await page.locator('#email-akun').fill(alamat);
    await page.getByTestId('tombol-simpan-email').click();
  };
  // Checked before sending, with the server's words, and marked on the field.
  let requests = 0;
  page.on('request', (r) => { if (r.url().endsWith('/api/v1/auth/email') && r.method() === 'PUT') requests += 1; });
  await simpan('siti@');
  await page.getByTestId('galat-email').getByText(/Alamat e-mail tidak valid/).waitFor();
  assert.equal(await page.locator('#email-akun').getAttribute('aria-invalid'), 'true');
  assert.equal(requests, 0, 'a malformed address is not sent');
  await simpan(' siti.rahmawati@bkd.example.go.id ');
  await page.getByTestId('email-disimpan').getByText('Alamat e-mail disimpan.').waitFor();
  assert.equal(await page.getByTestId('galat-email').textContent(), '');
  await screenshot(page, 'akun-email-phone');
  // Kept: read back after a reload, as saved (trimmed).
  await page.reload();
  await page.getByTestId('form-email').waitFor();
  await page.waitForFunction(() => document.querySelector('#email-akun')?.value === 'siti.rahmawati@bkd.example.go.id');
  await simpan('');
  await page.getByTestId('email-disimpan').getByText(/dihapus/).waitFor();
  assert.equal(requests, 2);
  assert.deepEqual(problems, []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await page.close();
});
