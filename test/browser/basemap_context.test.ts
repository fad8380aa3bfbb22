// Zoomed out over Korea, and off the map's region, in real Chromium: at z6–z8 the demo basemap draws the sea and
// the coast (Natural Earth) and names the cities around Busan in Korean and English (Statistics Korea); a view moved
// to Seoul or the open sea gets a calm "This map covers … only" notice whose button (reached by keyboard) brings the
// view back, and the notice goes. Screenshots go to test-artifacts/basemap-context/ (cleaned at the start).
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_TIMEOUT_MS, expectNoProblems, openMap, startHarness, waitForIdle, type Harness } from './widget_harness.js';

const ARTIFACTS = 'test-artifacts/basemap-context';
const BUSAN: [number, number, number, number] = [128.7, 34.85, 129.35, 35.45];
const SEOUL: [number, number] = [126.98, 37.57];
/** Open sea south-east of Tsushima, where the z8 tiles still draw the sea (4° around the region). */
const OPEN_SEA: [number, number] = [130.6, 33.0];
const NEIGHBOURS = ['울산광역시', '김해시', '창원시', '거제시', '양산시'];
const BUSAN_DISTRICTS = ['중구', '서구', '동구', '영도구', '부산진구', '동래구', '남구', '북구', '해운대구', '사하구', '금정구', '강서구', '연제구', '수영구', '사상구', '기장군'];

let harness: Harness;

beforeAll(async () => {
  await rm(ARTIFACTS, { recursive: true, force: true });
  await mkdir(ARTIFACTS, { recursive: true });
  harness = await startHarness({ catalogPath: resolve('examples/busan/catalog.json') });
}, BROWSER_TIMEOUT_MS);

afterAll(async () => {
  await harness?.close();
});

/** Names of the rendered basemap features, by basemap role (water, coastline, district-label, …). */
async function roles(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const feature of document.querySelector('safety-map')!.map!.queryRenderedFeatures()) {
      const role = (feature.layer.metadata as Record<string, unknown> | undefined)?.['safemap:basemap'];
      if (typeof role === 'string') (out[role] ??= []).push(String(feature.properties.name ?? feature.properties.name_en ?? ''));
    }
    return out;
  });
}

async function viewAt(page: Page, center: [number, number], zoom: number): Promise<void> {
  await page.evaluate((c, z) => document.querySelector('safety-map')!.map!.jumpTo({ center: c, zoom: z }), center, zoom);
  await waitForIdle(page);
}

/** The coverage notice: whether it shows, its status text, and the map's centre. */
async function notice(page: Page) {
  return page.evaluate(() => {
    const element = document.querySelector('safety-map')!;
    const box = element.shadowRoot!.querySelector<HTMLElement>('.safemap-coverage');
    const c = element.map!.getCenter();
    return { shown: Boolean(box && !box.hidden), status: box?.querySelector('[role="status"]')?.textContent ?? '', center: [c.lng, c.lat] as [number, number] };
  });
}

function inside([lon, lat]: [number, number]): boolean {
  return lon >= BUSAN[0] && lon <= BUSAN[2] && lat >= BUSAN[1] && lat <= BUSAN[3];
}

describe('zoomed out over Korea', () => {
  test('at z7 and z8 on a desktop, the sea, the coast and the cities around Busan are drawn and named', async () => {
    const page = await harness.newPage({ width: 1366, height: 768 });
    await openMap(page, `${harness.server.url}/embed?tileset=busan&lang=ko&center=129.06,35.15&zoom=11`);
    await viewAt(page, [128.9, 35.6], 7);
    await page.screenshot({ path: join(ARTIFACTS, 'desktop-korea-z7.png') });
    const z7 = await roles(page);
    expect(z7.water?.length ?? 0).toBeGreaterThan(0);
    expect(z7.coastline?.length ?? 0).toBeGreaterThan(0);
    const names7 = z7['district-label'] ?? [];
    expect(names7).toContain('부산광역시');
    expect(names7).toContain('대구광역시');
    expect(NEIGHBOURS.filter((name) => names7.includes(name)).length, names7.join(',')).toBeGreaterThanOrEqual(2);
    expect((await notice(page)).shown).toBe(false);

    await viewAt(page, [129.0, 35.2], 8);
    await page.screenshot({ path: join(ARTIFACTS, 'desktop-busan-z8.png') });
    const z8 = await roles(page);
    expect(z8.water?.length ?? 0).toBeGreaterThan(0);
    expect(z8.coastline?.length ?? 0).toBeGreaterThan(0);
    expect(z8['boundary-district']?.length ?? 0).toBeGreaterThan(0);
    const names8 = z8['district-label'] ?? [];
    expect(NEIGHBOURS.filter((name) => names8.includes(name)).length, names8.join(',')).toBeGreaterThanOrEqual(3);
    // Busan's own districts take over from the city's name (some give way to the shelters' clusters).
    expect(names8.filter((name) => BUSAN_DISTRICTS.includes(name)).length, names8.join(',')).toBeGreaterThan(0);
    expect(names8).not.toContain('부산광역시');
    await expectNoProblems(harness, page);
    await page.close();
  }, BROWSER_TIMEOUT_MS);

  test('at z6 on a phone, Korea’s coast and cities are there', async () => {
    const page = await harness.newPage({
      setup: (p) => p.emulate({ viewport: { width: 375, height: 667, deviceScaleFactor: 2, isMobile: true, hasTouch: true, isLandscape: false }, userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 7) Mobile' }),
    });
    await openMap(page, `${harness.server.url}/embed?tileset=busan&lang=ko&center=129.06,35.15&zoom=11`);
    await viewAt(page, [128.5, 35.8], 6);
    await page.screenshot({ path: join(ARTIFACTS, 'phone-korea-z6.png') });
    expect(await page.evaluate(() => document.querySelector('safety-map')!.map!.getZoom())).toBeCloseTo(6, 5);
    const z6 = await roles(page);
    expect(z6.water?.length ?? 0).toBeGreaterThan(0);
    expect(z6.coastline?.length ?? 0).toBeGreaterThan(0);
    expect(z6['district-label'] ?? []).toContain('부산광역시');
    await expectNoProblems(harness, page);
    await page.close();
  }, BROWSER_TIMEOUT_MS);
});

describe('leaving the covered region', () => {
  test('searching a city off the region finds it in the demo gazetteer and shows it zoomed out, with the coast, its name and the notice', async () => {
    const page = await harness.newPage({ width: 1366, height: 768 });
    await openMap(page, `${harness.server.url}/embed?tileset=busan&lang=ko&center=129.06,35.15&zoom=11`);
    await page.type('pierce/#safemap-search', '서울');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('safety-map')!.shadowRoot!.querySelector('.safemap-search-group .safemap-item') !== null, { timeout: 30_000 });
    const first = await page.evaluate(() => document.querySelector('safety-map')!.shadowRoot!.querySelector('.safemap-search-group .safemap-item')!.textContent);
    expect(first).toContain('서울특별시');
    await page.click('pierce/.safemap-search-group .safemap-item');
    await page.waitForFunction(() => Math.abs(document.querySelector('safety-map')!.map!.getCenter().lat - 37.5) < 0.5, { timeout: 30_000 });
    await waitForIdle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'desktop-search-seoul.png') });
    expect(await page.evaluate(() => document.querySelector('safety-map')!.map!.getZoom())).toBeCloseTo(7, 0);
    const seen = await roles(page);
    expect(seen.coastline?.length ?? 0).toBeGreaterThan(0);
    expect(seen['district-label'] ?? []).toContain('서울특별시');
    expect((await notice(page)).shown).toBe(true);
    await expectNoProblems(harness, page);
    await page.close();
  }, BROWSER_TIMEOUT_MS);

  test('Seoul and the open sea get a notice whose button, reached by keyboard, brings the view back', async () => {
    const page = await harness.newPage({ width: 1366, height: 768 });
    await openMap(page, `${harness.server.url}/embed?tileset=busan&lang=ko&center=129.06,35.15&zoom=11`);
    expect((await notice(page)).shown).toBe(false);

    await viewAt(page, SEOUL, 10);
    const seoul = await notice(page);
    expect(seoul.shown).toBe(true);
    expect(seoul.status).toBe('이 지도는 ‘부산광역시 안전지도’ 지역만 보여 줍니다.');
    await page.screenshot({ path: join(ARTIFACTS, 'desktop-notice-seoul.png') });

    // Keyboard only: Tab reaches the way back, Enter takes it.
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.querySelector('safety-map')!.shadowRoot!.activeElement?.classList.contains('safemap-coverage-back') ?? false);
    }
    expect(reached, 'the way back is reachable with Tab').toBe(true);
    const label = await page.evaluate(() => document.querySelector('safety-map')!.shadowRoot!.activeElement?.textContent);
    expect(label).toBe('‘부산광역시 안전지도’ 지역으로 돌아가기');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('safety-map')!.shadowRoot!.querySelector<HTMLElement>('.safemap-coverage')!.hidden, { timeout: 30_000 });
    const back = await notice(page);
    expect(inside(back.center), JSON.stringify(back.center)).toBe(true);
    expect(back.status).toBe('');
    // Focus stays in the map, not lost to the page, when the button goes.
    expect(await page.evaluate(() => document.querySelector('safety-map')!.shadowRoot!.activeElement?.tagName)).toBe('CANVAS');

    await viewAt(page, OPEN_SEA, 8);
    expect((await notice(page)).shown).toBe(true);
    expect((await roles(page)).water?.length ?? 0).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'desktop-notice-sea.png') });
    // Zoomed out with Busan in sight, the centre off it: no notice.
    await viewAt(page, [128.0, 35.5], 7);
    expect((await notice(page)).shown).toBe(false);
    await expectNoProblems(harness, page);
    await page.close();
  }, BROWSER_TIMEOUT_MS);

  test('in English, with the tile set’s English title; the button is a 44 px target', async () => {
    const page = await harness.newPage({ width: 1366, height: 768 });
    await openMap(page, `${harness.server.url}/embed?tileset=busan&lang=en&center=${SEOUL.join(',')}&zoom=9`);
    const shown = await notice(page);
    expect(shown.shown).toBe(true);
    expect(shown.status).toBe('This map covers Busan Safety Map’s area only.');
    const button = await page.evaluate(() => {
      const b = document.querySelector('safety-map')!.shadowRoot!.querySelector('.safemap-coverage-back')!;
      const r = b.getBoundingClientRect();
      return { text: b.textContent, width: r.width, height: r.height };
    });
    expect(button.text).toBe('Back to Busan Safety Map');
    expect(Math.min(button.width, button.height)).toBeGreaterThanOrEqual(44);
    await page.click('pierce/.safemap-coverage-back');
    await page.waitForFunction(() => document.querySelector('safety-map')!.shadowRoot!.querySelector<HTMLElement>('.safemap-coverage')!.hidden, { timeout: 30_000 });
    expect(inside((await notice(page)).center)).toBe(true);
    await expectNoProblems(harness, page);
    await page.close();
  }, BROWSER_TIMEOUT_MS);
});
