// The example agency page in real headless Chromium, served by the real tile server under its
// strict CSP: every catalogue layer renders, the legend hides a layer, and a tapped symbol opens a
// popup that shows the feature's data as text only. Needs the built widget (npm run build).
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer } from '../../packages/tile-server/src/index.js';
import {
  parseCatalog,
  safetyLayers,
  type CatalogLayer,
  type CatalogTileset,
} from '../../packages/widget/src/catalog_client.js';
import { popupModel } from '../../packages/widget/src/popup_content.js';
// Brings in the types of <safety-map> and its events for the code that runs in the page.
import type {} from '../../packages/widget/src/safety_map_element.js';
import { renderedCounts } from './csp_agency_page.js';
import { launchBrowser, type LaunchedBrowser } from './launch_browser.js';
import { BROWSER_TIMEOUT_MS, MAP_TIMEOUT_MS, waitForIdle } from './widget_harness.js';

const WIDGET_BUNDLE = 'packages/widget/dist/safemap-widget.js';
const ARTIFACTS = 'test-artifacts';

/** Tags the popup content may contain: exactly what popup_content.ts creates. */
const POPUP_TAGS = new Set(['ARTICLE', 'P', 'H3', 'DL', 'DIV', 'DT', 'DD', 'A']);

let server: { url: string; close(): Promise<void> };
let browser: LaunchedBrowser;
let page: Page;
let tileset: CatalogTileset;
/** Page errors, failed requests, console errors, CSP violations and widget error events. */
const problems: string[] = [];

declare global {
  interface Window {
    safemapTest: { ready: boolean; errors: string[]; cspViolations: string[] };
  }
}

beforeAll(async () => {
  if (!existsSync(WIDGET_BUNDLE)) throw new Error(`${WIDGET_BUNDLE} is missing: run "npm run build -w @safemap/widget" first`);
  server = await startServer({ catalogPath: 'examples/busan/catalog.json', host: '127.0.0.1', port: 0 });
  const catalog = parseCatalog(await (await fetch(`${server.url}/catalog`)).json(), `${server.url}/catalog`);
  tileset = catalog.tilesets[0]!;

  browser = await launchBrowser();
  page = await browser.browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on('pageerror', (error) => problems.push(`page error: ${error instanceof Error ? error.message : String(error)}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  // The demo page follows the browser's languages; its residents read Korean.
  await page.evaluateOnNewDocument(() => Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['ko-KR', 'ko'] }));
  await page.evaluateOnNewDocument(() => {
    const state = { ready: false, errors: [] as string[], cspViolations: [] as string[] };
    window.safemapTest = state;
    document.addEventListener('securitypolicyviolation', (event) => {
      state.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    }, true);
    document.addEventListener('safetymap:ready', () => (state.ready = true));
    document.addEventListener('safetymap:error', (event) => state.errors.push(event.detail.error.message));
  });

  await page.goto(`${server.url}/`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.safemapTest.ready || window.safemapTest.errors.length > 0, {
    timeout: MAP_TIMEOUT_MS,
  });
  await expectNoProblems();
  await waitForIdle(page);
}, BROWSER_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function expectNoProblems(): Promise<void> {
  const inPage = await page.evaluate(() => [
    ...window.safemapTest.errors.map((e) => `safetymap:error: ${e}`),
    ...window.safemapTest.cspViolations.map((v) => `CSP violation: ${v}`),
  ]);
  expect([...problems, ...inPage]).toEqual([]);
}

function layerById(id: string): CatalogLayer {
  const layer = tileset.layers.find((l) => l.id === id);
  if (!layer) throw new Error(`the demo catalogue has no "${id}" layer`);
  return layer;
}

describe('the Busan demo page', () => {
  test('is generated from the catalogue: its title, agency and intro, in the language chosen', async () => {
    // A page of its own, so the shared page's map is not restarted by the language switch.
    const other = await browser.browser.newPage();
    try {
      await other.setViewport({ width: 1280, height: 900 });
      await other.evaluateOnNewDocument(() => Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['en-GB', 'en'] }));
      await other.goto(`${server.url}/`, { waitUntil: 'load' });
      const header = () =>
        other.evaluate(() => ({
          title: document.title,
          heading: (document.querySelector('h1 span:not([hidden])') as HTMLElement).innerText,
          agency: (document.querySelector('.agency-name span:not([hidden])') as HTMLElement).innerText,
        }));
      // An English browser gets the English page first.
      expect(await header()).toEqual({ title: 'Busan Safety Map · 부산광역시 안전지도', heading: 'Busan Safety Map', agency: 'SafeMap demo (Busan)' });
      expect(await other.$eval('safety-map', (map) => map.getAttribute('lang'))).toBe('en');
      await other.click('.info-button');
      const intro = await other.$eval('#intro', (node) => (node as HTMLElement).innerText);
      expect(intro).toContain('Everything but the CCTV layer is synthetic demonstration data.');
      expect(intro).toContain('This map shows Safe routes home, CCTV cameras, Emergency bells and Shelters.');
      expect(intro).toContain('KOGL-Type1');
      await other.screenshot({ path: join(ARTIFACTS, 'demo-page-intro-en.png') });
      await other.click('.intro-close');
      await other.click('button[data-set-lang="ko"]');
      expect(await header()).toEqual({ title: '부산광역시 안전지도 · Busan Safety Map', heading: '부산광역시 안전지도', agency: 'SafeMap 시연 (부산)' });
    } finally {
      await other.close();
    }
  });

  test('renders at least one feature of every catalogue layer', async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'demo-page.png') });

    const counts = await renderedCounts(page);
    expect(tileset.layers.length).toBeGreaterThan(0);
    for (const layer of tileset.layers) {
      expect(counts[layer.id] ?? 0, `rendered features of ${layer.id}`).toBeGreaterThanOrEqual(1);
    }
    await expectNoProblems();
  }, BROWSER_TIMEOUT_MS);

  test('hides a layer when its legend checkbox is unticked', async () => {
    const hidden = safetyLayers(tileset).find((l) => l.geometry === 'point' && l.id !== 'shelters');
    expect(hidden, 'a point layer other than shelters').toBeDefined();
    const checkbox = await page.$(`pierce/.safemap-legend input[type="checkbox"][value="${hidden!.id}"]`);
    expect(checkbox, `legend checkbox of ${hidden!.id}`).not.toBeNull();
    await checkbox!.click();
    await waitForIdle(page);

    expect(await checkbox!.evaluate((input) => (input as HTMLInputElement).checked)).toBe(false);
    const counts = await renderedCounts(page);
    expect(counts[hidden!.id] ?? 0).toBe(0);
    for (const layer of tileset.layers.filter((l) => l.id !== hidden!.id)) {
      expect(counts[layer.id] ?? 0, `rendered features of ${layer.id}`).toBeGreaterThanOrEqual(1);
    }
    await expectNoProblems();
  }, BROWSER_TIMEOUT_MS);

  test('opens a text-only popup with the data of a tapped shelter', async () => {
    const shelters = layerById('shelters');
    const target = await page.evaluate((layerId) => {
      const element = document.querySelector('safety-map')!;
      const map = element.map!;
      const canvas = map.getCanvas().getBoundingClientRect();
      const points = map
        .queryRenderedFeatures()
        .filter((f) => f.geometry.type === 'Point')
        .map((f) => ({ feature: f, at: map.project(f.geometry.type === 'Point' ? (f.geometry.coordinates as [number, number]) : [0, 0]) }));
      // A symbol clear of the legend, the controls and every other symbol, so the tap is unambiguous.
      const candidate = points.find(
        ({ feature, at }) =>
          (feature.layer.metadata as Record<string, string>)['safemap:layer'] === layerId &&
          at.x > 380 && at.x < canvas.width - 80 && at.y > 60 && at.y < canvas.height - 60 &&
          points.every((other) => other.feature === feature || Math.hypot(other.at.x - at.x, other.at.y - at.y) > 24),
      );
      if (!candidate) return undefined;
      return {
        x: canvas.left + candidate.at.x,
        y: canvas.top + candidate.at.y,
        properties: candidate.feature.properties as Record<string, unknown>,
      };
    }, shelters.id);
    expect(target, 'an isolated, visible shelter').toBeDefined();

    await page.mouse.click(target!.x, target!.y);
    await page.waitForSelector('pierce/.maplibregl-popup-content .safemap-popup', { timeout: MAP_TIMEOUT_MS });
    const popup = await page.evaluate(() => {
      const content = document.querySelector('safety-map')!.shadowRoot!.querySelector('.maplibregl-popup-content')!;
      const article = content.querySelector('.safemap-popup')!;
      return {
        text: article.textContent ?? '',
        heading: article.querySelector('h3')?.textContent,
        rows: [...article.querySelectorAll('dl > div')].map((row) => ({
          label: row.querySelector('dt')?.textContent,
          value: row.querySelector('dd')?.textContent,
        })),
        contentChildren: [...content.children].map((child) => `${child.tagName}.${child.className}`),
        tags: [...article.querySelectorAll('*')].map((node) => node.tagName).concat(article.tagName),
      };
    });

    const properties = target!.properties;
    expect(popup.heading).toBe(properties.name);
    for (const key of ['address', 'district', 'phone', 'dataDate']) {
      if (typeof properties[key] === 'string') expect(popup.text).toContain(properties[key]);
    }
    const expected = popupModel(properties, shelters, 'ko');
    expect(popup.rows).toEqual(expected.rows.map(({ label, value }) => ({ label, value })));
    expect(popup.rows.length).toBeGreaterThanOrEqual(3);

    expect(popup.contentChildren).toEqual(['ARTICLE.safemap-popup', 'BUTTON.maplibregl-popup-close-button']);
    expect(popup.tags.filter((tag) => !POPUP_TAGS.has(tag))).toEqual([]);

    await page.screenshot({ path: join(ARTIFACTS, 'demo-page-popup.png') });
    await expectNoProblems();
  }, BROWSER_TIMEOUT_MS);

  test('removes its map when taken off the page', async () => {
    const after = await page.evaluate(() => {
      const element = document.querySelector('safety-map')!;
      const map = element.map!;
      let removed = false;
      map.once('remove', () => (removed = true));
      element.remove();
      return { removed, map: element.map === undefined, canvases: element.shadowRoot!.querySelectorAll('canvas').length };
    });
    expect(after).toEqual({ removed: true, map: true, canvases: 0 });
    await expectNoProblems();
  }, BROWSER_TIMEOUT_MS);
});
