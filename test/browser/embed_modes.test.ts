// The three ways to embed, from one build, each rendering every catalogue layer in real Chromium: the classic
// script, the ES module through createSafetyMap, and the /embed page in an iframe. Also the /embed page's URL
// validation and its configurable frame-ancestors, over real HTTP.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../packages/tile-server/src/index.js';
import { axeViolations } from './axe_check.js';
import { renderedCounts, waitForMap, watchPage } from './csp_agency_page.js';
import { launchBrowser, type LaunchedBrowser } from './launch_browser.js';

const TIMEOUT_MS = 120_000;
let server: RunningServer;
let framed: RunningServer;
let browser: LaunchedBrowser;
let layerIds: string[];

beforeAll(async () => {
  server = await startServer({ catalogPath: 'examples/busan/catalog.json', host: '127.0.0.1', port: 0 });
  framed = await startServer({
    catalogPath: 'test/fixtures/mini/catalog.json',
    host: '127.0.0.1',
    port: 0,
    frameAncestors: ['https://www.example.go.kr', 'https://agency.example.kr'],
  });
  const catalog = (await (await fetch(`${server.url}/catalog`)).json()) as { tilesets: { layers: { id: string }[] }[] };
  layerIds = catalog.tilesets[0]!.layers.map((layer) => layer.id);
  browser = await launchBrowser();
}, TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await framed?.close();
});

describe('each embedding mode renders every layer', () => {
  test.each([
    ['classic <script src>', '/examples/embed-script.html'],
    ['ES module: createSafetyMap from <script type="module">', '/examples/embed-module.html'],
    ['<iframe> of /embed', '/examples/embed-iframe.html'],
  ])('%s', async (_name, path) => {
    const context = await browser.browser.createBrowserContext();
    try {
      const page = await context.newPage();
      await page.setViewport({ width: 1100, height: 800 });
      const watch = await watchPage(page);
      await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
      await waitForMap(page);
      const counts = await renderedCounts(page);
      for (const id of layerIds) expect(counts[id] ?? 0, `rendered features of ${id}`).toBeGreaterThanOrEqual(1);
      expect([...watch.problems, ...(await watch.inPage())]).toEqual([]);
      if (path.includes('module')) {
        // The module example's own code ran: createSafetyMap returned the element and its ready event reached it.
        expect(await page.evaluate(() => document.documentElement.dataset.mapReady)).toBe('true');
      }
    } finally {
      await context.close();
    }
  }, TIMEOUT_MS);

  test('the /embed page has no accessibility violations (axe-core), in Korean and in English', async () => {
    for (const query of ['', '?lang=en']) {
      const context = await browser.browser.createBrowserContext();
      try {
        const page = await context.newPage();
        await page.setViewport({ width: 800, height: 600 });
        // axe is injected as a script, which the page's own CSP rightly forbids.
        await page.setBypassCSP(true);
        await watchPage(page);
        await page.goto(`${server.url}/embed${query}`, { waitUntil: 'load' });
        await waitForMap(page);
        expect(await axeViolations(page), `/embed${query}`).toEqual([]);
      } finally {
        await context.close();
      }
    }
  }, TIMEOUT_MS);

  test('/embed applies validated lang and layers to the map', async () => {
    const context = await browser.browser.createBrowserContext();
    try {
      const page = await context.newPage();
      const watch = await watchPage(page);
      await page.goto(`${server.url}/embed?tileset=busan&lang=en&layers=shelters,cctv&center=129.06,35.15&zoom=11`);
      await waitForMap(page);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      const counts = await renderedCounts(page);
      expect(counts.shelters ?? 0).toBeGreaterThan(0);
      expect(counts.cctv ?? 0).toBeGreaterThan(0);
      expect(counts['emergency-bells'] ?? 0).toBe(0);
      expect([...watch.problems, ...(await watch.inPage())]).toEqual([]);
    } finally {
      await context.close();
    }
  }, TIMEOUT_MS);
});

describe('/embed over HTTP', () => {
  test('is a fixed page with a CSP whose frame-ancestors is the configured list', async () => {
    const response = await fetch(`${framed.url}/embed?tileset=mini&lang=ko&layers=places`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('frame-ancestors https://www.example.go.kr https://agency.example.kr');
    expect(csp).toContain("script-src 'self'");
    expect(response.headers.get('x-frame-options')).toBeNull();
    const plain = await (await fetch(`${framed.url}/embed`)).text();
    expect(await response.text()).toBe(plain);

    const defaults = await fetch(`${server.url}/embed`);
    expect(defaults.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  });

  test.each([
    ['unknown tile set', 'tileset=nope', 404],
    ['unknown parameter', 'tileset=busan&onload=alert(1)', 400],
    ['script in lang', 'lang=%3Cscript%3Ealert(1)%3C/script%3E', 400],
    ['unknown layer', 'layers=shelters,%3Cimg%20src%3Dx%3E', 400],
    ['basemap layer', 'layers=land', 400],
    ['repeated parameter', 'lang=ko&lang=en', 400],
    ['centre out of range', 'center=200,35', 400],
    ['centre with markup', 'center=129,35%22%3E%3Csvg%3E', 400],
    ['zoom too large', 'zoom=25', 400],
    ['prototype key', 'tileset=__proto__', 404],
  ])('rejects %s without repeating it', async (_name, query, status) => {
    const response = await fetch(`${server.url}/embed?${query}`);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = await response.text();
    expect(body).not.toMatch(/<|alert|svg|img|nope|__proto__/);
  });

  test('serves the page script and stylesheet with nosniff', async () => {
    for (const [file, type] of [['embed.js', /javascript/], ['embed.css', /text\/css/]] as const) {
      const response = await fetch(`${server.url}/embed/${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type')).toMatch(type);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect((await fetch(`${server.url}/embed/embed.html`)).status).not.toBe(200);
  });
});
