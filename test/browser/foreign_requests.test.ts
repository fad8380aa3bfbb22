// No request to any origin but the configured tile server: every request Chromium makes (pages, iframes and
// MapLibre's worker alike) goes through a recording proxy while the demo page, the /embed page and a cross-origin
// agency page load and draw their maps. data: and blob: URLs never reach a proxy, so they are excepted by design.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { waitForMap, watchPage, type AgencySite } from './csp_agency_page.js';
import { startCrossOriginRig, type CrossOriginRig } from './cross_origin_rig.js';
import type { RecordingProxy } from './foreign_request_proxy.js';
import type { LaunchedBrowser } from './launch_browser.js';

const TIMEOUT_MS = 120_000;
let rig: CrossOriginRig;
let serverOrigin: string;
let agency: AgencySite;
let proxy: RecordingProxy;
let browser: LaunchedBrowser;

beforeAll(async () => {
  rig = await startCrossOriginRig();
  ({ serverOrigin, agency, proxy, browser } = rig);
}, TIMEOUT_MS);

afterAll(async () => {
  await rig?.close();
});

describe('requests leave only for the tile server', () => {
  test.each([
    ['the demo page', () => `${serverOrigin}/`, () => [serverOrigin]],
    ['the /embed page', () => `${serverOrigin}/embed?lang=en`, () => [serverOrigin]],
    ['a cross-origin agency page', () => `${agency.origin}/`, () => [serverOrigin, agency.origin]],
  ])('%s', async (_name, url, expectedOrigins) => {
    const context = await browser.browser.createBrowserContext();
    try {
      const page = await context.newPage();
      await page.setViewport({ width: 1280, height: 800 });
      const watch = await watchPage(page);
      proxy.requests.length = 0;
      await page.goto(url(), { waitUntil: 'load' });
      await waitForMap(page);
      // Pan and zoom so tiles of a new area and the icon zoom levels are fetched too.
      await page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            const map = document.querySelector('safety-map')!.map!;
            map.once('idle', () => resolve());
            map.jumpTo({ center: [129.1, 35.17], zoom: 14 });
          }),
      );
      expect([...watch.problems, ...(await watch.inPage())]).toEqual([]);
      expect(proxy.foreign()).toEqual([]);
      const origins = new Set(proxy.requests.filter((r) => !r.startsWith('CONNECT ')).map((r) => new URL(r).origin));
      for (const origin of expectedOrigins()) expect(origins.has(origin), origin).toBe(true);
      // The record is complete: it holds the worker's tile fetches and the sprite, not just the page's own requests.
      expect(proxy.requests.filter((r) => r.startsWith(`${serverOrigin}/tiles/`) && r.endsWith('.mvt')).length).toBeGreaterThan(0);
      expect(proxy.requests.some((r) => r.startsWith(`${serverOrigin}/sprites/busan`))).toBe(true);
    } finally {
      await context.close();
    }
  }, TIMEOUT_MS);
});
