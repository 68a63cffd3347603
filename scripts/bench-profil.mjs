// Where a benchmark's time goes, through the DevTools protocol (used by
// bench-keystroke.mjs and bench-unit.mjs): a Chromium trace summed by event
// on the page's main thread (BENCH_TRACE), or a sampling CPU profile by kind
// and by function (BENCH_PROFILE; wasm function names need a build that
// keeps them, see bench-keystroke.mjs); and BENCH_CSS, rules added to the
// page for an experiment.

/** BENCH_CSS: rules added to the page's style sheet, for experiments
 * ('a { … } b { … }'). */
export async function tambahCss(page) {
  if (!process.env.BENCH_CSS) return;
  await page.evaluate((rules) => {
    const sheet = document.styleSheets[0];
    for (const r of rules) sheet.insertRule(r, sheet.cssRules.length);
  }, process.env.BENCH_CSS.split('}').filter((r) => r.trim()).map((r) => `${r}}`));
}

/** Starts a trace; the function it returns stops it and prints the summary. */
export async function mulaiJejak(cdp, judul = 'the app-work loop') {
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'v8', 'blink', 'disabled-by-default-devtools.timeline'] },
  });
  return async () => {
    const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.end');
    await done;
    // The page's main thread: of the renderers' main threads (another
    // renderer may be traced too), the busiest one.
    const fils = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    const sibuk = (t) => events.reduce((s, e) => s + (e.ph === 'X' && e.pid === t.pid && e.tid === t.tid ? e.dur ?? 0 : 0), 0);
    const main = fils.map((t) => [sibuk(t), t]).sort((a, b) => b[0] - a[0])[0]?.[1];
    const mine = events
      .filter((e) => main && e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur)
      .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    // Self time: an event's duration less that of the events nested in it.
    const self = new Map();
    const stack = [];
    for (const e of mine) {
      while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
      if (stack.length) self.set(stack.at(-1), (self.get(stack.at(-1)) ?? stack.at(-1).dur) - e.dur);
      stack.push(e);
    }
    const sums = new Map();
    for (const e of mine) {
      const s = sums.get(e.name) ?? { ms: 0, n: 0 };
      s.ms += (self.get(e) ?? e.dur) / 1000; s.n += 1;
      sums.set(e.name, s);
    }
    // Style recalculations: how many elements each restyled.
    const gaya = mine.filter((e) => e.name === 'UpdateLayoutTree' && e.args?.elementCount !== undefined).map((e) => e.args.elementCount);
    const tata = mine.filter((e) => e.name === 'Layout' && e.args?.beginData).map((e) => `${e.args.beginData.dirtyObjects}/${e.args.beginData.totalObjects}${e.args.beginData.partialLayout ? 'p' : ''}`);
    if (process.env.BENCH_TRACE === 'gaya') console.log(`layouts: dirty/total objects: ${tata.slice(0, 40).join(' ')}`);
    if (process.env.BENCH_TRACE === 'gaya') console.log(`style recalcs: ${gaya.length}, elements restyled: ${JSON.stringify(gaya.slice(0, 60))}`);
    console.log(`trace of ${judul}, main thread, self time by event:`);
    for (const [name, s] of [...sums].sort((a, b) => b[1].ms - a[1].ms).slice(0, 20)) {
      console.log(`  ${s.ms.toFixed(1).padStart(9)} ms  ${String(s.n).padStart(6)}×  ${name}`);
    }
  };
}

/** BENCH_PROFILE=1: a sampling CPU profile of the loop, self time by function
 * (wasm names need a build that keeps them: `data-keep-debug`). */
export async function mulaiProfil(cdp, judul = 'the app-work loop') {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    const dt = new Map();
    profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    const sums = new Map();
    let total = 0;
    for (const n of profile.nodes) {
      const us = dt.get(n.id) ?? 0;
      total += us;
      const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'anonymous'})`;
      sums.set(name, (sums.get(name) ?? 0) + us);
    }
    const per = (us) => `${(us / 1000).toFixed(1).padStart(9)} ms`;
    const jenis = new Map();
    for (const [name, us] of sums) {
      const k = name.startsWith('__wbg') || name === 'wasm-to-js' || name === 'js-to-wasm::' ? 'wasm-bindgen glue'
        : name.startsWith('wasm-function') || name.includes('::') ? 'wasm'
        : name.startsWith('(') ? name : 'other JS and DOM calls';
      jenis.set(k, (jenis.get(k) ?? 0) + us);
    }
    console.log(`CPU profile of ${judul}: ${(total / 1000).toFixed(0)} ms sampled; by kind:`);
    for (const [k, us] of [...jenis].sort((a, b) => b[1] - a[1])) console.log(`  ${per(us)}  ${k}`);
    console.log('self time by function:');
    for (const [name, us] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.BENCH_PROFILE_TOP ?? 40))) {
      console.log(`  ${per(us)}  ${name.slice(0, 150)}`);
    }
    // BENCH_PROFILE=total: also the time inside each function, callees
    // included (a function counted once per stack, however deep it recurses).
    if (process.env.BENCH_PROFILE !== 'total') return;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const inclusive = new Map();
    for (const [id, us] of dt) {
      const seen = new Set();
      for (let at = id; at !== undefined; at = parent.get(at)) {
        const f = byId.get(at).callFrame;
        const name = f.functionName || `(${f.url.split('/').pop() || 'anonymous'})`;
        if (seen.has(name)) continue;
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + us);
      }
    }
    console.log('total time by function (callees included):');
    for (const [name, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.BENCH_PROFILE_TOP ?? 40))) {
      console.log(`  ${per(us)}  ${name.slice(0, 150)}`);
    }
  };
}
