// The language switch: Bahasa Indonesia first whatever the browser says,
// English on request, remembered across reloads; every visible string
// changes and <html lang> follows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startServer, launchBrowser, watchProblems, login, NIP } from './lib.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Strings of one locale that differ from the other's value for the same key. */
function onlyIn(lang, other) {
  const out = new Set();
  const dir = join(ROOT, 'app/locales', lang);
  for (const file of readdirSync(dir)) {
    const a = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const b = JSON.parse(readFileSync(join(ROOT, 'app/locales', other, file), 'utf8'));
    for (const [k, v] of Object.entries(a)) {
      if (typeof v !== 'string' || v === b[k] || v.includes('{{')) continue;
      if (v.length >= 6) out.add(v);
    }
  }
  return out;
}

/** The page's visible text, less the switch itself (it names the other language). */
async function visibleText(page) {
  return page.evaluate(() => {
    const sw = document.querySelector('[data-testid=ganti-bahasa]')?.innerText ?? '';
    return document.body.innerText.replace(sw, '');
  });
}

/** The strings that appear in the text as whole words ("Period" is not in "Periode"). */
function leftovers(text, strings) {
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...strings].filter((s) => new RegExp(`(^|[^\\p{L}])${escape(s)}($|[^\\p{L}])`, 'u').test(text));
}

/** An English page's text without the labels that quote the regulation's own
 * term, "Excellent (Sangat Baik)": that Indonesian term is meant to stay. */
function tanpaIstilahResmi(text) {
  return [...onlyIn('en', 'id')].filter((s) => /\(.+\)/.test(s)).reduce((t, s) => t.split(s).join(' '), text);
}

test('the switch changes every visible string, sets html lang and is remembered', async () => {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  const id = onlyIn('id', 'en');
  const en = onlyIn('en', 'id');
  assert.ok(id.size > 50 && en.size > 50, 'the locale files were read');

  for (const path of ['/masuk', '/simulasi']) {
    await page.goto(server.base + path);
    await page.getByTestId('ganti-bahasa').waitFor();
    if ((await page.getAttribute('html', 'lang')) !== 'id') {
      await page.getByTestId('ganti-bahasa').click();
    }
    assert.equal(await page.getAttribute('html', 'lang'), 'id', 'Indonesian first, though the browser speaks English');
    const before = await visibleText(page);
    assert.deepEqual(leftovers(before, en), [], `${path}: no English in the Indonesian page`);
    await page.getByTestId('ganti-bahasa').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const after = await visibleText(page);
    assert.deepEqual(leftovers(tanpaIstilahResmi(after), id), [], `${path}: no Indonesian left after switching`);
    assert.notEqual(before, after);
    await page.reload();
    await page.getByTestId('ganti-bahasa').waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en', 'the choice is remembered');
    await page.getByTestId('ganti-bahasa').click();
    await page.waitForFunction(() => document.documentElement.lang === 'id');
  }

  // Signed in, every main screen: in Indonesian no English, in English no Indonesian.
  const keduanya = async (layar) => {
    if ((await page.getAttribute('html', 'lang')) !== 'id') {
      await page.getByTestId('ganti-bahasa').click();
      await page.waitForFunction(() => document.documentElement.lang === 'id');
    }
    assert.deepEqual(leftovers(await visibleText(page), en), [], `${layar}: no English in Indonesian`);
    await page.getByTestId('ganti-bahasa').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.deepEqual(leftovers(tanpaIstilahResmi(await visibleText(page)), id), [], `${layar}: no Indonesian in English`);
    await page.getByTestId('ganti-bahasa').click();
    await page.waitForFunction(() => document.documentElement.lang === 'id');
  };
  await login(page, server.base, NIP.staf2);
  await keduanya('dashboard');
  // The SKP editor with an RHK, an indicator and a realisation: the field
  // messages, the previews and their explanations.
  await page.getByTestId('buat-skp').click();
  await page.getByTestId('editor-skp').waitFor();
  await page.getByTestId('tambah-rhk-utama').click();
  const rhk = page.getByTestId('rhk').first();
  await rhk.getByTestId('iki-target').fill('delapan');
  await page.locator('[id$="-target-galat"] li').first().waitFor();
  await keduanya('editor with field messages');
  await rhk.getByTestId('rhk-uraian').fill('Terlaksananya pelatihan teknis kepegawaian');
  await rhk.getByTestId('iki-uraian').fill('Persentase peserta yang lulus pelatihan');
  await rhk.getByTestId('iki-target').fill('80');
  await rhk.getByTestId('iki-satuan').fill('persen');
  await rhk.getByTestId('iki-realisasi').fill('95');
  await page.waitForFunction(() => document.querySelector('[data-testid=saran-rating]')?.dataset.rating === 'diatas_ekspektasi');
  for (const b of await page.locator('[data-testid=penjelasan]:visible > button').all()) {
    if ((await b.getAttribute('aria-expanded')) === 'false') await b.click();
  }
  await keduanya('editor with previews and explanations');
  await page.getByTestId('ajukan').click();
  await page.getByTestId('ajukan-ya').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=status-skp]')?.dataset.status === 'diajukan');
  await keduanya('submitted SKP');
  await page.getByTestId('keluar').click();
  await page.locator('#nip').waitFor();

  // The penilai's queue and review.
  await login(page, server.base, NIP.kabid1);
  await page.goto(server.base + '/penilai');
  await page.getByTestId('antrian').waitFor();
  await keduanya('penilai queue');
  await page.locator('[data-testid=antrian-item][data-status=diajukan] [data-testid=tinjau]').first().click();
  await page.getByTestId('tinjau-skp').waitFor();
  await page.getByTestId('kembalikan').click(); // without notes: the message says they are required
  await page.locator('.keputusan .galat[role=alert]').first().waitFor();
  await keduanya('penilai review');
  await page.getByTestId('keluar').click();
  await page.locator('#nip').waitFor();

  // The admin console (its own wasm).
  await login(page, server.base, NIP.admin);
  await page.goto(server.base + '/admin');
  await page.getByTestId('pilih-periode').waitFor();
  for (const d of await page.locator('details').all()) await d.locator('summary').click();
  await keduanya('admin console');
  assert.deepEqual(problems, []);
  await page.close();
});
