// What residents do with the Busan demo page, in real Chromium against the real tile server: filter
// shelters by hazard, search, find the nearest shelters (without the position ever leaving the page),
// reach a shelter's details by keyboard alone, follow the list of what is in view, and script the element.
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeViolations } from './axe_check.js';
import { BROWSER_TIMEOUT_MS, expectNoProblems, MAP_TIMEOUT_MS, openMap, shadowTexts, startHarness, waitForIdle, waitForList, waitForShadow, type Harness } from './widget_harness.js';

interface Shelter {
  id: number;
  name: string;
  hazards: string;
  at: [number, number];
}

let harness: Harness;
let page: Page;
let bounds: [number, number, number, number];
let shelters: Shelter[];

/** A resident's position: inside Busan, with digits that would stand out in any URL. */
const HOME = { longitude: 129.04321, latitude: 35.16789 };
const COMPASS_KO = ['북', '북동', '동', '남동', '남', '남서', '서', '북서'];

beforeAll(async () => {
  harness = await startHarness({ catalogPath: 'examples/busan/catalog.json' });
  const catalog = (await (await fetch(`${harness.server.url}/catalog`)).json()) as { tilesets: Array<{ bounds: [number, number, number, number] }> };
  bounds = catalog.tilesets[0]!.bounds;
  const url = `${harness.server.url}/tiles/busan/features?bbox=${bounds.join(',')}&layer=shelters&limit=1000`;
  const collection = (await (await fetch(url)).json()) as { features: Array<{ id: number; properties: Record<string, string>; geometry: { coordinates: [number, number] } }> };
  shelters = collection.features.map((f) => ({ id: f.id, name: f.properties.name!, hazards: f.properties.hazards!, at: f.geometry.coordinates }));
  expect(shelters.length).toBeGreaterThan(50);
  page = await harness.newPage();
  await openMap(page, `${harness.server.url}/`);
}, BROWSER_TIMEOUT_MS);

afterAll(async () => {
  await harness?.close();
});

/** Haversine distance in metres and initial bearing, written independently of the widget's code. */
function measure(from: [number, number], to: [number, number]): { meters: number; bearing: number } {
  const rad = Math.PI / 180;
  const [φ1, φ2] = [from[1] * rad, to[1] * rad];
  const Δφ = φ2 - φ1;
  const Δλ = (to[0] - from[0]) * rad;
  const a = Math.sin(Δφ / 2) ** 2 + Math.cos(φ1) * Math.cos(φ2) * Math.sin(Δλ / 2) ** 2;
  const meters = 2 * 6_371_008.8 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  return { meters, bearing: (Math.atan2(y, x) / rad + 360) % 360 };
}

/** The widget's focused element, looking through its shadow root. */
async function focused(target: Page): Promise<{ tag: string; text: string; origin: string | null; inPopup: boolean } | null> {
  return target.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return null;
    return { tag: active.tagName, text: active.textContent ?? '', origin: active.getAttribute('data-origin'), inPopup: Boolean(active.closest('.maplibregl-popup')) };
  });
}

async function renderedShelterHazards(): Promise<string[]> {
  return page.evaluate(() => {
    const map = document.querySelector('safety-map')!.map!;
    return map.queryRenderedFeatures({ layers: ['shelters'] }).map((f) => String(f.properties.hazards));
  });
}

describe('resident flows on the demo page', () => {
  test('the hazard filter shows only shelters that serve the chosen hazard', async () => {
    const before = await renderedShelterHazards();
    expect(before.some((h) => !h.split(',').includes('tsunami'))).toBe(true);
    await page.select('pierce/#safemap-hazard', 'tsunami');
    await waitForIdle(page);
    const after = await renderedShelterHazards();
    expect(after.length).toBeGreaterThan(0);
    expect(after.length).toBeLessThan(before.length);
    for (const hazards of after) expect(hazards.split(',')).toContain('tsunami');
    const options = await shadowTexts(page, '#safemap-hazard option');
    expect(options).toEqual(['모든 대피소', '민방위', '지진', '지진해일', '폭염', '한파']);

    await page.select('pierce/#safemap-hazard', '');
    await waitForIdle(page);
    expect((await renderedShelterHazards()).length).toBe(before.length);
    await expectNoProblems(harness, page);
  }, BROWSER_TIMEOUT_MS);

  test('search by name lists the shelter; choosing it opens its details and fires featureclick', async () => {
    const target = shelters.find((s) => s.name.length >= 6)!;
    const query = target.name.slice(0, Math.max(4, target.name.length - 2));
    await page.type('pierce/#safemap-search', query);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (name) => [...document.querySelector('safety-map')!.shadowRoot!.querySelectorAll('[role="search"] .safemap-item')].some((b) => b.firstChild?.textContent === name),
      { timeout: MAP_TIMEOUT_MS },
      target.name,
    );
    const button = await page.evaluateHandle(
      (name) => [...document.querySelector('safety-map')!.shadowRoot!.querySelectorAll('[role="search"] .safemap-item')].find((b) => b.firstChild?.textContent === name)!,
      target.name,
    );
    await (button as unknown as { click(): Promise<void> }).click();
    await waitForShadow(page, '.maplibregl-popup .safemap-popup');
    expect(await shadowTexts(page, '.maplibregl-popup h3')).toEqual([target.name]);
    const phone = await page.evaluate(() => document.querySelector('safety-map')!.shadowRoot!.querySelector('.maplibregl-popup a')?.getAttribute('href'));
    expect(phone).toMatch(/^tel:\d{9,11}$/);
    expect((await shadowTexts(page, '.maplibregl-popup dt')).join('|')).toContain('데이터 기준일');
    const clicks = await page.evaluate(() => window.safemapHarness.featureClicks);
    expect(clicks.at(-1)).toMatchObject({ layer: 'shelters', properties: { name: target.name } });
    await expectNoProblems(harness, page);
  }, BROWSER_TIMEOUT_MS);

  test('nearest shelters from a fake geolocation: order equals haversine order, and no request carries the position', async () => {
    const fresh = await harness.newPage();
    const sent: string[] = [];
    fresh.on('request', (request) => sent.push(`${request.url()} ${request.postData() ?? ''}`));
    await harness.browser.browser.defaultBrowserContext().overridePermissions(harness.server.url, ['geolocation']);
    await fresh.setGeolocation({ ...HOME, accuracy: 10 });
    await openMap(fresh, `${harness.server.url}/`);
    await fresh.click('pierce/button[data-origin="location"]');
    await waitForShadow(fresh, 'ol.safemap-items:not([hidden]) .safemap-item');
    const entries = await fresh.evaluate(() =>
      [...document.querySelector('safety-map')!.shadowRoot!.querySelectorAll('ol.safemap-items .safemap-item')].map((b) => ({
        name: b.firstChild?.textContent ?? '',
        detail: b.querySelector('.safemap-item-detail')?.textContent ?? '',
      })),
    );
    const home: [number, number] = [HOME.longitude, HOME.latitude];
    const expected = shelters
      .map((s) => ({ ...s, ...measure(home, s.at) }))
      .sort((a, b) => a.meters - b.meters || a.id - b.id)
      .slice(0, 5);
    expect(entries.map((e) => e.name)).toEqual(expected.map((e) => e.name));
    entries.forEach((entry, i) => {
      const { meters, bearing } = expected[i]!;
      expect(entry.detail.startsWith(`${COMPASS_KO[Math.round(bearing / 45) % 8]}쪽 `), entry.detail).toBe(true);
      const shown = entry.detail.endsWith(' km') ? parseFloat(entry.detail.split(' ').at(-2)!) * 1000 : parseFloat(entry.detail.split(' ').at(-2)!.replace(/,/g, ''));
      expect(Math.abs(shown - meters)).toBeLessThanOrEqual(meters < 995 ? 10 : 50);
    });

    // The position, rounded any way, never appears in a request; the shelter list is the whole layer's, with no query.
    expect(sent.length).toBeGreaterThan(5);
    for (const digits of ['129.043', '129.042', '35.167', '35.168', '129,04', '35,16']) {
      expect(sent.filter((line) => line.includes(digits))).toEqual([]);
    }
    const lookups = sent.filter((line) => line.includes('/points/'));
    expect(lookups.length).toBeGreaterThan(0);
    for (const line of lookups) expect(new URL(line.split(' ')[0]!).search).toBe('');

    // "You are here" and the five results are drawn on the map, from data in the page.
    const marks = await fresh.evaluate(() => {
      const map = document.querySelector('safety-map')!.map!;
      const data = (id: string) => (map.getSource(id) as unknown as { serialize(): { data: { features: Array<{ geometry: { type: string; coordinates: unknown } }> } } }).serialize().data.features;
      return { here: data('safemap-here').map((f) => f.geometry.type), here0: data('safemap-here').find((f) => f.geometry.type === 'Point')?.geometry.coordinates, nearest: data('safemap-nearest').length };
    });
    expect(marks).toEqual({ here: ['Polygon', 'Point'], here0: [HOME.longitude, HOME.latitude], nearest: 5 });
    // Choosing a result shows it with its distance and direction from the resident.
    await fresh.click('pierce/ol.safemap-items .safemap-item');
    await waitForShadow(fresh, '.maplibregl-popup .safemap-popup-note');
    const note = (await shadowTexts(fresh, '.maplibregl-popup .safemap-popup-note'))[0]!;
    expect(note).toBe(`내 위치에서 ${entries[0]!.detail}`);
    expect((await shadowTexts(fresh, '.maplibregl-popup h3'))[0]).toBe(entries[0]!.name);
    await expectNoProblems(harness, fresh);
    await fresh.close();
  }, BROWSER_TIMEOUT_MS);

  test('a resident outside the covered region is told so, and still gets the region’s nearest shelters', async () => {
    const fresh = await harness.newPage();
    await harness.browser.browser.defaultBrowserContext().overridePermissions(harness.server.url, ['geolocation']);
    // Seoul City Hall: far outside Busan's tile set.
    await fresh.setGeolocation({ longitude: 126.978, latitude: 37.5665, accuracy: 20 });
    await openMap(fresh, `${harness.server.url}/`);
    await fresh.click('pierce/button[data-origin="location"]');
    await waitForShadow(fresh, 'ol.safemap-items:not([hidden]) .safemap-item');
    const status = await fresh.evaluate(() => [...document.querySelector('safety-map')!.shadowRoot!.querySelectorAll('p.safemap-note[role="status"]')].map((p) => p.textContent ?? '').join('|'));
    expect(status).toContain('‘부산광역시 안전지도’가 다루는 지역 밖입니다');
    const count = await fresh.evaluate(() => document.querySelector('safety-map')!.shadowRoot!.querySelectorAll('ol.safemap-items .safemap-item').length);
    expect(count).toBe(5);
    await expectNoProblems(harness, fresh);
    await fresh.close();
  }, BROWSER_TIMEOUT_MS);

  test('keyboard only: from page load to a shelter’s details with Tab and Enter', async () => {
    const fresh = await harness.newPage();
    await openMap(fresh, `${harness.server.url}/`);
    let found = false;
    for (let i = 0; i < 40 && !found; i++) {
      await fresh.keyboard.press('Tab');
      found = (await focused(fresh))?.origin === 'centre';
    }
    expect(found, 'the "from the map centre" button is reachable with Tab').toBe(true);
    await fresh.keyboard.press('Enter');
    await waitForShadow(fresh, 'ol.safemap-items:not([hidden]) .safemap-item');
    await fresh.keyboard.press('Tab');
    const first = await focused(fresh);
    expect(first?.tag).toBe('BUTTON');
    await fresh.keyboard.press('Enter');
    await waitForShadow(fresh, '.maplibregl-popup .safemap-popup');
    const heading = (await shadowTexts(fresh, '.maplibregl-popup h3'))[0];
    expect(first!.text.startsWith(heading!)).toBe(true);
    expect((await focused(fresh))?.inPopup, 'focus moves into the details').toBe(true);
    // The focused control shows a visible outline.
    const outline = await fresh.evaluate(() => {
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      const style = getComputedStyle(active!);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(outline.style).toBe('solid');
    expect(outline.width).toBeGreaterThanOrEqual(2);
    await expectNoProblems(harness, fresh);
    await fresh.close();
  }, BROWSER_TIMEOUT_MS);

  test('the list of features in view follows the map and is announced politely', async () => {
    await page.evaluate(() => document.querySelector('safety-map')!.map!.jumpTo({ center: [129.0403, 35.1152], zoom: 15 }));
    await waitForList(page);
    const near = await page.evaluate(() => {
      const root = document.querySelector('safety-map')!.shadowRoot!;
      const summary = root.querySelector('[aria-live="polite"]')!;
      return { summary: summary.textContent ?? '', items: root.querySelectorAll('.safemap-in-view .safemap-item').length };
    });
    expect(near.summary).toMatch(/^지도에 보이는 시설: /);
    expect(near.items).toBeGreaterThan(0);
    // Features the map draws for the shelter layer, a cluster counting as the features it stands for.
    const rendered = await page.evaluate(() => {
      const map = document.querySelector('safety-map')!.map!;
      const layers = map.getStyle().layers.filter((layer) => (layer.metadata as Record<string, unknown> | undefined)?.['safemap:layer'] === 'shelters').map((layer) => layer.id);
      const singles = new Set<unknown>();
      const clusters = new Map<string, number>();
      for (const feature of map.queryRenderedFeatures({ layers })) {
        const count = Number(feature.properties?.point_count);
        if (count > 0) clusters.set(JSON.stringify((feature.geometry as { coordinates: unknown }).coordinates), count);
        else singles.add(feature.id);
      }
      return singles.size + [...clusters.values()].reduce((sum, count) => sum + count, 0);
    });
    if (rendered > 0) expect(near.summary).toContain(`대피소 ${rendered}곳`);

    await page.evaluate(() => document.querySelector('safety-map')!.map!.jumpTo({ center: [128.75, 34.9], zoom: 16 }));
    await waitForList(page);
    expect(await shadowTexts(page, '[aria-live="polite"]')).toEqual(['지도에 보이는 시설이 없습니다.']);
    expect(await page.evaluate(() => document.querySelector('safety-map')!.shadowRoot!.querySelectorAll('.safemap-in-view .safemap-item').length)).toBe(0);
    await expectNoProblems(harness, page);
  }, BROWSER_TIMEOUT_MS);

  test('attributes and map stay in sync both ways, without a feedback loop', async () => {
    await page.evaluate(() => document.querySelector('safety-map')!.setAttribute('center', '129.1,35.2'));
    expect(await page.evaluate(() => document.querySelector('safety-map')!.map!.getCenter().toArray())).toEqual([129.1, 35.2]);

    const writes = await page.evaluate(
      () =>
        new Promise<Array<{ name: string; value: string | null }>>((resolve) => {
          const element = document.querySelector('safety-map')!;
          const seen: Array<{ name: string; value: string | null }> = [];
          new MutationObserver((records) => records.forEach((r) => seen.push({ name: r.attributeName!, value: element.getAttribute(r.attributeName!) }))).observe(element, { attributes: true });
          element.map!.jumpTo({ center: [129.01234, 35.12345], zoom: 13.5 });
          setTimeout(() => resolve(seen), 1200);
        }),
    );
    expect(writes).toEqual([
      { name: 'center', value: '129.01234,35.12345' },
      { name: 'zoom', value: '13.5' },
    ]);

    await page.evaluate(() => document.querySelector('safety-map')!.setLayers(['shelters']));
    await waitForIdle(page);
    const state = await page.evaluate(() => {
      const element = document.querySelector('safety-map')!;
      const boxes = [...element.shadowRoot!.querySelectorAll<HTMLInputElement>('.safemap-legend input')].map((i) => `${i.value}:${i.checked}`);
      const layers = new Set(element.map!.queryRenderedFeatures().map((f) => (f.layer.metadata as Record<string, string>)['safemap:layer']).filter(Boolean));
      return { attribute: element.getAttribute('layers'), boxes, layers: [...layers] };
    });
    expect(state.attribute).toBe('shelters');
    expect(state.boxes).toContain('shelters:true');
    expect(state.boxes.filter((b) => b.endsWith(':true'))).toHaveLength(1);
    expect(state.layers.every((l) => l === 'shelters')).toBe(true);

    await page.click('pierce/.safemap-legend input[value="cctv"]');
    expect(await page.evaluate(() => document.querySelector('safety-map')!.getAttribute('layers'))).toBe('cctv,shelters');
    await page.evaluate(() => document.querySelector('safety-map')!.removeAttribute('layers'));
    await expectNoProblems(harness, page);
  }, BROWSER_TIMEOUT_MS);

  test('flyTo honours prefers-reduced-motion', async () => {
    await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    const reduced = await page.evaluate(() => {
      const element = document.querySelector('safety-map')!;
      element.flyTo({ center: [129.08, 35.18], zoom: 12 });
      return { center: element.map!.getCenter().toArray(), zoom: element.map!.getZoom(), moving: element.map!.isMoving() };
    });
    expect(reduced).toEqual({ center: [129.08, 35.18], zoom: 12, moving: false });

    await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'no-preference' }]);
    const animated = await page.evaluate(() => {
      const element = document.querySelector('safety-map')!;
      element.flyTo({ center: [129.0, 35.1], zoom: 13 });
      return element.map!.isMoving();
    });
    expect(animated).toBe(true);
    await page.evaluate(() => new Promise((resolve) => document.querySelector('safety-map')!.map!.once('moveend', resolve)));
    await expectNoProblems(harness, page);
  }, BROWSER_TIMEOUT_MS);

  test('axe-core finds no accessibility violations, with the panel and a popup open', async () => {
    const fresh = await harness.newPage();
    // axe is injected as an inline script, which the page's own CSP rightly forbids.
    await fresh.setBypassCSP(true);
    await openMap(fresh, `${harness.server.url}/`);
    await fresh.click('pierce/button[data-origin="centre"]');
    await waitForShadow(fresh, 'ol.safemap-items:not([hidden]) .safemap-item');
    await fresh.evaluate(() => document.querySelector('safety-map')!.shadowRoot!.querySelector<HTMLButtonElement>('ol.safemap-items .safemap-item')!.click());
    await waitForShadow(fresh, '.maplibregl-popup .safemap-popup');
    await waitForList(fresh);
    expect(await axeViolations(fresh)).toEqual([]);
    await fresh.close();
  }, BROWSER_TIMEOUT_MS);
});
