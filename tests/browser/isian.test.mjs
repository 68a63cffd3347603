// Field messages are said once and seen (issue 25, point 4, in part): after
// a plan is sent incomplete, each field shows its message once, not once
// from the browser's own check and again from the server's answer
// ("Wajib diisi. / Wajib diisi."), in both languages, on a phone; a field
// with a message is marked aria-invalid, described by it, and has a red
// border; the others are not; a press on Ajukan from a focused empty field
// is not lost to that field's message appearing under the finger.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watchProblems, installCspProbe, login, screenshot, NIP, VIEWPORTS } from './lib.mjs';

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

/** Each field's messages: `{ 'rhk-1-uraian-galat': ['Wajib diisi.'], … }` (fields with none left out). */
const pesanPerField = (page) => page.locator('.galat-field').evaluateAll((els) => Object.fromEntries(
  els.filter((e) => e.id && e.querySelector('li')).map((e) => [e.id, [...e.querySelectorAll('li')].map((l) => l.textContent)]),
));

test('an incomplete plan, submitted, shows each field\'s message once, in either language, and a list of links to them', async () => {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.phone);
  await login(page, server.base, NIP.staf2);
  await page.getByTestId('buat-skp').click();
  await page.getByTestId('editor-skp').waitFor();
  await page.getByTestId('tambah-rhk-utama').click();
  await page.getByTestId('rhk').first().getByTestId('iki-satuan').waitFor();
  // Checked before it is sent: not asked, nothing sent; each field says
  // what it lacks, and a list above the buttons leads to each.
  const dikirim = [];
  page.on('request', (r) => { if (r.url().endsWith('/submit')) dikirim.push(r.url()); });
  await page.getByTestId('ajukan').click();
  await page.waitForFunction(() => document.querySelectorAll('.galat-field li').length > 0);
  assert.equal(await page.getByTestId('konfirmasi-ajukan').count(), 0);
  const ringkasan = page.getByTestId('ringkasan-galat');
  assert.deepEqual(await ringkasan.locator('li a').allTextContents(), [
    'RHK 1 · Uraian hasil kerja', 'RHK 1 · Indikator 1 · Uraian indikator', 'RHK 1 · Indikator 1 · Target (atau batas bawah)', 'RHK 1 · Indikator 1 · Satuan',
  ]);
  // A link takes the focus to its field.
  await ringkasan.locator('li a').nth(2).click();
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'iki-target');
  for (const [bahasa, wajib] of [['id', 'Wajib diisi.'], ['en', 'Required.']]) {
    if (bahasa === 'en') {
      await page.getByTestId('ganti-bahasa').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
    }
    const pesan = await pesanPerField(page);
    const uraian = Object.entries(pesan).filter(([id]) => /-uraian-galat$/.test(id));
    assert.ok(uraian.length >= 2, `the RHK's and the indicator's description are marked: ${JSON.stringify(pesan)}`);
    for (const [id, daftar] of Object.entries(pesan)) {
      assert.equal(new Set(daftar).size, daftar.length, `${bahasa}: ${id} says a message twice: ${JSON.stringify(daftar)}`);
    }
    assert.deepEqual(uraian[0][1], [wajib], bahasa);
    // Each marked field's control: invalid, described by its messages, a red border; no other control is.
    const tanda = await page.locator('.galat-field').evaluateAll((els) => els.filter((e) => e.id.endsWith('-galat')).map((e) => {
      const k = document.getElementById(e.id.slice(0, -'-galat'.length));
      return k && {
        id: k.id, pesan: e.querySelectorAll('li').length > 0, invalid: k.getAttribute('aria-invalid'),
        oleh: k.getAttribute('aria-describedby'), garis: getComputedStyle(k).borderTopColor, galat: e.id,
      };
    }).filter(Boolean));
    assert.ok(tanda.some((t) => t.pesan) && tanda.some((t) => !t.pesan), JSON.stringify(tanda));
    for (const t of tanda) {
      assert.equal(t.invalid, t.pesan ? 'true' : null, `${bahasa}: ${t.id}`);
      if (t.pesan) {
        assert.equal(t.oleh, t.galat, `${t.id} is described by its messages`);
        assert.equal(t.garis, 'rgb(166, 27, 27)', `${t.id} has a red border`);
      }
    }
  }
  assert.deepEqual(await ringkasan.locator('li a').allTextContents(), [
    'RHK 1 · Work result', 'RHK 1 · Indicator 1 · Indicator', 'RHK 1 · Indicator 1 · Target (or lower bound)', 'RHK 1 · Indicator 1 · Unit',
  ], 'the list in English too');
  await screenshot(page, 'isian-sekali-phone');
  assert.deepEqual(dikirim, [], 'nothing was submitted');
  assert.deepEqual(problems, []);
  await page.close();
});

test('Ajukan pressed straight from a focused empty field is not lost to the field\'s message appearing (phone)', async () => {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.phone);
  await browser.context.clearCookies();
  await login(page, server.base, '199512302022032008'); // Putri Maharani, no SKP yet
  await page.getByTestId('buat-skp').click();
  await page.getByTestId('editor-skp').waitFor();
  await page.getByTestId('tambah-rhk-utama').click();
  // The new RHK's first field has the focus and is empty; the pegawai
  // presses Ajukan near its top edge, as a thumb does.
  await page.waitForFunction(() => document.activeElement?.id?.endsWith('-uraian'));
  const ajukan = page.getByTestId('ajukan');
  await ajukan.scrollIntoViewIfNeeded();
  await ajukan.click({ position: { x: 12, y: 3 } });
  // The press is not lost: the empty fields are marked, the list of them
  // appears above the buttons, and the focus goes to the first.
  await page.getByTestId('ringkasan-galat').waitFor({ timeout: 5000 });
  assert.ok(await page.locator('[aria-invalid="true"]').count() >= 1, 'the empty fields are marked after the attempt');
  await page.waitForFunction(() => document.activeElement?.id?.endsWith('-uraian') && document.activeElement.getAttribute('aria-invalid') === 'true');
  assert.deepEqual(problems, []);
  await page.close();
});
