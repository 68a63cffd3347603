// The preview explains itself, and numbers are read as people type them
// (issue 25, points 5 and 6): beside a rating, how far the realisation came
// ("3 dari 4 = 75%"); below and above expectation in different colours, each
// with its words and a mark; one word per concept in labels, options and
// explanations, in either language; on a desktop the summary reads in lines,
// not one or two words a line; a realisation far outside its unit or target
// is warned about, not refused; the target's label follows the direction.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watchProblems, installCspProbe, login, screenshot, apiSession, rencana, NIP, VIEWPORTS } from './lib.mjs';

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

/** Words that name one concept two ways (the first of each pair is kept). */
const LARANGAN = {
  id: [/Dibawah|Diatas/, /[Pp]olaritas/, /makin tinggi|makin rendah/],
  en: [/\bActual\b|\bactual\b/, /[Ss]upervisor/, /[Pp]olarity/, /bigger is better|smaller is better/],
};

test('a realisation typed shows its rating, how far it came, in colour and words, and a warning when far off (phone, desktop, both languages)', async () => {
  const s = await apiSession(server.base, NIP.staf2);
  const [periode] = await s.get('/api/v1/org/periode');
  const skp = await s.post('/api/v1/skp', { periode_id: periode.id, rencana: rencana('Terlaksananya pelatihan teknis') });
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.phone);
  await login(page, server.base, NIP.staf2);
  await page.goto(`${server.base}/skp/${skp.id}`);
  await page.getByTestId('editor-skp').waitFor();
  const iki = page.getByTestId('iki').first();
  const realisasi = iki.getByTestId('iki-realisasi');
  const rating = iki.locator('.ukuran[data-rating]');
  const capaian = iki.getByTestId('capaian-iki');
  const janggal = iki.getByTestId('realisasi-janggal');

  // Below: red, its words, and 3 of 4.
  await realisasi.fill('3');
  await page.waitForFunction(() => document.querySelector('[data-testid=capaian-iki]')?.textContent === '3 dari 4 = 75%');
  assert.equal(await rating.getAttribute('data-rating'), 'dibawah_ekspektasi');
  assert.equal(await rating.textContent(), 'Di bawah ekspektasi');
  const warna = () => rating.evaluate((e) => getComputedStyle(e).color);
  const tanda = () => rating.evaluate((e) => getComputedStyle(e, '::before').content);
  const bawah = await warna();
  assert.equal(bawah, 'rgb(166, 27, 27)');
  assert.match(await tanda(), /▼/);
  // The summary's suggestion is coloured the same way.
  const saran = page.getByTestId('saran-rating');
  assert.equal(await saran.getAttribute('data-rating'), 'dibawah_ekspektasi');
  assert.equal(await saran.locator('strong').evaluate((e) => getComputedStyle(e).color), bawah);
  assert.equal(await janggal.isVisible(), false);
  await screenshot(page, 'pratinjau-dibawah-phone');

  // Above: green, another mark, 5 of 4.
  await realisasi.fill('5');
  await page.waitForFunction(() => document.querySelector('[data-testid=capaian-iki]')?.textContent === '5 dari 4 = 125%');
  assert.equal(await rating.getAttribute('data-rating'), 'diatas_ekspektasi');
  const atas = await warna();
  assert.notEqual(atas, bawah);
  assert.equal(atas, 'rgb(20, 83, 45)');
  assert.match(await tanda(), /▲/);

  // Ten times the target: said beside the field, still counted.
  await realisasi.fill('40');
  await janggal.waitFor();
  assert.match(await janggal.textContent(), /Realisasi 40 angkatan sepuluh kali target \(4 angkatan\)/);
  assert.equal(await capaian.textContent(), '40 dari 4 = 1.000%', 'the preview still counts it');
  assert.equal(await iki.getByTestId('realisasi-galat').locator('li').count(), 0, 'a warning, not an error');
  await screenshot(page, 'pratinjau-janggal-phone');
  await realisasi.fill('4');
  await page.waitForFunction(() => document.querySelector('[data-testid=capaian-iki]')?.textContent === '4 dari 4 = 100%');
  assert.equal(await janggal.isVisible(), false, 'gone once the number is plausible');

  // Smaller is better: the target is a ceiling, and its label says so.
  assert.equal(await iki.getByTestId('label-target').textContent(), 'Target (atau batas bawah)');
  await iki.getByTestId('iki-polaritas').selectOption('khusus');
  assert.equal(await iki.getByTestId('label-target').textContent(), 'Target: batas atas (atau awal rentang)');
  await realisasi.fill('3');
  await page.waitForFunction(() => document.querySelector('[data-testid=capaian-iki]')?.textContent === '3 dari batas 4 = 125%');
  assert.equal(await rating.getAttribute('data-rating'), 'diatas_ekspektasi', 'fewer than the ceiling is above expectation');

  // One word per concept, in what the screen says and its explanations.
  const periksaKata = async (bahasa) => {
    for (const tombol of await page.getByTestId('penjelasan').getByRole('button', { expanded: false }).all()) {
      if (await tombol.isVisible()) await tombol.click();
    }
    const teks = await page.locator('main').innerText();
    for (const larangan of LARANGAN[bahasa]) assert.doesNotMatch(teks, larangan, `${bahasa}: ${larangan}`);
    return teks;
  };
  const teksId = await periksaKata('id');
  assert.match(teksId, /arah: makin kecil makin baik/, 'the explanation names the direction as the form does');
  await page.getByTestId('ganti-bahasa').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.waitForFunction(() => document.querySelector('[data-testid=capaian-iki]')?.textContent === '3 against a limit of 4 = 125%');
  assert.equal(await iki.getByTestId('label-target').textContent(), 'Target: upper limit (or the range\'s start)');
  assert.equal(await rating.textContent(), 'Above expectations');
  const teksEn = await periksaKata('en');
  assert.match(teksEn, /Realisation/);
  await screenshot(page, 'pratinjau-khusus-phone-en');
  await realisasi.fill('400');
  await janggal.waitFor();
  assert.match(await janggal.textContent(), /ten times the target/);
  await realisasi.fill('3');

  // A desktop: the summary beside the form reads in lines.
  await page.setViewportSize(VIEWPORTS.desktop);
  const ringkas = page.getByTestId('pratinjau-ringkasan');
  await ringkas.waitFor();
  const lebar = await ringkas.evaluate((dl) => {
    const dd = dl.querySelector('dd:not([hidden])');
    return { dl: dl.getBoundingClientRect().width, dd: dd.getBoundingClientRect().width };
  });
  assert.ok(lebar.dd > lebar.dl * 0.9, `the value takes the panel's width: ${JSON.stringify(lebar)}`);
  await screenshot(page, 'pratinjau-desktop-en');
  await page.getByTestId('ganti-bahasa').click();
  await page.waitForFunction(() => document.documentElement.lang === 'id');
  await screenshot(page, 'pratinjau-desktop');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a percentage above 100 against a target of at most 100 is warned about', async () => {
  const s = await apiSession(server.base, '199512302022032008');
  const [periode] = await s.get('/api/v1/org/periode');
  const r = rencana('Terlayaninya permohonan');
  r.rhk[0].indikator[0] = { ...r.rhk[0].indikator[0], uraian: 'Permohonan diproses tepat waktu', target: '90', satuan: 'persen' };
  const skp = await s.post('/api/v1/skp', { periode_id: periode.id, rencana: r });
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.setViewportSize(VIEWPORTS.phone);
  await browser.context.clearCookies();
  await login(page, server.base, '199512302022032008');
  await page.goto(`${server.base}/skp/${skp.id}`);
  await page.getByTestId('editor-skp').waitFor();
  const iki = page.getByTestId('iki').first();
  await iki.getByTestId('iki-realisasi').fill('900');
  const janggal = iki.getByTestId('realisasi-janggal');
  await janggal.waitFor();
  assert.match(await janggal.textContent(), /Realisasi 900% melebihi 100%, padahal targetnya 90%\. Periksa lagi angkanya \(tulis 90 untuk 90%\)\./);
  await iki.getByTestId('iki-realisasi').fill('95%');
  await page.waitForFunction(() => document.querySelector('[data-testid=capaian-iki]')?.textContent === '95 dari 90 = 105,6%');
  assert.equal(await janggal.isVisible(), false);
  assert.deepEqual(problems, []);
  await page.close();
});
