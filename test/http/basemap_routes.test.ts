// The basemap over real HTTP: TileJSON pointing at the content-hashed archive's tiles by z/x/y, the archive itself
// with HTTP range requests and immutable caching, the place gazetteer, and nothing else under /basemap/. Then the style and the
// catalogue that tell the widget and the legend what to draw.
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PMTiles, FetchSource } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tileForPosition, type RunningServer } from '../../packages/tile-server/src/index.js';
import { decodeTile } from '../helpers/decode_tile.js';
import { httpGet } from '../helpers/http_get.js';
import { startTestServer } from '../helpers/start_test_server.js';

const ARCHIVE = resolve('examples/busan/basemap/busan.pmtiles');
const MINI = resolve('test/fixtures/mini');

let server: RunningServer;
let work: string;
let hash: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'safemap-basemap-http-'));
  const catalog = JSON.parse(await readFile(join(MINI, 'catalog.json'), 'utf8'));
  const tileset = catalog.tilesets[0];
  for (const layer of tileset.layers) layer.source.path = join(MINI, layer.source.path);
  // A point layer whose id says shelters, so the catalogue publishes its per-kind legend icons.
  tileset.layers[0].id = 'shelters';
  tileset.basemap = { archive: ARCHIVE, attribution: '© OpenStreetMap contributors' };
  await writeFile(join(work, 'catalog.json'), JSON.stringify(catalog));
  server = await startTestServer(join(work, 'catalog.json'));
  hash = createHash('sha256').update(await readFile(ARCHIVE)).digest('hex').slice(0, 16);
});

afterAll(async () => {
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('GET /basemap/…', () => {
  it('answers a TileJSON whose tiles are read from the archive under its content hash', async () => {
    const response = await httpGet(server.url, '/basemap/busan.json');
    expect(response.status).toBe(200);
    const tilejson = JSON.parse(response.body.toString());
    // One URL per tile: a browser reads them in parallel, with no directory request first (see basemap_routes.ts).
    expect(tilejson.tiles).toEqual([`${server.url}/basemap/busan@${hash}/{z}/{x}/{y}.mvt`]);
    expect(tilejson.attribution).toBe('© OpenStreetMap contributors');
    expect(tilejson.maxzoom).toBe(14);
    // The demo's tiles reach 8° beyond Busan's region, for the view zoomed out over Korea.
    expect(tilejson.bounds[0]).toBeCloseTo(120.7, 5);
  });

  it('serves the tiles of the archive by z/x/y under its hash: gzipped when accepted, immutable, 204 where it has none', async () => {
    const { z, x, y } = tileForPosition(129.0592, 35.1578, 12);
    const direct = await new PMTiles(new FetchSource(`${server.url}/basemap/busan@${hash}.pmtiles`)).getZxy(z, x, y);
    const gzipped = await httpGet(server.url, `/basemap/busan@${hash}/${z}/${x}/${y}.mvt`, { 'Accept-Encoding': 'gzip' });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gzipped.headers.vary).toBe('Accept-Encoding');
    expect(gzipped.headers['content-security-policy']).toBeUndefined();
    expect(gzipped.headers['x-content-type-options']).toBe('nosniff');
    expect(gunzipSync(gzipped.body).equals(Buffer.from(direct!.data))).toBe(true);
    const plain = await httpGet(server.url, `/basemap/busan@${hash}/${z}/${x}/${y}.mvt`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(Buffer.from(direct!.data))).toBe(true);
    expect(decodeTile(new Uint8Array(plain.body), z, x, y).place!.properties).toContainEqual(expect.objectContaining({ name: '부산진구' }));
    // Open sea far from the demo's extent holds no tile.
    expect((await httpGet(server.url, `/basemap/busan@${hash}/12/0/0.mvt`)).status).toBe(204);
    for (const [path, status] of [
      [`/basemap/busan@${'0'.repeat(16)}/${z}/${x}/${y}.mvt`, 404],
      [`/basemap/other@${hash}/${z}/${x}/${y}.mvt`, 404],
      [`/basemap/busan@${hash}/15/0/0.mvt`, 400],
      [`/basemap/busan@${hash}/12/4096/0.mvt`, 400],
      [`/basemap/busan@${hash}/012/0/0.mvt`, 400],
    ] as const) {
      expect((await httpGet(server.url, path)).status, path).toBe(status);
    }
  });

  it('serves byte ranges of the versioned archive, cached as immutable, with the PMTiles type', async () => {
    const response = await httpGet(server.url, `/basemap/busan@${hash}.pmtiles`, { range: 'bytes=0-126' });
    expect(response.status).toBe(206);
    expect(response.headers['content-type']).toBe('application/vnd.pmtiles');
    expect(response.headers['content-range']).toMatch(/^bytes 0-126\/\d+$/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body.subarray(0, 7).toString()).toBe('PMTiles');
  });

  it('can be read by the official PMTiles reader over HTTP, as the browser does', async () => {
    const reader = new PMTiles(new FetchSource(`${server.url}/basemap/busan@${hash}.pmtiles`));
    const header = await reader.getHeader();
    expect([header.minZoom, header.maxZoom]).toEqual([5, 14]);
    // Seomyeon: the tile names its district and neighbourhoods and holds the metro.
    const { z, x, y } = tileForPosition(129.0592, 35.1578, 12);
    const tile = await reader.getZxy(z, x, y);
    const layers = decodeTile(new Uint8Array(tile!.data), z, x, y);
    expect(Object.keys(layers)).toEqual(expect.arrayContaining(['boundary', 'place', 'transportation', 'poi']));
    expect(layers.place!.properties).toContainEqual(expect.objectContaining({ name: '부산진구', name_en: 'Busanjin-gu' }));
  });

  it('forgets a replaced version instead of serving other bytes under its hash', async () => {
    expect((await httpGet(server.url, '/basemap/busan@0123456789abcdef.pmtiles')).status).toBe(404);
    const alias = await httpGet(server.url, '/basemap/busan.pmtiles', { range: 'bytes=0-6' });
    expect(alias.status).toBe(206);
    expect(alias.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
  });

  it('serves the place gazetteer with Korean and English names', async () => {
    const response = await httpGet(server.url, '/basemap/busan.places.json');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const { places } = JSON.parse(response.body.toString());
    expect(places).toContainEqual(expect.objectContaining({ name: '해운대구', name_en: 'Haeundae-gu', kind: 'district' }));
    expect(places).toContainEqual(expect.objectContaining({ name: '중앙동', name_en: 'Jungang-dong', kind: 'neighbourhood' }));
    expect(places.some((p: { kind: string; name: string }) => p.kind === 'station' && p.name === 'Seomyeon')).toBe(true);
  });

  it.each([
    '/basemap/other.pmtiles',
    '/basemap/..%2f..%2fcatalog.json',
    '/basemap/%2e%2e%2fbusan.pmtiles',
    '/basemap/Busan.pmtiles',
    '/basemap/busan.mbtiles',
    `/basemap/busan@${'0'.repeat(16)}.json`,
    '/basemap/busan.pmtiles.map',
  ])('answers %s with a 404 problem', async (path) => {
    const response = await httpGet(server.url, path);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('style and catalogue', () => {
  it('draws the basemap under the safety layers with names from local fonts, and clusters as counted circles', async () => {
    const style = JSON.parse((await httpGet(server.url, '/styles/mini.json')).body.toString());
    expect(validateStyleMin(style)).toEqual([]);
    expect(style.glyphs).toBeUndefined();
    expect(style.sources.basemap).toEqual({ type: 'vector', url: `${server.url}/basemap/busan.json`, attribution: '© OpenStreetMap contributors' });
    const ids: string[] = style.layers.map((layer: { id: string }) => layer.id);
    const at = (id: string) => {
      expect(ids).toContain(id);
      return ids.indexOf(id);
    };
    expect(at('basemap-water')).toBeLessThan(at('shelters'));
    expect(at('shelters')).toBeLessThan(at('basemap-district-label'));
    expect(at('basemap-district-label')).toBeLessThan(at('shelters-icon'));
    const cluster = style.layers[at('shelters-cluster')];
    expect(cluster.type).toBe('circle');
    expect(cluster.filter).toEqual(['has', 'point_count']);
    expect(JSON.stringify(cluster.paint['circle-radius'])).toContain('point_count');
    expect(style.layers[at('shelters-cluster-count')].layout['text-field']).toEqual(['coalesce', ['get', 'point_count_abbreviated'], ['to-string', ['get', 'point_count']]]);
    // A cluster is never drawn as one feature's circle, icon or name.
    for (const id of ['shelters', 'shelters-icon', 'shelters-name']) expect(style.layers[at(id)].filter).toEqual(['!', ['has', 'point_count']]);
    expect(style.layers.find((layer: { id: string }) => layer.id === 'background').paint['background-color']).not.toMatch(/^#c9dced$/i);
    // No declared region, so no bounds for the widget to pin the map to (the data's extent is a few streets).
    expect(style.metadata['safemap:bounds']).toBeUndefined();
  });

  it('tells the legend which sprite image each shelter kind uses, and where the basemap and gazetteer are', async () => {
    const catalog = JSON.parse((await httpGet(server.url, '/catalog')).body.toString());
    const tileset = catalog.tilesets[0];
    expect(tileset.basemap).toEqual({
      tilejson: `${server.url}/basemap/busan.json`,
      places: `${server.url}/basemap/busan.places.json`,
      attribution: '© OpenStreetMap contributors',
    });
    const shelters = tileset.layers.find((layer: { id: string }) => layer.id === 'shelters');
    expect(shelters.icons.icon).toBe('shelters');
    expect(shelters.icons.by.property).toBe('kind');
    expect(shelters.icons.by.values).toMatchObject({ heat: 'shelters-heat', cold: 'shelters-cold', tsunami: 'shelters-tsunami' });
    const sprite = JSON.parse((await httpGet(server.url, '/sprites/mini.json')).body.toString());
    for (const image of Object.values<string>(shelters.icons.by.values)) expect(sprite[image], image).toBeDefined();
    expect(tileset.layers.find((layer: { id: string }) => layer.id === 'routes').icons).toBeUndefined();
  });
});
