// Compares builds of the SPA on the keystroke benchmark's 50-RHK SKP, in one
// run: each build is served by its own server to its own headless Chromium,
// and the keys are dealt to them at random, so the machine's load falls on
// all alike (run after run, this 2-core machine's p95 moves by 5 ms with
// the same build). A page is throttled 4× only while it is measured (a
// throttled renderer keeps a core busy even when idle). Usage:
//   AB_DISTS=/tmp/dist-before,dist BENCH_KEYS=300 node scripts/bench-keystroke-ab.mjs
// (copy `dist` aside before rebuilding to keep the "before").
import { startServer, launchBrowser, login, NIP, buatSkpPanjang } from '../tests/browser/lib.mjs';

const KEYS = Number(process.env.BENCH_KEYS ?? 300);
const dists = (process.env.AB_DISTS ?? '').split(',').filter(Boolean);
if (dists.length < 2) throw new Error('AB_DISTS: two or more dist folders, comma-separated');
const sisi = [];

async function siapkan(dist) {
  process.env.EKINERJA_DIST = dist;
  const server = await startServer();
  const browser = await launchBrowser();
  sisi.push({ server, browser });
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1024, height: 768 });
  await login(page, server.base, NIP.staf2);
  const id = await buatSkpPanjang(page, 50);
  await page.goto(`${server.base}/skp/${id}`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=rhk]').length === 50);
  await page.locator('#iki-0-0-realisasi').focus();
  return { page, cdp: await browser.context.newCDPSession(page), lat: [[], []] };
}

try {
  const uji = [];
  for (const d of dists) uji.push(await siapkan(d));
  for (let i = 0; i < KEYS; i++) {
    const u = uji[Math.floor(Math.random() * uji.length)];
    await u.cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    // As the benchmark's "app work": value set and `input` fired by the page,
    // until every update it scheduled has run and the page is laid out.
    const [, satu, dua] = await u.page.evaluate(async (nilai) => {
      const el = document.getElementById('iki-0-0-realisasi');
      const tugas = new MessageChannel();
      const tugasBerikut = () => new Promise((ok) => { tugas.port1.onmessage = ok; tugas.port2.postMessage(0); });
      const lat = [];
      for (const v of nilai) {
        const t0 = performance.now();
        el.value = v;
        el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: v.slice(-1) }));
        await tugasBerikut();
        document.body.getBoundingClientRect();
        lat.push(performance.now() - t0);
        await new Promise((ok) => setTimeout(ok, 30));
      }
      return lat;
    }, i % 2 ? ['', '9', '95'] : ['', '8', '85']);
    await u.cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    u.lat[0].push(satu);
    u.lat[1].push(dua);
  }
  const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))].toFixed(1);
  const baris = (xs) => `p50 ${q(xs, 0.5)} p95 ${q(xs, 0.95)}`;
  console.log('keystroke → updated preview, 50-RHK SKP, 4× slowdown, builds interleaved (ms):');
  dists.forEach((d, k) => {
    const [satu, dua] = uji[k].lat;
    console.log(`  ${d.padEnd(24)} all ${baris([...satu, ...dua])} (${satu.length * 2} keys) | 1st digit ${baris(satu)} | 2nd ${baris(dua)}`);
  });
} finally {
  for (const s of sisi) {
    await s.browser.close();
    await s.server.stop();
  }
}
