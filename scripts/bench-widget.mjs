// Widget budgets (printed, never asserted):
//   1. widget code beyond MapLibre ≤ 30 KB gzip: the ES entry bundled with maplibre-gl external, minified, gzip -9;
//   2. page load to a drawn, idle map within 1.2× of a bare MapLibre page with the same style and tiles, both served
//      by the same SafeMap server, measured navigation start → idle in headless Chromium (SwiftShader), interleaved,
//      each run in a fresh browser context (cold cache).
// Usage: npm run bench:widget [-- --runs 7]   (needs `npm run build`)
import { copyFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import puppeteer from 'puppeteer';
import { startServer } from '../packages/tile-server/dist/index.js';

const SIZE_BUDGET_KB = 30;
const LOAD_BUDGET_RATIO = 1.2;
const CENTER = [129.06, 35.15];
const ZOOM = 11;

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Number(values.runs);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const maplibreDist = path.join(path.dirname(require.resolve('maplibre-gl/package.json')), 'dist');
const kb = (bytes) => (bytes / 1024).toFixed(1);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// 1. Size of the widget's own code.
const own = await esbuild.build({
  entryPoints: [path.join(root, 'packages/widget/src/index.ts')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  platform: 'browser',
  loader: { '.css': 'text' },
  external: ['maplibre-gl'],
  write: false,
  logLevel: 'error',
});
const ownBytes = own.outputFiles[0].contents;
const ownGzip = gzipSync(ownBytes, { level: 9 }).length;
process.stdout.write(
  `widget code beyond MapLibre: ${kb(ownBytes.length)} KB minified, ${kb(ownGzip)} KB gzip; budget ${SIZE_BUDGET_KB} KB gzip: ` +
    `${ownGzip / 1024 <= SIZE_BUDGET_KB ? 'within budget' : 'OVER BUDGET'}\n`,
);

// 2. Load to idle, widget page vs bare MapLibre page, same server, same style and tiles.
const pages = mkdtempSync(path.join(tmpdir(), 'safemap-bench-widget-'));
// The bare page loads MapLibre from the same /widget/ folder as the widget, next to the same worker file.
const widgetDir = mkdtempSync(path.join(tmpdir(), 'safemap-bench-widget-dist-'));
cpSync(path.join(root, 'packages/widget/dist'), widgetDir, { recursive: true });
for (const file of ['maplibre-gl.mjs', 'maplibre-gl.css']) copyFileSync(path.join(maplibreDist, file), path.join(widgetDir, file));
// Both pages report the same moment: an `idle` map whose tiles are loaded and whose features are drawn.
const probe = `export function reportIdle(map) {
  const check = () => {
    if (map.areTilesLoaded() && map.queryRenderedFeatures().length > 0) window.benchIdleAt = performance.now();
    else {
      map.once('idle', check);
      map.triggerRepaint();
    }
  };
  map.once('idle', check);
}`;
writeFileSync(path.join(pages, 'probe.mjs'), probe);
writeFileSync(path.join(pages, 'page.css'), 'html,body{margin:0;height:100%}#map,safety-map{display:block;width:100%;height:100%}');
writeFileSync(
  path.join(pages, 'bare.html'),
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare</title><link rel="stylesheet" href="/widget/maplibre-gl.css"><link rel="stylesheet" href="page.css"><script type="module" src="bare.mjs"></script></head><body><div id="map"></div></body></html>',
);
writeFileSync(
  path.join(pages, 'bare.mjs'),
  `import * as maplibregl from '/widget/maplibre-gl.mjs';
import { reportIdle } from './probe.mjs';
// Like the widget, start the worker from a blob module: a worker script served by SafeMap carries the data CSP
// (default-src 'none'), which would govern a worker started from its URL directly and block its tile fetches.
const workerUrl = new URL('/widget/maplibre-gl-worker.mjs', import.meta.url).href;
maplibregl.setWorkerUrl(URL.createObjectURL(new Blob([\`import \${JSON.stringify(workerUrl)};\`], { type: 'text/javascript' })));
const map = new maplibregl.Map({ container: 'map', style: '/styles/busan.json', center: ${JSON.stringify(CENTER)}, zoom: ${ZOOM} });
map.on('error', (event) => console.error(String(event.error?.message ?? event.error)));
reportIdle(map);`,
);
writeFileSync(
  path.join(pages, 'widget.html'),
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>widget</title><link rel="stylesheet" href="page.css"><script src="/widget/safemap-widget.js" defer></script><script type="module" src="widget.mjs"></script></head><body><safety-map lang="en" center="${CENTER.join(',')}" zoom="${ZOOM}"></safety-map></body></html>`,
);
writeFileSync(
  path.join(pages, 'widget.mjs'),
  `import { reportIdle } from './probe.mjs';
document.addEventListener('safetymap:ready', (event) => reportIdle(event.detail));`,
);

const server = await startServer({ catalogPath: path.join(root, 'examples/busan/catalog.json'), host: '127.0.0.1', port: 0, examplesDir: pages, widgetDir });
const browser = await puppeteer.launch({
  headless: true,
  ...(process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium' ? { executablePath: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium' } : {}),
  args: ['--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--no-first-run'],
});

async function loadToIdle(page) {
  const context = await browser.createBrowserContext();
  try {
    const tab = await context.newPage();
    const errors = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await tab.setViewport({ width: 1280, height: 800 });
    await tab.goto(`${server.url}/examples/${page}`, { waitUntil: 'domcontentloaded' });
    await tab.waitForFunction(() => typeof window.benchIdleAt === 'number', { timeout: 30_000 }).catch((error) => {
      throw new Error(`${page}: ${error.message}; ${errors.join('; ')}`);
    });
    return await tab.evaluate(() => window.benchIdleAt);
  } finally {
    await context.close();
  }
}

try {
  // One untimed round warms the server's tile cache, so both pages are served the same cached bytes.
  await loadToIdle('widget.html');
  await loadToIdle('bare.html');
  const times = { bare: [], widget: [] };
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ['bare', 'widget'] : ['widget', 'bare'];
    for (const name of order) times[name].push(await loadToIdle(`${name}.html`));
  }
  const bare = median(times.bare);
  const widget = median(times.widget);
  const ratio = widget / bare;
  process.stdout.write(`load to idle map, ${runs} runs interleaved, cold cache, median: bare MapLibre ${bare.toFixed(0)} ms, widget ${widget.toFixed(0)} ms\n`);
  process.stdout.write(`  bare:   ${times.bare.map((t) => t.toFixed(0)).join(' ')} ms\n  widget: ${times.widget.map((t) => t.toFixed(0)).join(' ')} ms\n`);
  process.stdout.write(`  ratio ${ratio.toFixed(2)}× (budget ≤ ${LOAD_BUDGET_RATIO}×): ${ratio <= LOAD_BUDGET_RATIO ? 'within budget' : 'OVER BUDGET'}\n`);
} finally {
  await browser.close();
  await server.close();
  rmSync(pages, { recursive: true, force: true });
  rmSync(widgetDir, { recursive: true, force: true });
}
