// Keystroke-to-updated-preview on a 50-RHK SKP, in headless Chromium with a
// 4× CPU slowdown (a cheap tablet). A measurement, never a pass/fail gate:
// the budget is p95 ≤ 16 ms. Usage: node scripts/bench-keystroke.mjs
// (needs target/release/ekinerja and dist/ built: `make spa server`).
import { startServer, launchBrowser, login, NIP } from '../tests/browser/lib.mjs';

const KEYS = Number(process.env.BENCH_KEYS ?? 60);
const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1024, height: 768 });
  await login(page, server.base, NIP.staf2);
  // A 50-RHK plan, two indicators each, created through the API.
  const id = await page.evaluate(async () => {
    const sesi = (await (await fetch('/api/v1/auth/sesi')).json()).sesi;
    const periode = (await (await fetch('/api/v1/org/periode')).json())[0].id;
    const rhk = Array.from({ length: 50 }, (_, r) => ({
      id: `rhk-${r}`, uraian: `Terlaksananya layanan kepegawaian ke-${r}`, jenis: r % 5 === 4 ? 'tambahan' : 'utama',
      rhk_atasan_id: '', perspektif: null,
      indikator: [0, 1].map((k) => ({
        id: `iki-${r}-${k}`, uraian: `Persentase layanan ${r}.${k} tepat waktu`, aspek: 'kuantitas',
        target: '80', target_maks: '90', satuan: 'persen', polaritas: 'normal',
      })),
    }));
    const res = await fetch('/api/v1/skp', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': sesi.csrf_token, 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ periode_id: periode, rencana: { pendekatan: 'kuantitatif', rhk, lampiran: { dukungan_sumber_daya: [], skema_pertanggungjawaban: [], konsekuensi: [] }, ekspektasi_khusus: [] } }),
    });
    return (await res.json()).id;
  });
  await page.goto(`${server.base}/skp/${id}`);
  await page.getByTestId('editor-skp').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=rhk]').length === 50);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const input = page.locator('#iki-0-0-realisasi');
  await input.focus();
  // Two measures, both in the page:
  // 1. "app work": the page itself types into the realisation field (sets the
  //    value and fires `input`, as a key does) and takes the time until the
  //    handler and every reactive update it scheduled have run and the page
  //    is styled and laid out (a task queued after the input runs after all
  //    of them; layout is forced there). No test-driver work is inside.
  //    This is the figure the budget is about.
  // 2. "key to next frame": real key presses sent by the test driver
  //    (Playwright → DevTools protocol), from the keydown's timestamp to the
  //    first animation frame after the preview changed: adds the driver's
  //    own work on the page and the wait for the display's next refresh.
  const kerja = await page.evaluate(async (n) => {
    const el = document.getElementById('iki-0-0-realisasi');
    const lat = [];
    const tugas = new MessageChannel();
    const tugasBerikut = () => new Promise((ok) => { tugas.port1.onmessage = ok; tugas.port2.postMessage(0); });
    const jeda = (ms) => new Promise((ok) => setTimeout(ok, ms));
    for (let i = 0; i < n; i++) {
      // Alternate between values above and within the target range so the preview changes every time.
      for (const nilai of i % 2 ? ['', '9', '95'] : ['', '8', '85']) {
        const t0 = performance.now();
        el.value = nilai;
        el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: nilai.slice(-1) }));
        await tugasBerikut();
        document.body.getBoundingClientRect();
        if (nilai) lat.push(performance.now() - t0);
        await jeda(30);
      }
    }
    return lat;
  }, KEYS);
  await page.evaluate(() => {
    window.__bingkai = [];
    const el = document.getElementById('iki-0-0-realisasi');
    const target = document.querySelector('[data-testid=pratinjau-ringkasan]')?.closest('.tata-editor') ?? document.body;
    let start = 0;
    el.addEventListener('keydown', (e) => { start = e.timeStamp; }, { capture: true });
    new MutationObserver(() => {
      if (!start) return;
      const s = start;
      start = 0;
      requestAnimationFrame(() => window.__bingkai.push(performance.now() - s));
    }).observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  for (let i = 0; i < KEYS; i++) {
    await input.fill('');
    await input.pressSequentially(i % 2 ? '95' : '85', { delay: 30 });
    await page.waitForTimeout(40);
  }
  const urut = (xs) => xs.sort((a, b) => a - b);
  const bingkai = urut(await page.evaluate(() => window.__bingkai));
  urut(kerja);
  const q = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  const baris = (xs) => `p50 ${q(xs, 0.5).toFixed(1)} ms   p95 ${q(xs, 0.95).toFixed(1)} ms   max ${xs[xs.length - 1].toFixed(1)} ms`;
  console.log(`keystroke → updated preview on a 50-RHK SKP, headless Chromium, 4× CPU slowdown:`);
  console.log(`  app work (${String(kerja.length).padStart(3)} keys):      ${baris(kerja)}   (budget p95 ≤ 16 ms)`);
  console.log(`  key to next frame (${String(bingkai.length).padStart(3)} keys): ${baris(bingkai)}   (driver's keys, incl. its overhead and the vsync wait)`);
} finally {
  await browser.close();
  await server.stop();
}
