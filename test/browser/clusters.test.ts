// Clusters of published tiles, as a resident meets them: tapping one zooms in until it splits, the in-view list counts
// the features a cluster stands for, and a cluster's popup speaks of "N cameras here", never of its raw keys.
// The Busan demo is published into a temporary folder first (`safemap build --config`), as `npm run tiles:build` does.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_TIMEOUT_MS, expectNoProblems, MAP_TIMEOUT_MS, openMap, shadowTexts, startHarness, waitForIdle, waitForList, waitForShadow, type Harness } from './widget_harness.js';

const SHOTS = 'test-artifacts/clusters';
let harness: Harness;
let dir: string;
let page: Page;

beforeAll(async () => {
  rmSync(SHOTS, { recursive: true, force: true });
  await mkdir(SHOTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'safemap-clusters-'));
  const catalog = JSON.parse(readFileSync('examples/busan/catalog.json', 'utf8'));
  catalog.publish.dir = join(dir, 'tiles');
  for (const tileset of catalog.tilesets) {
    for (const layer of tileset.layers) layer.source.path = resolve('examples/busan', layer.source.path);
    if (tileset.basemap) tileset.basemap.archive = resolve('examples/busan', tileset.basemap.archive);
  }
  writeFileSync(join(dir, 'catalog.json'), JSON.stringify(catalog));
  execFileSync(process.execPath, ['packages/tile-server/bin/safemap.js', 'build', '-q', '--config', join(dir, 'catalog.json')], { stdio: 'inherit', timeout: 240_000 });
  harness = await startHarness({ catalogPath: join(dir, 'catalog.json') });
  page = await harness.newPage({ width: 1366, height: 768 });
  await openMap(page, `${harness.server.url}/`);
}, 300_000);

afterAll(async () => {
  await harness?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Rendered CCTV clusters in view, with their pixel and count. */
async function clusters(): Promise<Array<{ x: number; y: number; count: number }>> {
  return page.evaluate(() => {
    const map = document.querySelector('safety-map')!.map!;
    const box = map.getContainer().getBoundingClientRect();
    const ids = map.getStyle().layers.filter((l) => (l.metadata as Record<string, unknown> | undefined)?.['safemap:layer'] === 'cctv').map((l) => l.id);
    return map
      .queryRenderedFeatures({ layers: ids })
      .filter((f) => f.properties.cluster === true && f.geometry.type === 'Point')
      .map((f) => {
        const p = map.project((f.geometry as unknown as { coordinates: [number, number] }).coordinates);
        return { x: box.left + p.x, y: box.top + p.y, count: Number(f.properties.point_count) };
      })
      .filter((c) => c.x > box.left + 400 && c.x < box.right - 80 && c.y > box.top + 80 && c.y < box.bottom - 80);
  });
}

describe('clusters', () => {
  test('the in-view list counts the features clusters stand for, and a cluster entry reads "N cameras here"', async () => {
    await page.evaluate(() => document.querySelector('safety-map')!.map!.jumpTo({ center: [129.06, 35.16], zoom: 12 }));
    await waitForList(page);
    const rendered = await page.evaluate(() => {
      const map = document.querySelector('safety-map')!.map!;
      const ids = map.getStyle().layers.filter((l) => (l.metadata as Record<string, unknown> | undefined)?.['safemap:layer'] === 'cctv').map((l) => l.id);
      const seen = new Map<string, number>();
      for (const f of map.queryRenderedFeatures({ layers: ids })) {
        const [x, y] = f.geometry.type === "Point" ? (f.geometry as unknown as { coordinates: [number, number] }).coordinates : [0, 0];
        const key = f.properties.cluster ? `c${x},${y}` : `${f.id ?? `${x},${y}`}`;
        seen.set(key, f.properties.cluster ? Number(f.properties.point_count) : 1);
      }
      return { markers: seen.size, features: [...seen.values()].reduce((a, b) => a + b, 0) };
    });
    expect(rendered.features, 'clusters are drawn at z12').toBeGreaterThan(rendered.markers);
    const summary = (await shadowTexts(page, '[aria-live="polite"]'))[0]!;
    expect(summary).toContain(`CCTV ${rendered.features.toLocaleString('ko-KR')}곳`);
    const entries = await shadowTexts(page, '.safemap-in-view .safemap-item');
    const clusterEntry = entries.find((text) => /^이 근처 CCTV [\d,]+곳/.test(text));
    expect(clusterEntry, `a cluster entry among ${entries.slice(0, 5).join(' | ')}`).toBeDefined();
    expect(entries.join(' ')).not.toMatch(/point_count|cluster/i);

    await page.evaluate((text) => {
      const button = [...document.querySelector('safety-map')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('.safemap-in-view .safemap-item')].find((b) => b.textContent === text)!;
      button.click();
    }, clusterEntry!);
    await waitForShadow(page, '.maplibregl-popup .safemap-popup');
    const popup = await page.evaluate(() => document.querySelector('safety-map')!.shadowRoot!.querySelector('.maplibregl-popup')!.textContent ?? '');
    expect(popup).toMatch(/이 근처 CCTV [\d,]+곳/);
    expect(popup).toContain('확대해서 보기');
    expect(popup).not.toMatch(/point_count|cluster|예$/i);
    await page.screenshot({ path: join(SHOTS, 'cluster-popup.png') });
    await page.keyboard.press('Escape');
    await expectNoProblems(harness, page);
  }, BROWSER_TIMEOUT_MS);

  test('tapping a cluster zooms in until it breaks apart', async () => {
    await page.evaluate(() => document.querySelector('safety-map')!.map!.jumpTo({ center: [129.06, 35.16], zoom: 11 }));
    await waitForIdle(page);
    const [target] = (await clusters()).sort((a, b) => b.count - a.count);
    expect(target, 'a cluster in view at z11').toBeDefined();
    const before = await page.evaluate(() => document.querySelector('safety-map')!.map!.getZoom());
    await page.mouse.click(target!.x, target!.y);
    await page.waitForFunction((z) => document.querySelector('safety-map')!.map!.getZoom() >= z + 2, { timeout: MAP_TIMEOUT_MS }, before);
    // Zooming goes on, one level at a time, until no cluster covers the tapped place.
    await page.waitForFunction(
      () => {
        const map = document.querySelector('safety-map')!.map!;
        if (map.isMoving()) return false;
        const c = map.project(map.getCenter());
        const ids = map.getStyle().layers.filter((l) => (l.metadata as Record<string, unknown> | undefined)?.['safemap:layer'] === 'cctv').map((l) => l.id);
        return !map.queryRenderedFeatures([[c.x - 12, c.y - 12], [c.x + 12, c.y + 12]], { layers: ids }).some((f) => f.properties.cluster === true);
      },
      { timeout: MAP_TIMEOUT_MS, polling: 250 },
    );
    expect(await page.evaluate(() => document.querySelector('safety-map')!.map!.getZoom())).toBeGreaterThan(before + 1.5);
    await page.screenshot({ path: join(SHOTS, 'cluster-zoomed.png') });
    await expectNoProblems(harness, page);
  }, BROWSER_TIMEOUT_MS);
});
