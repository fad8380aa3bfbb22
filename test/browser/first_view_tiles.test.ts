// The demo page asks for the safety tiles of its first view while the widget's script is still downloading, and
// MapLibre's own requests for them are then answered from the browser's cache: every request Chromium makes (the
// page's and the worker's alike) goes through a recording proxy, so a tile fetched twice, or one the page missed or
// fetched in vain, is seen. Needs the built widget (npm run build).
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer } from '../../packages/tile-server/src/index.js';
import type {} from '../../packages/widget/src/safety_map_element.js';
import { proxyFlags, startRecordingProxy, type RecordingProxy } from './foreign_request_proxy.js';
import { launchBrowser, type LaunchedBrowser } from './launch_browser.js';
import { MAP_TIMEOUT_MS } from './widget_harness.js';

const TIMEOUT_MS = 120_000;
let server: { url: string; close(): Promise<void> };
let proxy: RecordingProxy;
let browser: LaunchedBrowser;

beforeAll(async () => {
  server = await startServer({ catalogPath: 'examples/busan/catalog.json', host: '127.0.0.1', port: 0 });
  proxy = await startRecordingProxy();
  proxy.allowedOrigins.add(new URL(server.url).origin);
  browser = await launchBrowser(proxyFlags(proxy));
}, TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await server?.close();
});

/** Waits until the map has drawn its first view with every tile in. */
async function waitForFirstView(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean(document.querySelector('safety-map')?.map), { timeout: MAP_TIMEOUT_MS });
  await page.evaluate(
    (timeout) =>
      new Promise<void>((resolve, reject) => {
        const map = document.querySelector('safety-map')!.map!;
        const timer = setTimeout(() => reject(new Error(`map not drawn after ${timeout} ms`)), timeout);
        const check = () => {
          if (map.loaded() && map.areTilesLoaded() && map.queryRenderedFeatures().length > 0) {
            clearTimeout(timer);
            resolve();
          } else map.once('idle', check);
        };
        check();
      }),
    MAP_TIMEOUT_MS,
  );
}

describe('the first view of the demo page', () => {
  test.each([
    ['a phone', { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
    ['a desktop', { width: 1366, height: 768 }],
  ])('on %s, its safety tiles are fetched once, by the page, and MapLibre draws them from the cache', async (_name, viewport) => {
    const context = await browser.browser.createBrowserContext();
    try {
      const page = await context.newPage();
      await page.setViewport(viewport);
      proxy.requests.length = 0;
      await page.goto(`${server.url}/`, { waitUntil: 'load' });
      await waitForFirstView(page);
      const { warmed, visible, template } = await page.evaluate(() => {
        const map = document.querySelector('safety-map')!.map!;
        const style = map.getStyle();
        const id = (style.metadata as Record<string, string>)['safemap:tileset']!;
        const source = style.sources[id] as { tiles: string[] };
        const url = (z: number, x: number, y: number) => source.tiles[0]!.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));
        return {
          template: source.tiles[0]!,
          // The page's own fetches; MapLibre's worker keeps its own timeline.
          warmed: performance
            .getEntriesByType('resource')
            .filter((entry) => (entry as PerformanceResourceTiming).initiatorType === 'fetch' && entry.name.includes('/tiles/'))
            .map((entry) => entry.name),
          visible: map.style.tileManagers[id]!.getVisibleCoordinates().map(({ canonical: c }) => url(c.z, c.x, c.y)),
        };
      });
      const fetched = proxy.requests.filter((request) => request.startsWith(template.slice(0, template.indexOf('{z}'))));
      expect(warmed.length).toBeGreaterThan(0);
      // Exactly the tiles MapLibre shows: none missed, none fetched in vain.
      expect([...new Set(warmed)].sort()).toEqual([...new Set(visible)].sort());
      // Each reached the server once: MapLibre's own request for it was answered from the cache.
      expect(fetched.sort()).toEqual([...new Set(visible)].sort());
    } finally {
      await context.close();
    }
  }, TIMEOUT_MS);
});
