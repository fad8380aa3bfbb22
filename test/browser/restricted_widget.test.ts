// A district page on its own origin embeds the widget with an origin-bound key: the restricted layer is drawn, listed,
// searchable and opens a popup like a public one; without a key (or with a wrong one) the public map works alone and
// nothing broken shows. Every request Chromium makes goes through a recording proxy, so the test sees which requests
// carried the key, the worker's tile requests included.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../packages/tile-server/src/index.js';
import { hashApiKey } from '../../packages/tile-server/src/security/api_keys.js';
import type {} from '../../packages/widget/src/safety_map_element.js';
import { versionedWidgetFile } from './csp_agency_page.js';
import { proxyFlags, startRecordingProxy, type RecordingProxy } from './foreign_request_proxy.js';
import { launchBrowser, type LaunchedBrowser } from './launch_browser.js';

const TIMEOUT_MS = 120_000;
const MAP_TIMEOUT_MS = 60_000;
const SHOTS = 'test-artifacts/restricted-widget';
const KEY = 'sk-district-patrol-9c1e07';
const CANARY = 'CANARY-PATROL-MEMO';
/** Patrol posts on land in Jung-gu, Busan, each with a name to search and a unit to show in its popup. */
const POSTS = [
  [129.0341597, 35.0979819],
  [129.028219, 35.09825449],
  [129.0335, 35.09867666],
  [129.0288946, 35.09896773],
  [129.03112, 35.09938825],
] as const;
const VIEW = { center: '129.031,35.0986', zoom: '16' };

let root: string;
let server: RunningServer;
let serverOrigin: string;
let site: { origin: string; server: Server };
let proxy: RecordingProxy;
let browser: LaunchedBrowser;

declare global {
  interface Window {
    restrictedTest: { ready: boolean; errors: Array<{ message: string; fatal: boolean }> };
    SafeMap: { createSafetyMap(container: Element, options: Record<string, unknown>): HTMLElement };
  }
}

/** The district's pages: the same map with the key as an attribute, through createSafetyMap, wrong, or absent. */
function pageHtml(kind: string): string {
  const script = `<script src="${serverOrigin}/widget/${versionedWidgetFile('safemap-widget.js')}"></script>`;
  const attrs = `server="${serverOrigin}" center="${VIEW.center}" zoom="${VIEW.zoom}" lang="en"`;
  const body =
    kind === 'created'
      ? `<div id="host"></div><script src="/create.js"></script>`
      : `<safety-map ${attrs}${kind === 'keyed' ? ` key="${KEY}"` : kind === 'wrong' ? ' key="sk-revoked-or-mistyped"' : ''}></safety-map>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>District patrol map</title>${script}
<link rel="icon" href="data:,"><style>body{margin:0}safety-map{display:block;height:100vh}#host,#host safety-map{height:100vh}</style></head>
<body>${body}</body></html>`;
}

const createScript = `window.SafeMap.createSafetyMap(document.getElementById('host'), { server: ${JSON.stringify(`SERVER`)}, key: ${JSON.stringify(KEY)}, lang: 'en', center: [129.031, 35.0986], zoom: 16 });`;

async function startDistrictSite(): Promise<{ origin: string; server: Server }> {
  const http = createServer((req, res) => {
    const kind = (req.url ?? '/').slice(1);
    if (kind === 'create.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(createScript.replace('SERVER', serverOrigin));
      return;
    }
    if (!['keyed', 'plain', 'wrong', 'created'].includes(kind)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(pageHtml(kind));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, server: http };
}

function writeCatalog(dir: string, pageOrigin: string): string {
  const data = path.join(dir, 'data');
  mkdirSync(data);
  const rows = POSTS.map(([lon, lat], i) => `순찰 거점 ${i + 1},P-${i + 1},${CANARY}-${i},${lat},${lon}`);
  writeFileSync(path.join(data, 'patrol.csv'), `name,unit,memo,lat,lon\n${rows.join('\n')}\n`);
  const examples = path.resolve('examples/busan');
  const catalog = {
    tilesets: [
      {
        id: 'district',
        title: { ko: '중구 안전지도', en: 'Jung-gu safety map' },
        center: [129.031, 35.0986, 15],
        bounds: [128.7, 34.85, 129.35, 35.45],
        basemap: { archive: path.join(examples, 'basemap/busan.pmtiles'), attribution: '© OpenStreetMap contributors' },
        layers: [
          {
            id: 'shelters',
            title: { ko: '대피소', en: 'Shelters' },
            geometry: 'point',
            source: { path: path.join(examples, 'data/shelters.geojson') },
            properties: { name: 'string', address: 'string', kind: 'string' },
            attribution: 'SafeMap synthetic demo data (shelters)',
            color: '#D55E00',
          },
          {
            id: 'patrol',
            title: { ko: '순찰 거점', en: 'Patrol posts' },
            geometry: 'point',
            access: 'restricted',
            source: { path: 'data/patrol.csv', columns: { lat: 'lat', lon: 'lon' } },
            properties: { name: 'string', unit: 'string' },
            attribution: 'Jung-gu police (test data)',
            color: '#0072B2',
          },
        ],
      },
    ],
    apiKeys: [{ id: 'district-page', sha256: hashApiKey(KEY), origins: [pageOrigin], tilesets: ['district'] }],
  };
  const file = path.join(dir, 'catalog.json');
  writeFileSync(file, JSON.stringify(catalog, null, 2));
  return file;
}

beforeAll(async () => {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  root = mkdtempSync(path.join(tmpdir(), 'safemap-restricted-widget-'));
  site = await startDistrictSite();
  server = await startServer({ catalogPath: writeCatalog(root, site.origin), host: '127.0.0.1', port: 0 });
  // Another host name as well as another port: the page and the tile server are cross-site, as for a real agency.
  serverOrigin = `http://localhost:${new URL(server.url).port}`;
  proxy = await startRecordingProxy();
  proxy.allowedOrigins.add(serverOrigin).add(site.origin);
  browser = await launchBrowser(proxyFlags(proxy));
}, TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await new Promise((resolve) => site?.server.close(resolve));
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Opens a district page in a fresh context (nothing cached) and waits for the map's first idle frame. */
async function open(kind: string): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const context = await browser.browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error instanceof Error ? error.message : String(error)}`));
  page.on('console', (message) => {
    // SwiftShader's own driver notes (a GPU stall on ReadPixels) are the software renderer's, not the widget's.
    if (message.text().startsWith('[.WebGL-')) return;
    if (message.type() === 'error' || message.type() === 'warn') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  await page.evaluateOnNewDocument(() => {
    window.restrictedTest = { ready: false, errors: [] };
    document.addEventListener('safetymap:ready', () => (window.restrictedTest.ready = true));
    document.addEventListener('safetymap:error', (event) => window.restrictedTest.errors.push({ message: event.detail.error.message, fatal: event.detail.fatal }));
  });
  proxy.sent.length = 0;
  await page.goto(`${site.origin}/${kind}`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.restrictedTest.ready || window.restrictedTest.errors.some((e) => e.fatal), { timeout: MAP_TIMEOUT_MS });
  await idle(page);
  return { page, problems, close: () => context.close() };
}

async function idle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = document.querySelector('safety-map')!.map!;
        map.once('idle', () => setTimeout(resolve, 100));
        map.triggerRepaint();
      }),
  );
}

/** Rendered features of a catalogue layer: their properties and their pixel in the page. */
function rendered(page: Page, layer: string): Promise<Array<{ properties: Record<string, unknown>; x: number; y: number }>> {
  return page.evaluate((layerId) => {
    const map = document.querySelector('safety-map')!.map!;
    const box = map.getContainer().getBoundingClientRect();
    const ids = map.getStyle().layers.filter((l) => (l.metadata as Record<string, unknown> | undefined)?.['safemap:layer'] === layerId).map((l) => l.id);
    if (ids.length === 0) return [];
    // A feature drawn by two style layers (its circle and its name) is counted once.
    const seen = new Map<string, { properties: Record<string, unknown>; x: number; y: number }>();
    for (const f of map.queryRenderedFeatures({ layers: ids })) {
      const p = map.project((f.geometry as unknown as { coordinates: [number, number] }).coordinates);
      seen.set(String(f.id ?? JSON.stringify(f.properties)), { properties: { ...f.properties }, x: box.left + p.x, y: box.top + p.y });
    }
    return [...seen.values()];
  }, layer);
}

function shadowTexts(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => [...document.querySelector('safety-map')!.shadowRoot!.querySelectorAll(sel)].map((n) => n.textContent ?? ''), selector);
}

function keyHeader(headers: Record<string, unknown>): unknown {
  return headers['x-safemap-key'];
}

describe('restricted layers in the widget', () => {
  test('with its key, the restricted layer is drawn, in the legend, the list, search and a popup; the key goes only to /restricted/', async () => {
    const { page, problems, close } = await open('keyed');
    try {
      expect(await shadowTexts(page, '.safemap-legend-title')).toEqual(expect.arrayContaining(['Shelters', 'Patrol posts']));
      const posts = await rendered(page, 'patrol');
      expect(posts.length).toBe(POSTS.length);
      for (const post of posts) {
        expect(Object.keys(post.properties).sort()).toEqual(['name', 'unit']);
        expect(JSON.stringify(post.properties)).not.toContain(CANARY);
      }

      const inView = await shadowTexts(page, '.safemap-in-view .safemap-item');
      expect(inView.filter((text) => text.includes('순찰 거점')).length, inView.join(' | ')).toBe(POSTS.length);

      const target = posts.find((post) => post.properties.name === '순찰 거점 3')!;
      await page.mouse.click(target.x, target.y);
      await page.waitForFunction(() => Boolean(document.querySelector('safety-map')!.shadowRoot!.querySelector('.maplibregl-popup')), { timeout: MAP_TIMEOUT_MS });
      const popup = await page.evaluate(() => document.querySelector('safety-map')!.shadowRoot!.querySelector('.maplibregl-popup')!.textContent ?? '');
      expect(popup).toContain('순찰 거점 3');
      expect(popup).toContain('P-3');
      expect(popup).not.toContain(CANARY);
      await page.screenshot({ path: path.join(SHOTS, 'keyed-popup.png') });
      await page.keyboard.press('Escape');

      await page.evaluate(() => {
        const input = document.querySelector('safety-map')!.shadowRoot!.querySelector<HTMLInputElement>('#safemap-search')!;
        input.value = '순찰거점';
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
      });
      await page.waitForFunction(() => (document.querySelector('safety-map')!.shadowRoot!.querySelector('.safemap-search-results')!.textContent ?? '').includes('순찰 거점'), { timeout: MAP_TIMEOUT_MS });
      const results = (await shadowTexts(page, '.safemap-search-results'))[0]!;
      expect(results).toContain('Patrol posts');
      await page.screenshot({ path: path.join(SHOTS, 'keyed-search.png') });

      const keyed = proxy.sent.filter((request) => keyHeader(request.headers) !== undefined);
      expect(keyed.some((request) => /\/restricted\/tiles\/district@[0-9a-f]+\/\d+\/\d+\/\d+\.mvt$/.test(request.url)), 'restricted tiles carry the key').toBe(true);
      expect(keyed.some((request) => request.url.includes('/restricted/tiles/district/search?'))).toBe(true);
      for (const request of keyed) {
        expect(request.url.startsWith(`${serverOrigin}/restricted/`), request.url).toBe(true);
        expect(keyHeader(request.headers)).toBe(KEY);
      }
      // Public tiles, the sprite, the basemap archive and the page's own origin never see it, nor does any URL.
      const unkeyed = proxy.sent.filter((request) => keyHeader(request.headers) === undefined).map((request) => request.url);
      expect(unkeyed.some((url) => url.startsWith(`${serverOrigin}/basemap/`))).toBe(true);
      expect(unkeyed.some((url) => /\/tiles\/district@[0-9a-f]+\/\d+\/\d+\/\d+\.mvt$/.test(url) && !url.includes('/restricted/'))).toBe(true);
      expect(unkeyed.some((url) => url.startsWith(site.origin))).toBe(true);
      expect(proxy.sent.filter((request) => request.url.includes(KEY))).toEqual([]);
      expect(problems).toEqual([]);
      expect(await page.evaluate(() => window.restrictedTest.errors)).toEqual([]);
    } finally {
      await close();
    }
  }, TIMEOUT_MS);

  test('createSafetyMap({ key }) shows the restricted layer too', async () => {
    const { page, problems, close } = await open('created');
    try {
      expect(await shadowTexts(page, '.safemap-legend-title')).toContain('Patrol posts');
      expect((await rendered(page, 'patrol')).length).toBe(POSTS.length);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, TIMEOUT_MS);

  test('without a key, only the public layers show and no request carries a key', async () => {
    const { page, problems, close } = await open('plain');
    try {
      expect(await shadowTexts(page, '.safemap-legend-title')).toEqual(['Shelters']);
      expect(await rendered(page, 'patrol')).toEqual([]);
      expect((await shadowTexts(page, '.safemap-in-view .safemap-item')).join(' ')).not.toContain('순찰');
      expect(proxy.sent.filter((request) => keyHeader(request.headers) !== undefined || request.url.includes('/restricted/'))).toEqual([]);
      expect(problems).toEqual([]);
      expect(await page.evaluate(() => window.restrictedTest.errors)).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, 'plain.png') });
    } finally {
      await close();
    }
  }, TIMEOUT_MS);

  test('with a wrong or revoked key, the public map works and residents see no broken layer nor notice', async () => {
    const { page, problems, close } = await open('wrong');
    try {
      expect(await shadowTexts(page, '.safemap-legend-title')).toEqual(['Shelters']);
      expect(await rendered(page, 'patrol')).toEqual([]);
      const status = await page.evaluate(() => document.querySelector('safety-map')!.shadowRoot!.querySelector<HTMLElement>('.safemap-status')!.hidden);
      expect(status, 'no status notice over the map').toBe(true);
      // The page's developer hears of it once, as a non-fatal error naming the answer; residents do not.
      const errors = await page.evaluate(() => window.restrictedTest.errors);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.fatal).toBe(false);
      expect(errors[0]!.message).toMatch(/restricted\/styles\/district\.json answered 401/);
      // One refused request, then nothing more is asked of /restricted/.
      const asked = proxy.sent.filter((request) => request.url.includes('/restricted/') && request.headers['access-control-request-method'] === undefined);
      expect(asked.map((request) => new URL(request.url).pathname)).toEqual(['/restricted/styles/district.json']);
      expect(asked.map((request) => keyHeader(request.headers))).toEqual(['sk-revoked-or-mistyped']);
      expect(problems.filter((problem) => !problem.includes('401'))).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, 'wrong-key.png') });
    } finally {
      await close();
    }
  }, TIMEOUT_MS);
});
