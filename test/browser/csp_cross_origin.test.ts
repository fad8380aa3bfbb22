// An agency page on another origin embeds the widget with ONE script tag (with its SRI hash) under the strict CSP
// published in the README, on a desktop and a phone viewport. Every catalogue layer must render, with 0 CSP
// violations, 0 page errors and 0 requests to any origin but the tile server and the agency's own.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningServer } from '../../packages/tile-server/src/index.js';
import { publishedAgencyCsp, renderedCounts, waitForMap, watchPage, type AgencySite } from './csp_agency_page.js';
import { startCrossOriginRig, type CrossOriginRig } from './cross_origin_rig.js';
import type { RecordingProxy } from './foreign_request_proxy.js';
import type { LaunchedBrowser } from './launch_browser.js';

const TIMEOUT_MS = 120_000;

let rig: CrossOriginRig;
let server: RunningServer;
let serverOrigin: string;
let agency: AgencySite;
let proxy: RecordingProxy;
let browser: LaunchedBrowser;
let layerIds: string[];

beforeAll(async () => {
  rig = await startCrossOriginRig();
  ({ server, serverOrigin, agency, proxy, browser } = rig);
  const catalog = (await (await fetch(`${server.url}/catalog`)).json()) as { tilesets: { layers: { id: string }[] }[] };
  layerIds = catalog.tilesets[0]!.layers.map((layer) => layer.id);
}, TIMEOUT_MS);

afterAll(async () => {
  await rig?.close();
});

const viewports: [string, (page: Page) => Promise<void>][] = [
  ['desktop 1280×800', (page) => page.setViewport({ width: 1280, height: 800 })],
  [
    'phone 375×667 with touch',
    (page) =>
      page.emulate({
        viewport: { width: 375, height: 667, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
        userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
      }),
  ],
];

describe('strict-CSP agency page on another origin', () => {
  test('the published policy names the tile server and allows no inline code or eval', () => {
    const csp = publishedAgencyCsp(serverOrigin);
    expect(csp).toMatch(/^default-src 'none';/);
    expect(csp).toContain(`script-src ${serverOrigin}`);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  test.each(viewports)('%s: every layer renders, with 0 violations, errors or foreign requests', async (name, setViewport) => {
    // A fresh context per viewport: nothing cached by the previous run can hide a request from the proxy.
    const context = await browser.browser.createBrowserContext();
    const page = await context.newPage();
    try {
      await setViewport(page);
      const watch = await watchPage(page);
      proxy.requests.length = 0;
      const response = await page.goto(`${agency.origin}/`, { waitUntil: 'load' });
      expect(response?.headers()['content-security-policy']).toBe(publishedAgencyCsp(serverOrigin));
      await waitForMap(page).catch(async (error: Error) => {
        throw new Error(`${error.message}; seen: ${JSON.stringify([...watch.problems, ...(await watch.inPage()), ...proxy.foreign()])}`);
      });

      await mkdir('test-artifacts', { recursive: true });
      await page.screenshot({ path: join('test-artifacts', `csp-cross-origin-${name.split(' ')[0]}.png`) });
      const counts = await renderedCounts(page);
      for (const id of layerIds) expect(counts[id] ?? 0, `rendered features of ${id}`).toBeGreaterThanOrEqual(1);

      expect([...watch.problems, ...(await watch.inPage())]).toEqual([]);
      expect(proxy.foreign()).toEqual([]);
      // The proxy saw the worker's traffic too (tiles are fetched inside MapLibre's worker).
      expect(proxy.requests.some((url) => url.startsWith(`${serverOrigin}/tiles/`) && url.endsWith('.mvt'))).toBe(true);
      expect(proxy.requests.some((url) => url.startsWith(`${serverOrigin}/widget/maplibre-gl-worker.`) && url.endsWith('.mjs'))).toBe(true);
    } finally {
      await context.close();
    }
  }, TIMEOUT_MS);
});
