// One real tile server, one headless Chromium and a page collecting every problem: what each
// widget browser test file starts from. Needs the built widget (npm run build).
import { existsSync } from 'node:fs';
import type { Page } from 'puppeteer';
import { expect } from 'vitest';
import { startServer, type RunningServer } from '../../packages/tile-server/src/index.js';
// Brings in the types of <safety-map> and its events for the code that runs in the page.
import type {} from '../../packages/widget/src/safety_map_element.js';
import { launchBrowser, type LaunchedBrowser } from './launch_browser.js';

const WIDGET_BUNDLE = 'packages/widget/dist/safemap-widget.js';
// Generous: the machine running the tests may be shared, and software WebGL slows down with it.
export const MAP_TIMEOUT_MS = 60_000;
export const BROWSER_TIMEOUT_MS = 120_000;

declare global {
  interface Window {
    safemapHarness: { ready: boolean; errors: string[]; cspViolations: string[]; featureClicks: Array<{ layer: string; properties: Record<string, unknown> }> };
  }
}

/** A server and a browser shared by the tests of one file. */
export interface Harness {
  server: RunningServer;
  browser: LaunchedBrowser;
  /** Page errors, failed requests, console errors and HTTP errors, per page. */
  problems: Map<Page, string[]>;
  newPage(options?: { width?: number; height?: number; setup?: (page: Page) => Promise<void> }): Promise<Page>;
  close(): Promise<void>;
}

/** Starts the server on `catalogPath` and a browser. */
export async function startHarness(options: { catalogPath: string; examplesDir?: string }): Promise<Harness> {
  if (!existsSync(WIDGET_BUNDLE)) throw new Error(`${WIDGET_BUNDLE} is missing: run "npm run build -w @safemap/widget" first`);
  const server = await startServer({ catalogPath: options.catalogPath, host: '127.0.0.1', port: 0, ...(options.examplesDir ? { examplesDir: options.examplesDir } : {}) });
  const browser = await launchBrowser();
  const problems = new Map<Page, string[]>();
  return {
    server,
    browser,
    problems,
    async newPage({ width = 1280, height = 900, setup } = {}) {
      const page = await browser.browser.newPage();
      const list: string[] = [];
      problems.set(page, list);
      await page.setViewport({ width, height });
      page.on('pageerror', (error) => list.push(`page error: ${error instanceof Error ? error.message : String(error)}`));
      page.on('console', (message) => {
        if (message.type() === 'error') list.push(`console error: ${message.text()}`);
      });
      page.on('requestfailed', (request) => {
        // Tiles MapLibre no longer needs after a move are cancelled; that is not a failure.
        if (request.failure()?.errorText !== 'net::ERR_ABORTED') list.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
      });
      page.on('response', (response) => {
        if (response.status() >= 400) list.push(`HTTP ${response.status()}: ${response.url()}`);
      });
      // Residents of the demo read Korean: the demo page follows the browser's languages, so the browser speaks Korean
      // (configurable, so a test's own setup can choose another language).
      await page.evaluateOnNewDocument(() => Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['ko-KR', 'ko'] }));
      await page.evaluateOnNewDocument(() => {
        const state: Window['safemapHarness'] = { ready: false, errors: [], cspViolations: [], featureClicks: [] };
        window.safemapHarness = state;
        document.addEventListener('securitypolicyviolation', (event) => state.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`), true);
        document.addEventListener('safetymap:ready', () => (state.ready = true));
        document.addEventListener('safetymap:error', (event) => state.errors.push(event.detail.error.message));
        document.addEventListener('safetymap:featureclick', (event) => state.featureClicks.push({ layer: event.detail.layer, properties: event.detail.properties }));
      });
      await setup?.(page);
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Opens `path` and waits for `safetymap:ready` and a first idle map. */
export async function openMap(page: Page, url: string, timeout = MAP_TIMEOUT_MS): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.safemapHarness.ready || window.safemapHarness.errors.length > 0, { timeout });
  await waitForIdle(page);
}

/** Resolves at the map's next `idle` (after forcing a frame, since an idle map sends no more). */
export async function waitForIdle(page: Page): Promise<void> {
  await page.evaluate(
    (timeout) =>
      new Promise<void>((resolve, reject) => {
        const map = document.querySelector('safety-map')!.map!;
        const timer = setTimeout(() => reject(new Error(`map not idle after ${timeout} ms`)), timeout);
        map.once('idle', () => {
          clearTimeout(timer);
          resolve();
        });
        map.triggerRepaint();
      }),
    MAP_TIMEOUT_MS,
  );
}

/** Waits until the list of features in view has been refreshed for the current view. */
export async function waitForList(page: Page): Promise<void> {
  await waitForIdle(page);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
}

/** Waits until an element matching `selector` exists inside the widget's shadow root. */
export async function waitForShadow(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((sel) => Boolean(document.querySelector('safety-map')?.shadowRoot?.querySelector(sel)), { timeout: MAP_TIMEOUT_MS }, selector);
}

/** Asserts that the page saw no error of any kind. */
export async function expectNoProblems(harness: Harness, page: Page): Promise<void> {
  const inPage = await page.evaluate(() => [
    ...window.safemapHarness.errors.map((e) => `safetymap:error: ${e}`),
    ...window.safemapHarness.cspViolations.map((v) => `CSP violation: ${v}`),
  ]);
  expect([...(harness.problems.get(page) ?? []), ...inPage]).toEqual([]);
}

/** Text of the elements matching `selector` inside the widget's shadow root. */
export async function shadowTexts(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    (sel) => [...document.querySelector('safety-map')!.shadowRoot!.querySelectorAll(sel)].map((node) => node.textContent ?? ''),
    selector,
  );
}
