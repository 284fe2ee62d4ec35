// Benchmark: the built main.js in headless Chromium — index build and first timeline render for 1,000 and 10,000
// generated notes (the 10k/1k ratio against the 3× target), DOM rows while scrolling, frame times, main.js size.
// Usage: npm run build && npm run bench -- plugin [runs]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { buildHostScript, startHostServer } from '../test/plugin/browser/serve-host';
import { median } from './lib';

const ROOT = process.cwd();
const RUNS = Number(process.argv[2] ?? 5);
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];
const SIZES = [1000, 10_000];

interface FirstRender {
  index: number;
  render: number;
  total: number;
  rows: number;
  notes: number;
  onload: number;
  scans: number;
  statusBar: number;
}

interface Scroll {
  frames: number;
  medianFrame: number;
  p95Frame: number;
  longTasks: number;
  maxDomRows: number;
  modelRows: number;
  windowAvg: number;
  windowMax: number;
}

async function measure(browser: Browser, origin: string, n: number, withScroll: boolean): Promise<{ first: FirstRender; scroll: Scroll | null }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'UTC' });
  await context.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
  const page = await context.newPage();
  await page.goto(`${origin}/host.html?bench=${n}&layout=manual`);
  await page.waitForFunction(() => (window as unknown as { vigilHost?: { ready: boolean } }).vigilHost?.ready === true);
  const first = await page.evaluate<FirstRender>(`(async (h) => ({ ...(await h.measureFirstRender()), onload: h.timings.onload, scans: h.timings.scansDuringOnload }))(window.vigilHost)`);
  let scroll: Scroll | null = null;
  if (withScroll) {
    scroll = await page.evaluate<Scroll>(`(async () => {
      const sc = document.querySelector('.vigil-tl-scroller');
      const view = window.vigilHost.app.workspace.getLeavesOfType('vigil-timeline')[0].view;
      // The view's own work per frame: put the rows of the new window in the DOM, take the old ones out.
      const renderWindow = view.renderWindow.bind(view);
      let windowMs = 0, windowCalls = 0, windowMax = 0;
      view.renderWindow = () => { const a = performance.now(); renderWindow(); const d = performance.now() - a; windowMs += d; windowCalls++; windowMax = Math.max(windowMax, d); };
      let longTasks = 0;
      new PerformanceObserver((l) => { longTasks += l.getEntries().length; }).observe({ type: 'longtask', buffered: false });
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      await frame();
      const deltas = [];
      let maxDomRows = 0;
      let last = performance.now();
      // Fling through the list: 700 px per frame, about 4,000 rows' worth.
      for (let i = 0; i < 300 && sc.scrollTop + sc.clientHeight < sc.scrollHeight; i++) {
        sc.scrollTop += 700;
        await frame();
        const now = performance.now();
        deltas.push(now - last);
        last = now;
        maxDomRows = Math.max(maxDomRows, sc.querySelectorAll('.vigil-tl-row, .vigil-tl-heading').length);
      }
      deltas.sort((a, b) => a - b);
      return { windowAvg: windowMs / windowCalls, windowMax, frames: deltas.length, medianFrame: deltas[deltas.length >> 1], p95Frame: deltas[Math.floor(deltas.length * 0.95)], longTasks, maxDomRows, modelRows: view.domRowCount().total };
    })()`);
  }
  await context.close();
  return { first, scroll };
}

const tmp = mkdtempSync(join(tmpdir(), 'vigil-bench-plugin-'));
const hostJs = join(tmp, 'host.js');
buildHostScript(hostJs, ROOT);
const server = await startHostServer(tmp, hostJs, ROOT);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
try {
  console.log(`main.js: ${statSync(join(ROOT, 'main.js')).size} bytes (${(statSync(join(ROOT, 'main.js')).size / 1024).toFixed(1)} KiB; limit 150 KiB)`);
  // One warm-up page so the first measured size does not pay for Chromium's own start-up.
  await measure(browser, server.origin, 200, false);
  const results = new Map<number, FirstRender[]>();
  for (let r = 0; r < RUNS; r++) {
    // Interleave sizes so drift in the machine's load affects both alike.
    for (const n of SIZES) results.set(n, [...(results.get(n) ?? []), (await measure(browser, server.origin, n, false)).first]);
  }
  const med = (n: number, key: keyof FirstRender) => median(results.get(n)!.map((x) => x[key]));
  console.log(`median of ${RUNS} fresh pages each; times in ms, from onLayoutReady to the painted first frame`);
  console.log('notes   onload  scans  index  render  total  DOM rows  status bar (all notes checked)');
  for (const n of SIZES) {
    console.log(
      `${String(n).padStart(6)}  ${med(n, 'onload').toFixed(1).padStart(6)}  ${String(med(n, 'scans')).padStart(5)}  ${med(n, 'index').toFixed(1).padStart(5)}  ${med(n, 'render').toFixed(1).padStart(6)}  ${med(n, 'total').toFixed(1).padStart(5)}  ${String(med(n, 'rows')).padStart(8)}  ${med(n, 'statusBar').toFixed(1).padStart(8)}`,
    );
  }
  const ratio = med(10_000, 'total') / med(1000, 'total');
  console.log(`10,000 / 1,000 notes (index + first render): ${ratio.toFixed(2)}× (target ≤ 3×) — ${ratio <= 3 ? 'within target' : 'OVER TARGET'}`);
  console.log(`status bar, i.e. every note read and contract-checked, in idle time after the first paint: ${(med(10_000, 'statusBar') / med(1000, 'statusBar')).toFixed(2)}×`);
  console.log(`index build alone: ${(med(10_000, 'index') / med(1000, 'index')).toFixed(2)}×; first render alone: ${(med(10_000, 'render') / med(1000, 'render')).toFixed(2)}×`);
  const { scroll } = await measure(browser, server.origin, 10_000, true);
  if (scroll) {
    console.log(
      `scrolling 10,000 notes (${scroll.modelRows} rows in the model): ${scroll.frames} frames, median ${scroll.medianFrame.toFixed(1)} ms, p95 ${scroll.p95Frame.toFixed(1)} ms, long tasks ${scroll.longTasks}, at most ${scroll.maxDomRows} rows in the DOM; the view's work per frame ${scroll.windowAvg.toFixed(2)} ms on average, ${scroll.windowMax.toFixed(1)} ms at most`,
    );
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
}
