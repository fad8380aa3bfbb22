// The Busan demo as a resident sees it, in real Chromium: the self-hosted basemap (PMTiles over range requests from
// the tile server) gives district, neighbourhood and station names at city, street and building zooms, on a desktop
// and on a phone; published tiles' clusters are drawn as counted circles; and nothing leaves the origin.
// Screenshots go to test-artifacts/basemap/ (cleaned at the start) for people to look at.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_TIMEOUT_MS, expectNoProblems, openMap, startHarness, waitForIdle, type Harness } from './widget_harness.js';

const ARTIFACTS = 'test-artifacts/basemap';
const DEMO = resolve('examples/busan');
/** Seomyeon station, the busiest interchange of the Busan metro. */
const SEOMYEON: [number, number] = [129.0592, 35.1578];

let harness: Harness;
let work: string;

/** The demo catalogue, published by `safemap build` into a temporary folder, so tiles carry clusters as deployed. */
async function publishDemo(): Promise<string> {
  const catalog = JSON.parse(await readFile(join(DEMO, 'catalog.json'), 'utf8'));
  catalog.publish = { dir: join(work, 'tiles'), keep: 1 };
  for (const tileset of catalog.tilesets) {
    tileset.basemap.archive = join(DEMO, tileset.basemap.archive);
    for (const layer of tileset.layers) layer.source.path = join(DEMO, layer.source.path);
  }
  const file = join(work, 'catalog.json');
  await writeFile(file, JSON.stringify(catalog));
  await promisify(execFile)(process.execPath, ['packages/tile-server/bin/safemap.js', 'build', '--config', file]);
  return file;
}

beforeAll(async () => {
  await rm(ARTIFACTS, { recursive: true, force: true });
  await mkdir(ARTIFACTS, { recursive: true });
  work = await mkdtemp(join(tmpdir(), 'safemap-basemap-test-'));
  harness = await startHarness({ catalogPath: await publishDemo() });
}, BROWSER_TIMEOUT_MS * 2);

afterAll(async () => {
  await harness?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Rendered features by basemap role (district-label, station, …) and by safety style layer, with symbol counts. */
async function rendered(page: Page) {
  return page.evaluate(() => {
    const map = document.querySelector('safety-map')!.map!;
    const features = map.queryRenderedFeatures();
    const roles: Record<string, string[]> = {};
    let symbols = 0;
    let clusters = 0;
    for (const feature of features) {
      if (feature.layer.type === 'symbol' && feature.layer.layout?.['text-field'] !== undefined) symbols++;
      const meta = (feature.layer.metadata ?? {}) as Record<string, unknown>;
      if (meta['safemap:cluster'] === true && feature.layer.type === 'circle' && Number(feature.properties.point_count) > 1) clusters++;
      const role = meta['safemap:basemap'];
      if (typeof role === 'string') (roles[role] ??= []).push(String(feature.properties.name ?? ''));
    }
    return { roles, symbols, clusters, zoom: map.getZoom(), minZoom: map.getMinZoom() };
  });
}

async function viewAt(page: Page, center: [number, number], zoom: number): Promise<void> {
  await page.evaluate((c, z) => document.querySelector('safety-map')!.map!.jumpTo({ center: c, zoom: z }), center, zoom);
  await waitForIdle(page);
}

const profiles = [
  { name: 'desktop', setup: async (page: Page) => page.setViewport({ width: 1366, height: 768 }) },
  {
    name: 'phone',
    setup: async (page: Page) =>
      page.emulate({
        viewport: { width: 375, height: 667, deviceScaleFactor: 2, isMobile: true, hasTouch: true, isLandscape: false },
        userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36',
      }),
  },
];

describe.each(profiles)('the Busan basemap on a $name', ({ name, setup }) => {
  let page: Page;

  beforeAll(async () => {
    page = await harness.newPage({ setup });
    // A first load on a busy two-core machine (software WebGL, range requests) can take longer than the harness default.
    await openMap(page, `${harness.server.url}/embed?tileset=busan&lang=ko&center=${SEOMYEON.join(',')}&zoom=12`, BROWSER_TIMEOUT_MS * 1.5);
  }, BROWSER_TIMEOUT_MS * 2);

  test.each([12, 15, 17])('at z%i a resident reads district or neighbourhood names and stations', async (zoom) => {
    await viewAt(page, SEOMYEON, zoom);
    await page.screenshot({ path: join(ARTIFACTS, `${name}-seomyeon-z${zoom}.png`) });
    const { roles, symbols } = await rendered(page);
    const areaNames = [...(roles['district-label'] ?? []), ...(roles['neighbourhood-label'] ?? []), ...(roles['neighbourhood-grid-label'] ?? [])];
    expect(areaNames.length, JSON.stringify(Object.keys(roles))).toBeGreaterThan(0);
    expect(areaNames.every((text) => /[가-힣]/.test(text))).toBe(true);
    // At city zoom a crowded interchange's name may give way to another station's; from street zoom it is there.
    if (zoom >= 15) expect(roles['station-label'] ?? []).toContain('Seomyeon');
    else expect(roles['station-label']?.length ?? 0).toBeGreaterThan(0);
    expect(roles.water === undefined || zoom < 17).toBe(true);
    expect(symbols).toBeGreaterThan(1);
    await expectNoProblems(harness, page);
  }, BROWSER_TIMEOUT_MS);

  test('at z12 the districts around Seomyeon are named and the sea is drawn from water data', async () => {
    await viewAt(page, [129.06, 35.12], 12);
    await page.screenshot({ path: join(ARTIFACTS, `${name}-port-z12.png`) });
    const { roles } = await rendered(page);
    expect(roles.water?.length ?? 0).toBeGreaterThan(0);
    expect([...(roles['district-label'] ?? []), ...(roles['neighbourhood-label'] ?? [])].length).toBeGreaterThan(2);
  }, BROWSER_TIMEOUT_MS);

  test('at city zoom dense cameras and shelters are counted circles, not single icons', async () => {
    await viewAt(page, [129.06, 35.16], 11);
    await page.screenshot({ path: join(ARTIFACTS, `${name}-clusters-z11.png`) });
    const { clusters } = await rendered(page);
    expect(clusters).toBeGreaterThan(3);
    const icons = await page.evaluate(() => {
      const map = document.querySelector('safety-map')!.map!;
      const ids = map.getStyle().layers.filter((l) => (l.metadata as Record<string, unknown> | undefined)?.['safemap:icon']).map((l) => l.id);
      return map.queryRenderedFeatures({ layers: ids }).filter((f) => f.properties.point_count !== undefined).length;
    });
    expect(icons).toBe(0);
  }, BROWSER_TIMEOUT_MS);

  test('the map cannot be dragged or zoomed out farther than 8° around the Busan region', async () => {
    await viewAt(page, [126.98, 37.57], 3);
    const view = await page.evaluate(() => {
      const map = document.querySelector('safety-map')!.map!;
      const b = map.getBounds();
      return { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth(), zoom: map.getZoom() };
    });
    expect(view.west).toBeGreaterThanOrEqual(128.7 - 8 - 1e-6);
    expect(view.east).toBeLessThanOrEqual(129.35 + 8 + 1e-6);
    expect(view.south).toBeGreaterThanOrEqual(34.85 - 8 - 1e-6);
    expect(view.north).toBeLessThanOrEqual(35.45 + 8 + 1e-6);
    // Far enough out to see Korea (z5 on a phone, about z7 on a desktop), never the world.
    expect(view.zoom).toBeGreaterThan(4.5);
  }, BROWSER_TIMEOUT_MS);
});
