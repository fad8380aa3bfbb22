// The demo page as a resident meets it: full-page map with a language switch, one-finger pan, 44 px controls, details
// closed by Escape with focus given back, search over places and every feature, and a clear notice when offline.
// Screenshots go to test-artifacts/resident-ui/ (emptied first).
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeViolations } from './axe_check.js';
import { BROWSER_TIMEOUT_MS, expectNoProblems, MAP_TIMEOUT_MS, openMap, shadowTexts, startHarness, waitForIdle, waitForShadow, type Harness } from './widget_harness.js';

const SHOTS = 'test-artifacts/resident-ui';
const PHONE = {
  viewport: { width: 375, height: 667, deviceScaleFactor: 2, isMobile: true, hasTouch: true, isLandscape: false },
  userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36',
};
let harness: Harness;

beforeAll(async () => {
  await rm(SHOTS, { recursive: true, force: true });
  await mkdir(SHOTS, { recursive: true });
  harness = await startHarness({ catalogPath: 'examples/busan/catalog.json' });
}, BROWSER_TIMEOUT_MS);

afterAll(async () => {
  await harness?.close();
});

async function focused(page: Page): Promise<{ tag: string; text: string; inDetails: boolean; label: string | null } | null> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return null;
    return { tag: active.tagName, text: active.textContent ?? '', inDetails: Boolean(active.closest('.maplibregl-popup, .safemap-sheet')), label: active.getAttribute('aria-label') };
  });
}

async function detailsOpen(page: Page): Promise<boolean> {
  return page.evaluate(() => Boolean(document.querySelector('safety-map')!.shadowRoot!.querySelector('.maplibregl-popup, .safemap-sheet:not([hidden])')));
}

describe('the full-page map', () => {
  test('follows the browser language, switches language, and pans with one finger', async () => {
    const page = await harness.newPage({
      setup: async (p) => {
        await p.evaluateOnNewDocument(() => Object.defineProperty(navigator, 'languages', { get: () => ['en-GB', 'ko'] }));
      },
    });
    await page.emulate(PHONE);
    await openMap(page, `${harness.server.url}/`);
    expect(await page.evaluate(() => [document.documentElement.lang, document.querySelector('safety-map')!.getAttribute('lang')])).toEqual(['en', 'en']);
    expect(await shadowTexts(page, '.safemap-legend h2')).toEqual(['Safety map layers']);
    // The page does not scroll, so the map takes one finger (no cooperative gestures).
    expect(await page.evaluate(() => document.querySelector('safety-map')!.map!.cooperativeGestures.isEnabled())).toBe(false);
    const before = await page.evaluate(() => document.querySelector('safety-map')!.map!.getCenter().toArray());
    await page.touchscreen.touchStart(200, 300);
    for (let step = 1; step <= 10; step++) await page.touchscreen.touchMove(200, 300 - step * 15);
    await page.touchscreen.touchEnd();
    await waitForIdle(page);
    const after = await page.evaluate(() => document.querySelector('safety-map')!.map!.getCenter().toArray());
    expect(after[1]).toBeLessThan(before[1]);
    expect(await page.evaluate(() => scrollY)).toBe(0);

    // Controls a thumb can hit: zoom ±, attribution, panel toggle, language and info buttons.
    const sizes = await page.evaluate(() => {
      const root = document.querySelector('safety-map')!.shadowRoot!;
      const boxes = [...root.querySelectorAll('.maplibregl-ctrl-group button, .maplibregl-ctrl-attrib-button, .safemap-panel-toggle'), ...document.querySelectorAll('.lang-switch button, .info-button')];
      return boxes.map((b) => Math.min(b.getBoundingClientRect().width, b.getBoundingClientRect().height));
    });
    expect(sizes.length).toBeGreaterThanOrEqual(7);
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(44);
    // The attribution starts folded: one button, not a strip over the map.
    expect(await page.evaluate(() => document.querySelector('safety-map')!.shadowRoot!.querySelector('.maplibregl-ctrl-attrib')!.classList.contains('maplibregl-compact-show'))).toBe(false);

    await page.click('.lang-switch [data-set-lang="ko"]');
    await page.waitForFunction(() => document.querySelector('safety-map')!.ready, { timeout: MAP_TIMEOUT_MS });
    expect(await shadowTexts(page, '.safemap-legend h2')).toEqual(['안전지도 레이어']);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
    await page.click('.info-button');
    expect(await page.evaluate(() => !document.getElementById('intro')!.hidden)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'phone-intro.png') });
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.getElementById('intro')!.hidden)).toBe(true);
    await expectNoProblems(harness, page);
    await page.close();
  }, BROWSER_TIMEOUT_MS);

  test('a map in a scrolling page keeps cooperative gestures; the attribute chooses', async () => {
    const page = await harness.newPage();
    await openMap(page, `${harness.server.url}/examples/embed-script.html`);
    const scrolling = await page.evaluate(() => {
      const element = document.querySelector('safety-map')!;
      return { scrolls: document.documentElement.scrollHeight > innerHeight, cooperative: element.map!.cooperativeGestures.isEnabled() };
    });
    expect(scrolling.cooperative).toBe(scrolling.scrolls);
    await page.evaluate(() => document.querySelector('safety-map')!.setAttribute('gestures', 'cooperative'));
    await page.waitForFunction(() => document.querySelector('safety-map')!.ready, { timeout: MAP_TIMEOUT_MS });
    expect(await page.evaluate(() => document.querySelector('safety-map')!.map!.cooperativeGestures.isEnabled())).toBe(true);
    await page.close();
  }, BROWSER_TIMEOUT_MS);
});

describe('details by keyboard', () => {
  test('Tab to a list entry, Enter opens the details inside the map, Tab cycles inside, Escape closes and gives focus back', async () => {
    const page = await harness.newPage({ width: 1366, height: 768 });
    await openMap(page, `${harness.server.url}/`);
    await page.evaluate(() => document.querySelector('safety-map')!.map!.jumpTo({ center: [129.0403, 35.1152], zoom: 15 }));
    await waitForIdle(page);
    await page.waitForFunction(() => document.querySelector('safety-map')!.shadowRoot!.querySelectorAll('.safemap-in-view .safemap-item').length > 0, { timeout: MAP_TIMEOUT_MS });
    let onEntry = false;
    for (let i = 0; i < 60 && !onEntry; i++) {
      await page.keyboard.press('Tab');
      onEntry = await page.evaluate(() => {
        let active: Element | null = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return Boolean(active?.closest('.safemap-in-view'));
      });
    }
    expect(onEntry, 'an entry of the in-view list is reachable with Tab').toBe(true);
    const entry = await focused(page);
    await page.keyboard.press('Enter');
    await waitForShadow(page, '.maplibregl-popup');
    const start = await focused(page);
    expect(start?.tag, 'focus on the heading, not a link lower down').toBe('H3');
    expect(entry!.text.startsWith(start!.text)).toBe(true);
    const fits = await page.evaluate(() => {
      const root = document.querySelector('safety-map')!.shadowRoot!;
      const popup = root.querySelector('.maplibregl-popup')!.getBoundingClientRect();
      const map = root.querySelector('.safemap-map')!.getBoundingClientRect();
      return popup.left >= map.left && popup.top >= map.top && popup.right <= map.right && popup.bottom <= map.bottom;
    });
    expect(fits).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'desktop-keyboard-popup.png') });
    // Tabbing never leaves the open details for the page behind them.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      expect((await focused(page))?.inDetails, `Tab ${i + 1} stays in the details`).toBe(true);
    }
    await page.keyboard.press('Escape');
    expect(await detailsOpen(page)).toBe(false);
    expect(await focused(page)).toEqual(entry);
    await expectNoProblems(harness, page);
    await page.close();
  }, BROWSER_TIMEOUT_MS);

  test('on a phone, details are a bottom sheet that closes the panel; axe finds no violations with it open', async () => {
    const page = await harness.newPage();
    await page.emulate(PHONE);
    await page.setBypassCSP(true);
    await openMap(page, `${harness.server.url}/`);
    await page.evaluate(() => {
      const root = document.querySelector('safety-map')!.shadowRoot!;
      if (root.querySelector('.safemap-panel-body')!.hasAttribute('hidden')) root.querySelector<HTMLButtonElement>('.safemap-panel-toggle')!.click();
      root.querySelector<HTMLButtonElement>('button[data-origin="centre"]')!.click();
    });
    await waitForShadow(page, 'ol.safemap-items:not([hidden]) .safemap-item').catch(async (error: Error) => {
      await page.screenshot({ path: join(SHOTS, 'phone-nearest-failed.png') });
      throw error;
    });
    await page.screenshot({ path: join(SHOTS, 'phone-nearest-list.png') });
    await page.evaluate(() => document.querySelector('safety-map')!.shadowRoot!.querySelector<HTMLButtonElement>('ol.safemap-items .safemap-item')!.click());
    await waitForShadow(page, '.safemap-sheet:not([hidden]) h3').catch(async (error: Error) => {
      await page.screenshot({ path: join(SHOTS, 'phone-sheet-failed.png') });
      throw error;
    });
    const state = await page.evaluate(() => {
      const root = document.querySelector('safety-map')!.shadowRoot!;
      const sheet = root.querySelector('.safemap-sheet')!.getBoundingClientRect();
      const map = root.querySelector('.safemap-map')!.getBoundingClientRect();
      return { panelHidden: root.querySelector('.safemap-panel-body')!.hasAttribute('hidden'), share: sheet.height / map.height, bottom: sheet.bottom - map.bottom };
    });
    expect(state.panelHidden).toBe(true);
    expect(state.share).toBeLessThanOrEqual(0.5);
    expect(Math.abs(state.bottom)).toBeLessThan(1);
    await page.screenshot({ path: join(SHOTS, 'phone-sheet.png') });
    const violations = await axeViolations(page);
    await page.screenshot({ path: join(SHOTS, 'phone-sheet-axe.png') });
    expect(violations).toEqual([]);
    await page.click('pierce/.safemap-sheet-close');
    expect(await detailsOpen(page)).toBe(false);
    await page.close();
  }, BROWSER_TIMEOUT_MS);
});

describe('search', () => {
  test('finds places of the gazetteer in Korean and English however spaced, and features of every layer, grouped', async () => {
    const places = (await readFile('test/fixtures/places/busan.places.json')).toString('base64');
    // The gazetteer is the basemap's; here a small fixture is given to the map as a data: URL (CSP bypassed for it),
    // on the element before the widget starts.
    const page = await harness.newPage({
      width: 1366,
      height: 768,
      setup: async (p) => {
        await p.setBypassCSP(true);
        await p.evaluateOnNewDocument((url) => {
          new MutationObserver((_records, observer) => {
            const element = document.querySelector('safety-map');
            if (!element) return;
            element.setAttribute('places', url);
            observer.disconnect();
          }).observe(document, { childList: true, subtree: true });
        }, `data:application/json;base64,${places}`);
      },
    });
    await openMap(page, `${harness.server.url}/`);
    const search = async (query: string) => {
      await page.evaluate(() => {
        const input = document.querySelector('safety-map')!.shadowRoot!.querySelector<HTMLInputElement>('#safemap-search')!;
        input.value = '';
      });
      await page.type('pierce/#safemap-search', query);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (document.querySelector('safety-map')!.shadowRoot!.querySelector('[role="search"] .safemap-note')?.textContent ?? '') !== '', { timeout: MAP_TIMEOUT_MS });
      await new Promise((resolve) => setTimeout(resolve, 300));
      return page.evaluate(() =>
        [...document.querySelector('safety-map')!.shadowRoot!.querySelectorAll('.safemap-search-group')].map((g) => ({
          title: g.querySelector('h3')!.textContent,
          items: [...g.querySelectorAll('.safemap-item')].map((b) => b.firstChild!.textContent),
        })),
      );
    };
    const english = await search('haeundae gu');
    expect(english[0]).toEqual({ title: '지역·역', items: ['해운대구'] });
    const station = await search('부산 역');
    expect(station[0]!.items[0]).toBe('부산역');
    const district = await search('해운대');
    expect(district[0]!.title).toBe('지역·역');
    expect(district[0]!.items).toEqual(expect.arrayContaining(['해운대구', '해운대해수욕장']));
    expect(district.map((g) => g.title)).toEqual(expect.arrayContaining(['대피소', 'CCTV']));
    await page.screenshot({ path: join(SHOTS, 'desktop-search.png') });
    // Choosing a place moves the map there.
    await search('부산역');
    await page.click('pierce/.safemap-search-group .safemap-item');
    await page.waitForFunction(() => Math.abs(document.querySelector('safety-map')!.map!.getCenter().lng - 129.0414) < 0.001, { timeout: MAP_TIMEOUT_MS });

    // Every feature is searchable: the last camera of the layer, far past the first 1,000.
    const points = (await (await fetch(`${harness.server.url}/tiles/busan/points/cctv`)).json()) as { id: number[] };
    const last = (await (await fetch(`${harness.server.url}/tiles/busan/features/cctv/${points.id.at(-1)}`)).json()) as { properties: { address: string } };
    const groups = await search(last.properties.address);
    expect(groups.find((g) => g.title === 'CCTV')?.items).toContain(last.properties.address);
    await expectNoProblems(harness, page);
    await page.close();
  }, BROWSER_TIMEOUT_MS);
});

describe('offline', () => {
  test('after load, going offline shows a clear notice instead of errors, and it goes when the network returns', async () => {
    const page = await harness.newPage({ width: 1366, height: 768 });
    await openMap(page, `${harness.server.url}/`);
    await page.setOfflineMode(true);
    // Moving to tiles not yet loaded fails quietly behind the notice.
    await page.evaluate(() => document.querySelector('safety-map')!.map!.jumpTo({ center: [129.16, 35.16], zoom: 16 }));
    await page.waitForFunction(() => !document.querySelector('safety-map')!.shadowRoot!.querySelector<HTMLElement>('.safemap-status')!.hidden, { timeout: MAP_TIMEOUT_MS });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const state = await page.evaluate(() => ({
      notice: document.querySelector('safety-map')!.shadowRoot!.querySelector('.safemap-status')!.textContent,
      errors: window.safemapHarness.errors,
    }));
    expect(state.notice).toBe('인터넷에 연결되어 있지 않습니다. 이미 불러온 지도만 볼 수 있습니다.');
    expect(state.errors).toEqual([]);
    // The notice lies between the panel toggle and the zoom buttons, covering neither.
    const overlaps = await page.evaluate(() => {
      const root = document.querySelector('safety-map')!.shadowRoot!;
      const notice = root.querySelector('.safemap-status')!.getBoundingClientRect();
      return [...root.querySelectorAll('.safemap-panel-toggle, .maplibregl-ctrl-group')]
        .map((control) => control.getBoundingClientRect())
        .filter((box) => box.left < notice.right && notice.left < box.right && box.top < notice.bottom && notice.top < box.bottom)
        .map((box) => [box.left, box.top, box.right, box.bottom]);
    });
    expect(overlaps).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'desktop-offline.png') });
    await page.setOfflineMode(false);
    await page.waitForFunction(() => document.querySelector('safety-map')!.shadowRoot!.querySelector<HTMLElement>('.safemap-status')!.hidden, { timeout: MAP_TIMEOUT_MS });
    await page.close();
  }, BROWSER_TIMEOUT_MS);
});
