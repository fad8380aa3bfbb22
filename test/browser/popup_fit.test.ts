// 200 random taps on features of the demo page, on a desktop and on a phone: every popup (desktop) or bottom sheet
// (phone) lies wholly inside the map and the viewport, Escape closes it, and every control it shows is 44 px or more.
// On a desktop with the panel open, popups also keep clear of the panel, which is drawn over the map.
// Screenshots of a few taps go to test-artifacts/popup-fit/ (emptied first) for a person to look at.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_TIMEOUT_MS, expectNoProblems, openMap, startHarness, waitForIdle, type Harness } from './widget_harness.js';

const TAPS = 200;
const SHOTS = 'test-artifacts/popup-fit';
let harness: Harness;

beforeAll(async () => {
  await rm(SHOTS, { recursive: true, force: true });
  await mkdir(SHOTS, { recursive: true });
  harness = await startHarness({ catalogPath: 'examples/busan/catalog.json' });
}, BROWSER_TIMEOUT_MS);

afterAll(async () => {
  await harness?.close();
});

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Rect = { left: number; top: number; right: number; bottom: number };

/**
 * Once the details are closed, a point feature drawn inside the map and clear of the controls, chosen by
 * `pick` ∈ [0, 1).
 */
async function featurePixel(page: Page, pick: number): Promise<{ x: number; y: number } | undefined> {
  return page.evaluate(async (r) => {
    const element = document.querySelector('safety-map')!;
    for (let i = 0; i < 100 && element.shadowRoot!.querySelector('.maplibregl-popup, .safemap-sheet:not([hidden])'); i++) await new Promise((go) => setTimeout(go, 20));
    const map = element.map!;
    // Opening a sheet moved the map: until the new view's tiles are in, parent or child tiles stand in for them, and a
    // point drawn there may be a cluster in the real tile. A person taps what the finished map shows.
    for (let i = 0; i < 250 && !(map.areTilesLoaded() && !map.isMoving()); i++) await new Promise((go) => setTimeout(go, 20));
    const root = element.shadowRoot!;
    const box = map.getContainer().getBoundingClientRect();
    const avoid = [...root.querySelectorAll('.maplibregl-ctrl')].map((c) => c.getBoundingClientRect()).filter((c) => c.width > 0);
    const ids = map.getStyle().layers.filter((l) => (l.metadata as Record<string, unknown> | undefined)?.['safemap:layer']).map((l) => l.id);
    const points = map
      .queryRenderedFeatures({ layers: ids })
      .filter((f) => f.geometry.type === 'Point')
      .map((f) => {
        const p = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
        return { x: box.left + p.x, y: box.top + p.y, cluster: Boolean(f.properties.cluster), key: `${f.sourceLayer}/${f.id}/${p.x},${p.y}` };
      });
    const candidates: Array<{ x: number; y: number }> = [];
    for (const { x, y, cluster, key } of points) {
      if (cluster) continue;
      if (x < box.left + 8 || x > box.right - 8 || y < box.top + 8 || y > box.bottom - 8) continue;
      if (avoid.some((c) => x > c.left - 14 && x < c.right + 14 && y > c.top - 14 && y < c.bottom + 14)) continue;
      // A point with another feature (often a cluster drawn over it) within a few pixels is no clear target for a
      // finger: the tap rightly opens whichever is nearer, which may be the other.
      if (points.some((o) => o.key !== key && Math.hypot(o.x - x, o.y - y) < 4)) continue;
      candidates.push({ x, y });
    }
    return candidates.length ? candidates[Math.floor(r * candidates.length)] : undefined;
  }, pick);
}

type Boxes = { details: Rect; map: Rect; viewport: Rect; panel: Rect; panelOpen: boolean; kind: string; targets: number[] };

/** Waits for the details to open, then returns their box, the map's box and the viewport. */
async function detailsBoxes(page: Page): Promise<Boxes> {
  const handle = await page.waitForFunction(() => {
    const root = document.querySelector('safety-map')!.shadowRoot!;
    const details = root.querySelector<HTMLElement>('.maplibregl-popup') ?? root.querySelector<HTMLElement>('.safemap-sheet:not([hidden])');
    if (!details) return false;
    const r = (e: Element): Rect => {
      const b = e.getBoundingClientRect();
      return { left: b.left, top: b.top, right: b.right, bottom: b.bottom };
    };
    const targets = [...details.querySelectorAll('a[href], button')].map((t) => Math.min(t.getBoundingClientRect().width, t.getBoundingClientRect().height));
    const panel = root.querySelector('.safemap-panel')!;
    const panelOpen = !root.querySelector<HTMLElement>('.safemap-panel-body')!.hidden;
    return { details: r(details), map: r(root.querySelector('.safemap-map')!), viewport: { left: 0, top: 0, right: innerWidth, bottom: innerHeight }, panel: r(panel), panelOpen, kind: details.className, targets };
  }, { timeout: 5000, polling: 'raf' });
  return (await handle.jsonValue()) as Boxes;
}

function overlap(a: Rect, b: Rect): boolean {
  return a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
}

function inside(inner: Rect, outer: Rect): boolean {
  return inner.left >= outer.left - 0.5 && inner.top >= outer.top - 0.5 && inner.right <= outer.right + 0.5 && inner.bottom <= outer.bottom + 0.5;
}

/** Taps `taps` features; with `panelOpen`, the panel stays open throughout and no popup may cover any of it. */
async function tapAll(page: Page, profile: 'desktop' | 'phone', taps = TAPS, panelOpen = false): Promise<void> {
  const next = random(profile === 'desktop' ? (panelOpen ? 3 : 1) : 2);
  let opened = 0;
  let beside = 0;
  let last = { x: -100, y: -100, at: 0 };
  let missed = 0;
  for (let tap = 0; opened < taps && tap < taps * 3; tap++) {
    if (tap % 20 === 0 || missed > 0) {
      missed = 0;
      // A new random view in the city, at street zooms, so taps land near every edge and corner.
      const view = { center: [129.0 + next() * 0.2, 35.08 + next() * 0.14] as [number, number], zoom: 13 + next() * 3 };
      await page.evaluate((v) => document.querySelector('safety-map')!.map!.jumpTo(v), view);
      await waitForIdle(page);
    }
    const at = await featurePixel(page, next());
    if (!at) {
      missed++;
      continue;
    }
    // Two taps close together within half a second are a double-tap zoom, not two taps: space them like a person would.
    const wait = 550 - (Date.now() - last.at);
    if (profile === 'phone' && Math.hypot(at.x - last.x, at.y - last.y) < 40 && wait > 0) await new Promise((go) => setTimeout(go, wait));
    if (profile === 'phone') await page.touchscreen.tap(at.x, at.y);
    else await page.mouse.click(at.x, at.y);
    last = { ...at, at: Date.now() };
    const boxes = await detailsBoxes(page).catch(async (error: Error) => {
      await page.screenshot({ path: join(SHOTS, `${profile}-failed-tap-${tap}.png`) });
      throw new Error(`${profile} tap ${tap} at ${at.x},${at.y} opened no details: ${error.message}`);
    });
    opened++;
    const where = `${profile} tap ${tap} at ${Math.round(at.x)},${Math.round(at.y)}: ${JSON.stringify(boxes)}`;
    expect(inside(boxes!.details, boxes!.map), where).toBe(true);
    expect(inside(boxes!.details, boxes!.viewport), where).toBe(true);
    expect(boxes!.kind, where).toContain(profile === 'phone' ? 'safemap-sheet' : 'maplibregl-popup');
    for (const size of boxes!.targets) expect(size, `${where}: touch target`).toBeGreaterThanOrEqual(44);
    if (panelOpen) {
      expect(boxes!.panelOpen, `${where}: the panel stays open on a wide map`).toBe(true);
      expect(overlap(boxes!.details, boxes!.panel), `${where}: the popup covers the panel`).toBe(false);
      // Taps whose popup would have reached under the panel: what this run is about.
      if (at.x - boxes!.panel.right < 200) beside++;
    }
    if (tap % 50 === 7) await page.screenshot({ path: join(SHOTS, `${profile}${panelOpen ? '-panel-open' : ''}-tap-${tap}.png`) });
    await page.keyboard.press('Escape');
  }
  expect(opened).toBe(taps);
  if (panelOpen) expect(beside, 'taps close enough to the panel for their popup to reach it').toBeGreaterThanOrEqual(10);
}

describe('every popup stays inside the viewport', () => {
  test('desktop, 1366×768: 200 random taps', async () => {
    const page = await harness.newPage({ width: 1366, height: 768 });
    await openMap(page, `${harness.server.url}/`);
    // The panel opens at first on a wide map; folded, the whole map is there to tap.
    await page.click('pierce/.safemap-panel-toggle');
    await tapAll(page, 'desktop');
    await expectNoProblems(harness, page);
    await page.close();
  }, 900_000);

  test('desktop, 1366×768 with the panel open: 80 random taps, no popup over the panel', async () => {
    const page = await harness.newPage({ width: 1366, height: 768 });
    await openMap(page, `${harness.server.url}/`);
    await tapAll(page, 'desktop', 80, true);
    await expectNoProblems(harness, page);
    await page.close();
  }, 900_000);

  test('phone, 375×667 touch: 200 random taps open a bottom sheet over at most half the map', async () => {
    const page = await harness.newPage();
    await page.emulate({
      viewport: { width: 375, height: 667, deviceScaleFactor: 2, isMobile: true, hasTouch: true, isLandscape: false },
      userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36',
    });
    await openMap(page, `${harness.server.url}/`);
    // The full-page map fills the phone's screen below the page header: no scrolling to reach it.
    const layout = await page.evaluate(() => {
      const box = document.querySelector('safety-map')!.getBoundingClientRect();
      return { top: box.top, bottom: box.bottom, scrolls: document.documentElement.scrollHeight > innerHeight };
    });
    expect(layout.top).toBeLessThan(80);
    expect(layout.bottom).toBeCloseTo(667, 0);
    expect(layout.scrolls).toBe(false);
    await tapAll(page, 'phone');
    const half = await page.evaluate(async () => {
      const root = document.querySelector('safety-map')!.shadowRoot!;
      root.querySelector<HTMLButtonElement>('.safemap-panel-toggle')!.click();
      const body = root.querySelector('.safemap-panel-body')!.getBoundingClientRect();
      return body.height / root.querySelector('.safemap-map')!.getBoundingClientRect().height;
    });
    expect(half, 'the open panel covers at most half the map').toBeLessThanOrEqual(0.5);
    await page.screenshot({ path: join(SHOTS, 'phone-panel-open.png') });
    await expectNoProblems(harness, page);
    await page.close();
  }, 900_000);
});
