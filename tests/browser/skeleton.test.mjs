// The walking skeleton in a real browser: the WASM runs, the rules from
// `domain` answer in the page, the server answers the page, nothing breaks
// the strict CSP, and the page looks right on a phone, a tablet and a desktop.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, watchProblems, installCspProbe, screenshot, login, NIP, VIEWPORTS,
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
  const stopped = await server?.stop();
  assert.equal(stopped?.code, 0, `the server stops cleanly on SIGTERM\n${server?.output()}`);
});

test('the kuadran predikat changes when a select changes, computed by the wasm', async () => {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.goto(server.base + '/simulasi');
  const predikat = page.getByTestId('predikat');
  await predikat.waitFor();
  assert.equal(await predikat.getAttribute('data-predikat'), 'baik');
  assert.equal(await predikat.textContent(), 'Baik');
  await page.getByTestId('rating-hasil').selectOption('diatas_ekspektasi');
  await page.getByTestId('rating-perilaku').selectOption('diatas_ekspektasi');
  assert.equal(await predikat.getAttribute('data-predikat'), 'sangat_baik');
  assert.equal(await predikat.textContent(), 'Sangat Baik');
  await page.getByTestId('rating-perilaku').selectOption('dibawah_ekspektasi');
  assert.equal(await predikat.getAttribute('data-predikat'), 'kurang');
  await page.getByTestId('rating-hasil').selectOption('dibawah_ekspektasi');
  assert.equal(await predikat.getAttribute('data-predikat'), 'sangat_kurang');
  assert.equal(await predikat.textContent(), 'Sangat Kurang');
  assert.deepEqual(problems, []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await page.close();
});

test('the kuadran shows the nine predikat of PermenPANRB 6/2022; a cell pressed chooses both ratings', async () => {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.goto(server.base + '/simulasi');
  const sel = page.getByTestId('sel-kuadran');
  await sel.first().waitFor();
  // The regulation's table (RULES.md §3): results by row, behaviour by column.
  const d = 'dibawah_ekspektasi', s = 'sesuai_ekspektasi', a = 'diatas_ekspektasi';
  const tabel = {
    [a]: { [d]: 'kurang', [s]: 'baik', [a]: 'sangat_baik' },
    [s]: { [d]: 'kurang', [s]: 'baik', [a]: 'baik' },
    [d]: { [d]: 'sangat_kurang', [s]: 'butuh_perbaikan', [a]: 'butuh_perbaikan' },
  };
  const sel9 = await sel.evaluateAll((els) => els.map((e) => [e.dataset.hasil, e.dataset.perilaku, e.dataset.predikat, e.getAttribute('aria-current')]));
  assert.equal(sel9.length, 9);
  for (const [h, p, predikat] of sel9) assert.equal(predikat, tabel[h][p], `${h} × ${p}`);
  // Each cell is heard with both its ratings: 'Baik' three times is not enough.
  assert.equal(
    await page.locator(`[data-testid=sel-kuadran][data-hasil=${a}][data-perilaku=${d}]`).getAttribute('aria-label'),
    'Hasil kerja Di atas ekspektasi, perilaku kerja Di bawah ekspektasi: Kurang/Misconduct',
  );
  // The chosen ratings (both 'sesuai' at first) are the one current cell.
  const terpilih = () => sel.evaluateAll((els) => els.filter((e) => e.getAttribute('aria-current') === 'true').map((e) => `${e.dataset.hasil}/${e.dataset.perilaku}`));
  assert.deepEqual(await terpilih(), [`${s}/${s}`]);
  // Pressing a cell chooses both ratings and the predikat follows.
  await page.locator(`[data-testid=sel-kuadran][data-hasil=${d}][data-perilaku=${a}]`).click();
  assert.equal(await page.getByTestId('rating-hasil').inputValue(), d);
  assert.equal(await page.getByTestId('rating-perilaku').inputValue(), a);
  assert.equal(await page.getByTestId('predikat').getAttribute('data-predikat'), 'butuh_perbaikan');
  assert.deepEqual(await terpilih(), [`${d}/${a}`]);
  // A select changed moves the current cell.
  await page.getByTestId('rating-hasil').selectOption(a);
  assert.deepEqual(await terpilih(), [`${a}/${a}`]);
  assert.equal(await page.getByTestId('predikat').getAttribute('data-predikat'), 'sangat_baik');
  assert.deepEqual(problems, []);
  await page.close();
});

test("the About page shows the server's version from /api/v1/health; every page's footer links to it", async () => {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.goto(server.base + '/masuk');
  await page.locator('footer').getByRole('link', { name: 'Tentang e-Kinerja' }).click();
  assert.equal(new URL(page.url()).pathname, '/tentang');
  const status = page.getByTestId('status-server');
  await page.waitForFunction(() => document.querySelector('[data-testid=status-server]')?.textContent.includes('versi'));
  assert.match(await status.textContent(), /versi \d+\.\d+\.\d+ \(sqlite\)/);
  assert.equal(await page.getAttribute('html', 'lang'), 'id');
  assert.deepEqual(problems, []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await page.close();
});

test("a first visit loads only the wasm build of its page: the SKP editor's, the penilai's, the home build's", async () => {
  // A browser of its own: no service worker yet, as on a first visit.
  const fresh = await launchBrowser();
  try {
    for (const [path, build] of [['/skp/2026', 'skp/skp'], ['/penilai', 'penilai/penilai'], ['/masuk', 'app']]) {
      const page = await fresh.context.newPage();
      const problems = watchProblems(page);
      await page.goto(server.base + path);
      await page.getByTestId('form-login').waitFor();
      const wasm = await page.evaluate(() => performance.getEntriesByType('resource')
        .map((r) => new URL(r.name).pathname).filter((p) => p.endsWith('.wasm')));
      assert.equal(wasm.length, 1, `${path}: ${wasm}`);
      assert.match(wasm[0], new RegExp(`^/${build}-[0-9a-f]+_bg\\.wasm$`), path);
      assert.deepEqual(problems, [], path);
      await page.close();
    }
  } finally {
    await fresh.close();
  }
});

test('a client route deep link loads the app, which asks a guest to sign in', async () => {
  const page = await browser.context.newPage();
  const res = await page.goto(server.base + '/skp/2026');
  assert.equal(res.status(), 200);
  await page.getByTestId('form-login').waitFor();
  await page.close();
});

test('links move without a reload within a build, the back button returns, the current page is marked, another build is a page load, an unknown path is not found', async () => {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await login(page, server.base, NIP.kabid1);
  // A marker on the window survives only as long as no page load happens.
  await page.evaluate(() => { window.__tanpaMuatUlang = true; });
  const nav = page.getByTestId('nav');
  const current = () => nav.locator('[aria-current=page]').allTextContents();
  assert.deepEqual(await current(), ['Beranda']);
  // The home build: the dashboard, the account, the simulation.
  await nav.getByRole('link', { name: 'Akun' }).click();
  await page.getByTestId('form-ganti-sandi').waitFor();
  assert.equal(new URL(page.url()).pathname, '/akun');
  assert.deepEqual(await current(), ['Akun']);
  await nav.getByRole('link', { name: 'Simulasi' }).click();
  await page.getByTestId('predikat').waitFor();
  assert.deepEqual(await current(), ['Simulasi']);
  await page.goBack();
  await page.getByTestId('form-ganti-sandi').waitFor();
  await page.goBack();
  await page.getByTestId('dasbor').waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.deepEqual(await current(), ['Beranda']);
  await page.goForward();
  await page.getByTestId('form-ganti-sandi').waitFor();
  assert.equal(await page.evaluate(() => window.__tanpaMuatUlang), true, 'no page load on the way');
  // The penilai's pages are another wasm build: its link is a page load,
  // and Back comes home again.
  await nav.getByRole('link', { name: 'Penilaian bawahan' }).click();
  await page.getByTestId('antrian').waitFor();
  assert.equal(new URL(page.url()).pathname, '/penilai');
  assert.deepEqual(await current(), ['Penilaian bawahan']);
  assert.equal(await page.evaluate(() => window.__tanpaMuatUlang), undefined, 'the penilai build was loaded');
  assert.ok(
    await page.evaluate(() => performance.getEntriesByType('resource').some((r) => /\/penilai\/penilai-[0-9a-f]+_bg\.wasm$/.test(r.name))),
    "the penilai's own wasm",
  );
  await page.goBack();
  await page.getByTestId('form-ganti-sandi').waitFor();
  // A penilai is no admin: the console's link (a plain one, the other wasm) is not shown.
  assert.equal(await nav.getByRole('link', { name: 'Admin instansi' }).count(), 0);
  assert.deepEqual(problems, []);
  // Deep links: a page under /penilai keeps its link marked; a path no page has is not found.
  await page.goto(server.base + '/penilai/skp/tidak-ada');
  await nav.locator('[aria-current=page]').waitFor();
  assert.deepEqual(await current(), ['Penilaian bawahan']);
  await page.goto(server.base + '/tidak/ada');
  await page.getByText('Halaman tidak ditemukan.').waitFor();
  await page.goto(server.base + '/penilai/tidak-ada');
  await page.getByText('Halaman tidak ditemukan.').waitFor();
  await page.close();
  // The other tests here are a guest's.
  await browser.context.clearCookies();
});

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  test(`screenshot at ${name} size (${viewport.width}×${viewport.height})`, async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    await page.goto(server.base + '/masuk');
    await page.getByTestId('predikat').waitFor();
    // Nothing may overflow the viewport horizontally.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
    await screenshot(page, `skeleton-${name}`);
    // The simulasi page on its own, same size.
    await page.goto(server.base + '/simulasi');
    await page.getByTestId('predikat').waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) <= 0, 'simulasi overflows');
    // The kuadran's labels break between words only, never inside one
    // ("ekspekta-si"), in both languages.
    for (const bahasa of ['id', 'en']) {
      if (bahasa === 'en') {
        await page.getByTestId('ganti-bahasa').click();
        await page.waitForFunction(() => document.documentElement.lang === 'en');
      }
      const patah = await page.evaluate(() => {
        const out = [];
        for (const el of document.querySelectorAll('.kuadran th, .kuadran .sudut, .kuadran .predikat')) {
          const jalan = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          for (let n = jalan.nextNode(); n; n = jalan.nextNode()) {
            if (!n.parentElement.checkVisibility()) continue;
            for (const m of n.data.matchAll(/[^\s/]+/g)) {
              const r = document.createRange();
              r.setStart(n, m.index);
              r.setEnd(n, m.index + m[0].length);
              if (new Set([...r.getClientRects()].map((q) => Math.round(q.top))).size > 1) out.push(m[0]);
            }
          }
        }
        return out;
      });
      assert.deepEqual(patah, [], `${name} ${bahasa}: words broken inside`);
      // ...and no word is wider than its cell ("improvement" on a phone).
      const lebar = await page.evaluate(() => [...document.querySelectorAll('.kuadran .predikat')]
        .filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent));
      assert.deepEqual(lebar, [], `${name} ${bahasa}: a label wider than its cell`);
      if (bahasa === 'en') await screenshot(page, `simulasi-${name}-en`);
    }
    await page.getByTestId('ganti-bahasa').click();
    await page.waitForFunction(() => document.documentElement.lang === 'id');
    await screenshot(page, `simulasi-${name}`);
    await page.close();
  });
}
