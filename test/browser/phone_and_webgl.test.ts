// The widget on a phone (375×667, touch) and when WebGL fails: the panel folds behind a 44 px
// button, details stay on screen, the map survives a lost GPU context, and without WebGL at all the
// places are listed instead.
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_TIMEOUT_MS, expectNoProblems, MAP_TIMEOUT_MS, openMap, shadowTexts, startHarness, waitForIdle, waitForShadow, type Harness } from './widget_harness.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ catalogPath: 'examples/busan/catalog.json' });
}, BROWSER_TIMEOUT_MS);

afterAll(async () => {
  await harness?.close();
});

type Box = { x: number; y: number; width: number; height: number };

async function shadowBox(page: Page, selector: string): Promise<Box | null> {
  return page.evaluate((sel) => {
    const node = document.querySelector('safety-map')!.shadowRoot!.querySelector(sel);
    if (!node) return null;
    const r = node.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }, selector);
}

async function tapShadow(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => document.querySelector('safety-map')!.shadowRoot!.querySelector(sel)?.scrollIntoView({ block: 'nearest' }), selector);
  const box = await shadowBox(page, selector);
  expect(box, selector).not.toBeNull();
  await page.touchscreen.tap(box!.x + box!.width / 2, box!.y + box!.height / 2);
}

describe('on a phone', () => {
  let page: Page;

  beforeAll(async () => {
    page = await harness.newPage();
    await page.emulate({
      viewport: { width: 375, height: 667, deviceScaleFactor: 2, isMobile: true, hasTouch: true, isLandscape: false },
      userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36',
    });
    await openMap(page, `${harness.server.url}/`);
    await page.evaluate(() => document.querySelector('safety-map')!.scrollIntoView());
  }, BROWSER_TIMEOUT_MS);

  test('the panel starts folded behind a toggle of at least 44×44 px and opens with a tap', async () => {
    const toggle = await shadowBox(page, '.safemap-panel-toggle');
    expect(toggle!.width).toBeGreaterThanOrEqual(44);
    expect(toggle!.height).toBeGreaterThanOrEqual(44);
    expect(await page.evaluate(() => document.querySelector('safety-map')!.shadowRoot!.querySelector('.safemap-panel-body')!.hasAttribute('hidden'))).toBe(true);

    await tapShadow(page, '.safemap-panel-toggle');
    const state = await page.evaluate(() => {
      const root = document.querySelector('safety-map')!.shadowRoot!;
      return {
        expanded: root.querySelector('.safemap-panel-toggle')!.getAttribute('aria-expanded'),
        rows: [...root.querySelectorAll('.safemap-legend label')].map((l) => l.getBoundingClientRect().height),
      };
    });
    expect(state.expanded).toBe('true');
    for (const height of state.rows) expect(height).toBeGreaterThanOrEqual(44);
    const body = await shadowBox(page, '.safemap-panel-body');
    expect(body!.x).toBeGreaterThanOrEqual(0);
    expect(body!.x + body!.width).toBeLessThanOrEqual(375);
    // Nothing of the map (its attribution button in the bottom corner, say) sits over the open panel: each control in
    // view is what a tap at its left end, middle and right end reaches.
    const covered = await page.evaluate(() => {
      const root = document.querySelector('safety-map')!.shadowRoot!;
      const panel = root.querySelector('.safemap-panel-body')!;
      const view = panel.getBoundingClientRect();
      const out: string[] = [];
      let checked = 0;
      for (const control of panel.querySelectorAll<HTMLElement>('button, select, input:not([type="checkbox"]), label, a[href]')) {
        const box = control.getBoundingClientRect();
        if (box.width === 0 || box.top < view.top || box.bottom > view.bottom) continue;
        checked++;
        for (const x of [box.left + 4, (box.left + box.right) / 2, box.right - 4]) {
          const top = root.elementFromPoint(x, (box.top + box.bottom) / 2);
          if (!top || !(control === top || control.contains(top))) out.push(`${control.outerHTML.slice(0, 60)} at x=${Math.round(x)} is under ${top?.outerHTML.slice(0, 80)}`);
        }
      }
      return { checked, out };
    });
    expect(covered.checked).toBeGreaterThan(3);
    // The toggle just tapped keeps its hover state on a phone: it stays opaque, not see-through onto the map.
    const toggleBackground = await page.evaluate(() => getComputedStyle(document.querySelector('safety-map')!.shadowRoot!.querySelector('.safemap-panel-toggle')!).backgroundColor);
    expect(toggleBackground).toMatch(/^rgb\(/);
    expect(covered.out).toEqual([]);
    await page.screenshot({ path: 'test-artifacts/phone-panel-open.png' });

    // A tap on a legend row hides that layer.
    await tapShadow(page, '.safemap-legend li:nth-child(2) label');
    expect(await page.evaluate(() => document.querySelector('safety-map')!.shadowRoot!.querySelector<HTMLInputElement>('.safemap-legend li:nth-child(2) input')!.checked)).toBe(false);
    await tapShadow(page, '.safemap-legend li:nth-child(2) label');
    await expectNoProblems(harness, page);
  }, BROWSER_TIMEOUT_MS);

  test('a shelter’s details stay inside the viewport, and the attribution is folded but reachable', async () => {
    await tapShadow(page, 'button[data-origin="centre"]');
    await waitForShadow(page, 'ol.safemap-items:not([hidden]) .safemap-item');
    await tapShadow(page, 'ol.safemap-items .safemap-item');
    // On a phone, details are a bottom sheet, and opening it folds the panel.
    await waitForShadow(page, '.safemap-sheet:not([hidden]) .safemap-popup');
    await waitForIdle(page);
    expect(await page.evaluate(() => document.querySelector('safety-map')!.shadowRoot!.querySelector('.safemap-panel-body')!.hasAttribute('hidden'))).toBe(true);
    const popup = await shadowBox(page, '.safemap-sheet');
    expect(popup!.x).toBeGreaterThanOrEqual(0);
    expect(popup!.y).toBeGreaterThanOrEqual(0);
    expect(popup!.x + popup!.width).toBeLessThanOrEqual(375);
    expect(popup!.y + popup!.height).toBeLessThanOrEqual(667);
    expect((await shadowTexts(page, '.safemap-sheet h3'))[0]).not.toBe('');

    const attribution = await page.evaluate(() => {
      const root = document.querySelector('safety-map')!.shadowRoot!;
      const control = root.querySelector('.maplibregl-ctrl-attrib')!;
      const button = root.querySelector('.maplibregl-ctrl-attrib-button')!.getBoundingClientRect();
      return { compact: control.classList.contains('maplibregl-compact'), open: control.classList.contains('maplibregl-compact-show'), button: button.width > 0 && button.height > 0 };
    });
    expect(attribution).toEqual({ compact: true, open: false, button: true });
    await page.screenshot({ path: 'test-artifacts/widget-phone.png' });
    await expectNoProblems(harness, page);
  }, BROWSER_TIMEOUT_MS);
});

describe('when WebGL fails', () => {
  test('the map recovers from a lost WebGL context', async () => {
    const page = await harness.newPage();
    await openMap(page, `${harness.server.url}/`);
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const map = document.querySelector('safety-map')!.map!;
          const gl = map.getCanvas().getContext('webgl2')!;
          const ext = gl.getExtension('WEBGL_lose_context')!;
          map.once('webglcontextlost', () => setTimeout(() => ext.restoreContext(), 100));
          map.once('webglcontextrestored', () => resolve());
          ext.loseContext();
        }),
    );
    await waitForIdle(page);
    const after = await page.evaluate(() => {
      const element = document.querySelector('safety-map')!;
      const layers = new Set(element.map!.queryRenderedFeatures().map((f) => (f.layer.metadata as Record<string, string> | undefined)?.['safemap:layer']).filter(Boolean));
      return { layers: layers.size, statusHidden: element.shadowRoot!.querySelector<HTMLElement>('.safemap-status')!.hidden };
    });
    expect(after.layers).toBeGreaterThanOrEqual(4);
    expect(after.statusHidden).toBe(true);
    await expectNoProblems(harness, page);
    await page.close();
  }, BROWSER_TIMEOUT_MS);

  test('without WebGL the places are listed with a notice, and details open in the panel', async () => {
    const page = await harness.newPage({
      setup: async (p) => {
        await p.evaluateOnNewDocument(() => {
          const original = HTMLCanvasElement.prototype.getContext;
          HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
            return /webgl/i.test(type) ? null : (original as (...a: unknown[]) => unknown).call(this, type, ...rest);
          } as typeof original;
        });
      },
    });
    await page.goto(`${harness.server.url}/`, { waitUntil: 'load' });
    await waitForShadow(page, '.safemap-panel-static .safemap-in-view .safemap-item');
    const state = await page.evaluate(() => {
      const root = document.querySelector('safety-map')!.shadowRoot!;
      return {
        notice: root.querySelector('.safemap-status')!.textContent,
        canvases: root.querySelectorAll('canvas').length,
        items: root.querySelectorAll('.safemap-in-view .safemap-item').length,
        heading: root.querySelector('#safemap-list-heading')!.textContent,
        nonFatal: window.safemapHarness.errors.length,
      };
    });
    expect(state).toMatchObject({ notice: '이 브라우저에서는 지도를 그릴 수 없어 목록으로 보여 드립니다.', canvases: 0, heading: '시설 목록', nonFatal: 1 });
    expect(state.items).toBeGreaterThan(10);
    const label = (await shadowTexts(page, '.safemap-in-view .safemap-item > span:first-child'))[0];
    await page.evaluate(() => document.querySelector('safety-map')!.shadowRoot!.querySelector<HTMLButtonElement>('.safemap-in-view .safemap-item')!.click());
    await waitForShadow(page, '.safemap-details:not([hidden]) h3');
    expect(await shadowTexts(page, '.safemap-details h3')).toEqual([label]);
    expect(harness.problems.get(page)).toEqual([]);
    await page.close();
  }, BROWSER_TIMEOUT_MS);
});
