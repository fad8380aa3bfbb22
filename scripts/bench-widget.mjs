// Widget budgets on a phone network (printed, never asserted), measured on the demo page `/` as a resident opens it:
//   1. first load ≤ 700 KB transferred: every byte the server sends (headers and bodies, page, worker and tiles),
//      counted by a TCP relay in front of the server, so nothing the browser does can hide a request;
//   2. first safety layer drawn ≤ 5 s and 3. map idle ≤ 8 s, on Chromium's Fast 3G profile (563 ms RTT,
//      1.47 Mbps down, 675 kbps up) set through CDP Network.emulateNetworkConditions on the page and on each worker,
//      from navigation start, each run in a fresh browser context (cold cache).
// Also printed: the widget's own code beyond MapLibre (budget ≤ 30 KB gzip), and the same page load with no
// emulation as the baseline of the same run.
// With --waterfall, one more Fast 3G load prints every request (the page's and MapLibre's worker's) with its start
// and end in ms from the first, and its bytes: where a phone waits.
// Usage: npm run bench:widget [-- --runs 5] [-- --waterfall]   (needs `npm run build`)
import { createServer, connect } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import puppeteer from 'puppeteer';
import { startServer } from '../packages/tile-server/dist/index.js';

const BUDGET = { bytesKB: 700, firstLayerMs: 5000, idleMs: 8000, ownCodeKB: 30 };
/** Chromium DevTools' "Fast 3G" preset. */
const FAST_3G = { offline: false, latency: 563, downloadThroughput: (1.47 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 };

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, waterfall: { type: 'boolean', default: false } } });
const runs = Number(values.runs);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const kb = (bytes) => (bytes / 1024).toFixed(1);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const verdict = (ok) => (ok ? 'within budget' : 'OVER BUDGET');

// The widget's own code, MapLibre left out.
const own = await esbuild.build({
  entryPoints: [path.join(root, 'packages/widget/src/index.ts')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  platform: 'browser',
  loader: { '.css': 'text' },
  define: { __SAFEMAP_WORKER_FILE__: '"maplibre-gl-worker.mjs"' },
  external: ['maplibre-gl'],
  write: false,
  logLevel: 'error',
});
const ownGzip = gzipSync(own.outputFiles[0].contents, { level: 9 }).length;
process.stdout.write(`widget code beyond MapLibre: ${kb(ownGzip)} KB gzip; budget ${BUDGET.ownCodeKB} KB: ${verdict(ownGzip / 1024 <= BUDGET.ownCodeKB)}\n`);

// A relay that counts what the server sends; the browser talks to it as if it were the server.
let received = 0;
const relay = createServer((client) => {
  const upstream = connect(Number(target.port), target.hostname);
  upstream.on('data', (chunk) => (received += chunk.length));
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
});
await new Promise((resolve) => relay.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${relay.address().port}`;
// The browser reaches the server at the relay's address, as a resident reaches one behind a proxy.
const server = await startServer({ catalogPath: path.join(root, 'examples/busan/catalog.json'), host: '127.0.0.1', port: 0, publicUrl: origin });
const target = new URL(server.url);

const browser = await puppeteer.launch({
  headless: true,
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--no-first-run', '--disable-quic'],
});

/**
 * Marks, in page time from navigation start, the first frame with a safety feature drawn and the first idle after it.
 * Frames are watched from the moment the element has a map (its `map` property), before `safetymap:ready`: the map
 * fires `load` only once its first tiles are in, and it may draw some of them frames earlier.
 */
function probe() {
  const watch = () => {
    const map = document.querySelector('safety-map')?.map;
    if (!map) {
      setTimeout(watch, 10);
      return;
    }
    let ids;
    const drawn = () => {
      // getStyle() is undefined until the style is in.
      ids ??= map.getStyle()?.layers.filter((l) => l.metadata && l.metadata['safemap:layer']).map((l) => l.id);
      if (!ids || window.benchFirstLayerAt !== undefined || map.queryRenderedFeatures({ layers: ids }).length === 0) return;
      window.benchFirstLayerAt = performance.now();
      map.off('render', drawn);
      settled();
    };
    const settled = () => {
      if (map.areTilesLoaded() && !map.isMoving()) window.benchIdleAt = performance.now();
      else {
        map.once('idle', settled);
        map.triggerRepaint();
      }
    };
    map.on('render', drawn);
  };
  watch();
}

/** Requests of a load as CDP reports them, from the page and its workers: [start, end, bytes, url]. */
function recordRequests(client, requests, prefix) {
  const open = new Map();
  client.on('Network.requestWillBeSent', (event) => open.set(event.requestId, { start: event.timestamp, url: prefix + event.request.url.replace(origin, '') }));
  client.on('Network.loadingFinished', (event) => {
    const request = open.get(event.requestId);
    if (request) requests.push([request.start, event.timestamp, event.encodedDataLength, request.url]);
  });
}

async function load(emulate, requests = undefined) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(`console: ${message.text()}`); });
    page.on('response', (response) => { if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.url()}`); });
    if (emulate) {
      const cdp = await page.createCDPSession();
      if (requests) recordRequests(cdp, requests, '');
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', FAST_3G);
      // Dedicated workers fetch on their own target; throttle them too (MapLibre's worker fetches the tiles).
      page.on('workercreated', (worker) => {
        if (requests) recordRequests(worker.client, requests, 'worker ');
        worker.client.send('Network.enable').then(() => worker.client.send('Network.emulateNetworkConditions', FAST_3G)).catch(() => undefined);
      });
    }
    await page.evaluateOnNewDocument(probe);
    received = 0;
    await page.goto(`${origin}/`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await page.waitForFunction(() => typeof window.benchIdleAt === 'number', { timeout: 120_000, polling: 50 }).catch((error) => {
      throw new Error(`${error.message}; ${errors.join('; ')}`);
    });
    // Anything still in flight (the list's feature look-ups are lazy, so there should be nothing) is counted too.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [firstLayer, idle] = await page.evaluate(() => [window.benchFirstLayerAt, window.benchIdleAt]);
    return { bytes: received, firstLayer, idle };
  } finally {
    await context.close();
  }
}

try {
  await load(false); // warms the server's tile cache, so every run is served the same cached bytes
  const fast = [];
  const plain = [];
  for (let i = 0; i < runs; i++) {
    fast.push(await load(true));
    plain.push(await load(false));
  }
  const m = (list, key) => median(list.map((r) => r[key]));
  const bytes = m(fast, 'bytes');
  process.stdout.write(`demo page /, phone viewport 390×844, ${runs} runs, cold cache, medians:\n`);
  process.stdout.write(`  first load transferred: ${kb(bytes)} KB (runs: ${fast.map((r) => kb(r.bytes)).join(' ')}); budget ${BUDGET.bytesKB} KB: ${verdict(bytes / 1024 <= BUDGET.bytesKB)}\n`);
  const firstLayer = m(fast, 'firstLayer');
  const idle = m(fast, 'idle');
  process.stdout.write(`  Fast 3G, first safety layer drawn: ${(firstLayer / 1000).toFixed(2)} s (runs: ${fast.map((r) => (r.firstLayer / 1000).toFixed(2)).join(' ')}); budget ${BUDGET.firstLayerMs / 1000} s: ${verdict(firstLayer <= BUDGET.firstLayerMs)}\n`);
  process.stdout.write(`  Fast 3G, map idle: ${(idle / 1000).toFixed(2)} s (runs: ${fast.map((r) => (r.idle / 1000).toFixed(2)).join(' ')}); budget ${BUDGET.idleMs / 1000} s: ${verdict(idle <= BUDGET.idleMs)}\n`);
  const plainIdle = m(plain, 'idle');
  process.stdout.write(`  no emulation (baseline of this run), map idle: ${(plainIdle / 1000).toFixed(2)} s; Fast 3G costs ${(idle / plainIdle).toFixed(1)}× that\n`);
  if (values.waterfall) {
    const requests = [];
    const run = await load(true, requests);
    const first = Math.min(...requests.map(([start]) => start));
    process.stdout.write(`\nFast 3G waterfall of one more load (first safety layer ${(run.firstLayer / 1000).toFixed(2)} s, idle ${(run.idle / 1000).toFixed(2)} s from navigation):\n   start ms   end ms    bytes  request\n`);
    for (const [start, end, bytes, url] of requests.sort((a, b) => a[0] - b[0])) {
      if (url.startsWith('data:') || url.startsWith('blob:')) continue;
      process.stdout.write(`${((start - first) * 1000).toFixed(0).padStart(10)} ${((end - first) * 1000).toFixed(0).padStart(8)} ${String(bytes).padStart(8)}  ${url}\n`);
    }
  }
} finally {
  await browser.close();
  relay.close();
  await server.close();
}
