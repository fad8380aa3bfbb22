import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../index.js';
import type { TilesetLayer } from '../store/tileset.js';
import { SHELTER_KIND_ICONS, spriteIconsFor } from './sprite_icons.js';

const catalogPath = new URL('../../../../test/fixtures/mini/catalog.json', import.meta.url).pathname;
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ catalogPath, host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server?.close();
});

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { headers });
}

/** Alpha of the pixel at (x, y) of a PNG. */
async function alphaAt(png: Buffer, x: number, y: number): Promise<number> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return data[(y * info.width + x) * info.channels + 3]!;
}

describe('sprites', () => {
  it.each([
    ['', 1],
    ['@2x', 2],
  ] as const)('serves the %s sheet: one icon per data layer, drawn where the index says', async (suffix, ratio) => {
    const jsonResponse = await get(`/sprites/mini${suffix}.json`);
    expect(jsonResponse.status).toBe(200);
    expect(jsonResponse.headers.get('content-type')).toMatch(/^application\/json/);
    expect(jsonResponse.headers.get('x-content-type-options')).toBe('nosniff');
    expect(jsonResponse.headers.get('access-control-allow-origin')).toBe('*');
    expect(jsonResponse.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    const index = (await jsonResponse.json()) as Record<string, { x: number; y: number; width: number; height: number; pixelRatio: number }>;
    expect(Object.keys(index).sort()).toEqual(['places', 'routes']);

    const pngResponse = await get(`/sprites/mini${suffix}.png`);
    expect(pngResponse.status).toBe(200);
    expect(pngResponse.headers.get('content-type')).toBe('image/png');
    expect(pngResponse.headers.get('x-content-type-options')).toBe('nosniff');
    const png = Buffer.from(await pngResponse.arrayBuffer());
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    for (const entry of Object.values(index)) {
      expect(entry).toMatchObject({ width: 24 * ratio, height: 24 * ratio, pixelRatio: ratio });
      expect(entry.x + entry.width).toBeLessThanOrEqual(meta.width!);
      expect(entry.y + entry.height).toBeLessThanOrEqual(meta.height!);
      // The icon's disc is opaque at its centre and the sheet is transparent in the corner outside the disc.
      expect(await alphaAt(png, entry.x + entry.width / 2, entry.y + entry.height / 2)).toBe(255);
      expect(await alphaAt(png, entry.x, entry.y)).toBe(0);
    }
  });

  it('answers a matching If-None-Match with 304', async () => {
    const first = await get('/sprites/mini.png');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const second = await get('/sprites/mini.png', { 'If-None-Match': etag! });
    expect(second.status).toBe(304);
  });

  it.each([['/sprites/nope.json'], ['/sprites/mini@3x.png'], ['/sprites/mini.svg'], ['/sprites/MINI.json'], ['/sprites/..%2fmini.json']])(
    '404 problem for %s',
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    },
  );

  it('is referenced by the style, whose icon layers belong to their catalogue layer', async () => {
    const style = (await (await get('/styles/mini.json')).json()) as any;
    expect(validateStyleMin(style)).toEqual([]);
    expect(style.sprite).toBe(`${server.url}/sprites/mini`);
    const icon = style.layers.find((layer: any) => layer.id === 'places-icon');
    expect(icon).toMatchObject({ type: 'symbol', 'source-layer': 'places', metadata: { 'safemap:layer': 'places' } });
    expect(icon.layout['icon-image']).toBe('places');
    // The main layer keeps the catalogue id and stays a circle, so legends and counts still find it.
    expect(style.layers.find((layer: any) => layer.id === 'places').type).toBe('circle');
  });
});

describe('spriteIconsFor', () => {
  const layer = (id: string, extra: Partial<TilesetLayer> = {}): TilesetLayer => ({
    id, title: { ko: id, en: id }, geometry: 'point', minzoom: 0, maxzoom: 14, properties: {}, attribution: '',
    color: '#D55E00', basemap: false, featureCount: 1, ...extra,
  });

  it('gives shelters one icon per kind, named <layer>-<kind>, and basemaps none', () => {
    const names = spriteIconsFor([layer('land', { basemap: true, geometry: 'polygon' }), layer('shelters'), layer('cctv')]).map((icon) => icon.name);
    expect(names).toEqual(['shelters', ...Object.keys(SHELTER_KIND_ICONS).map((kind) => `shelters-${kind}`), 'cctv']);
  });

  it('draws each layer in its own catalogue colour', () => {
    const icons = spriteIconsFor([layer('emergency-bells', { color: '#E69F00' }), layer('unknown-things')]);
    expect(icons.map((icon) => [icon.file, icon.color])).toEqual([['bell.svg', '#E69F00'], ['marker.svg', '#D55E00']]);
  });
});
