import { connect } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { Point } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tileForPosition, type RunningServer } from '../../packages/tile-server/src/index.js';
import { decodeTile, pixelDegrees } from '../helpers/decode_tile.js';
import { httpGet } from '../helpers/http_get.js';
import { startTestServer } from '../helpers/start_test_server.js';

const catalogPath = new URL('../fixtures/mini/catalog.json', import.meta.url).pathname;

/** The fixture's valid point rows (row 4 has no coordinates). */
const expectedPlaces = [
  { name: '중앙초등학교 운동장', address: '부산광역시 중구 중앙대로 1, 1층', capacity: 500, lon: 129.034, lat: 35.104 },
  { name: '영주동 "주민센터" 지하', address: '부산광역시 중구 영주로 5', capacity: 120, lon: 129.0287, lat: 35.1049 },
  { name: '<script>alert(1)</script>', address: '부산광역시 중구 대청로 9', capacity: 80, lon: 129.0217, lat: 35.106 },
  { name: '해운대 해수욕장', address: '부산광역시 해운대구 해운대해변로 264', capacity: 2000, lon: 129.1604, lat: 35.1587 },
];

let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer(catalogPath);
});
afterAll(async () => {
  await server?.close();
});

async function getJson(path: string): Promise<any> {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status, path).toBe(200);
  return response.json();
}

describe('catalogue, TileJSON and style', () => {
  it('lists each tile set with a TileJSON URL that resolves', async () => {
    const catalog = await getJson('/catalog');
    expect(catalog.tilesets.map((set: { id: string }) => set.id)).toEqual(['mini']);
    const tilejson = await (await fetch(catalog.tilesets[0].tilejson)).json();
    expect(tilejson.tilejson).toBe('3.0.0');
    expect(tilejson.tiles[0]).toMatch(new RegExp(`^${server.url}/tiles/mini@[0-9a-f]{16}/\\{z\\}/\\{x\\}/\\{y\\}\\.mvt$`));
    expect(tilejson.minzoom).toBe(0);
    expect(tilejson.maxzoom).toBe(14);
    expect(tilejson.attribution).toContain('test points');
    expect(tilejson.vector_layers).toEqual([
      { id: 'places', description: 'Places / 시설', minzoom: 0, maxzoom: 14, fields: { name: 'String', address: 'String', capacity: 'Number' } },
      { id: 'routes', description: 'Routes / 길', minzoom: 5, maxzoom: 14, fields: { name: 'String', lengthM: 'Number' } },
    ]);
    const [west, south, east, north] = tilejson.bounds;
    expect(west).toBeCloseTo(129.0217, 6);
    expect(east).toBeCloseTo(129.1604, 6);
    expect(south).toBeCloseTo(35.1, 6);
    expect(north).toBeCloseTo(35.1587, 6);
  });

  it('serves a style that passes the MapLibre style specification', async () => {
    const style = await getJson('/styles/mini.json');
    expect(validateStyleMin(style)).toEqual([]);
    // The safety source is written out as its TileJSON says, so MapLibre asks for tiles without reading it first.
    const tilejson = await getJson('/tiles/mini.json');
    expect(style.sources.mini).toEqual({ type: 'vector', tiles: tilejson.tiles, minzoom: tilejson.minzoom, maxzoom: tilejson.maxzoom, bounds: tilejson.bounds, attribution: tilejson.attribution });
    expect(style.sources.mini.tiles[0]).toMatch(new RegExp(`^${server.url}/tiles/mini@[0-9a-f]+/\\{z\\}/\\{x\\}/\\{y\\}\\.mvt$`));
    const tagged = style.layers.filter((layer: any) => layer.metadata?.['safemap:layer']);
    expect(new Set(tagged.map((layer: any) => layer.metadata['safemap:layer']))).toEqual(new Set(['places', 'routes']));
    expect(style.layers.find((layer: any) => layer.id === 'places').type).toBe('circle');
    expect(style.layers.find((layer: any) => layer.id === 'routes').type).toBe('line');
  });
});

describe('tiles', () => {
  it('encodes every accepted point at max zoom, allow-listed and within one pixel', async () => {
    const tilejson = await getJson('/tiles/mini.json');
    const template: string = tilejson.tiles[0];
    for (const place of expectedPlaces) {
      const { z, x, y } = tileForPosition(place.lon, place.lat, 14);
      const response = await fetch(template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y)));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(Buffer.from(bytes).includes('SECRET-CANARY')).toBe(false);
      const layer = decodeTile(bytes, z, x, y).places!;
      for (const properties of layer.properties) {
        expect(Object.keys(properties).every((key) => ['name', 'address', 'capacity'].includes(key))).toBe(true);
      }
      const match = layer.features.find((feature) => feature.properties?.name === place.name);
      expect(match, place.name).toBeDefined();
      expect(match!.properties).toEqual({ name: place.name, address: place.address, capacity: place.capacity });
      const [lon, lat] = (match!.geometry as Point).coordinates as [number, number];
      expect(Math.abs(lon - place.lon)).toBeLessThan(pixelDegrees(14));
      expect(Math.abs(lat - place.lat)).toBeLessThan(pixelDegrees(14));
    }
  });

  // Below a layer's max zoom, nearby points are clusters carrying point_count, in live and published tiles alike.
  const featureCount = (features: Array<{ properties: Record<string, unknown> | null }>) => features.reduce((sum, feature) => sum + (Number(feature.properties?.point_count) || 1), 0);

  it('puts both layers in one tile, counts every feature at z0 and drops the wrong geometry kind', async () => {
    const response = await httpGet(server.url, '/tiles/mini/6/54/25.mvt');
    expect(response.status).toBe(200);
    const layers = decodeTile(response.body, 6, 54, 25);
    expect(featureCount(layers.places!.features)).toBe(4);
    expect(layers.routes!.features).toHaveLength(1);
    expect(layers.routes!.properties[0]).toEqual({ name: '중앙동 안심귀갓길', lengthM: 420 });
    const world = decodeTile((await httpGet(server.url, '/tiles/mini/0/0/0.mvt')).body, 0, 0, 0);
    expect(featureCount(world.places!.features)).toBe(4);
    expect(world.places!.features.length, 'points this close share a cluster at z0').toBeLessThan(4);
    expect(world.routes, 'routes start at z5').toBeUndefined();
  });

  it('compresses when gzip is accepted, with strong ETags and 304', async () => {
    const plain = await httpGet(server.url, '/tiles/mini/6/54/25.mvt');
    const gzipped = await httpGet(server.url, '/tiles/mini/6/54/25.mvt', { 'Accept-Encoding': 'gzip, deflate' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    const etag = gzipped.headers.etag as string;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(etag).not.toBe(plain.headers.etag);
    const revalidated = await httpGet(server.url, '/tiles/mini/6/54/25.mvt', { 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    const head = await httpGet(server.url, '/tiles/mini/6/54/25.mvt', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(plain.body.length));
  });

  it('reads request headers in any letter case, and repeated ones as one list, as HTTP defines them', async () => {
    const gzipped = await httpGet(server.url, '/tiles/mini/6/54/25.mvt', { 'Accept-Encoding': 'gzip' });
    const etag = gzipped.headers.etag as string;
    const ask = (lines: string[]) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
        socket.on('end', () => resolve(answer));
        socket.on('error', reject);
        socket.write(['GET /tiles/mini/6/54/25.mvt HTTP/1.1', 'Host: 127.0.0.1', 'Connection: close', ...lines, '', ''].join('\r\n'));
      });
    // The validator is the second of two If-None-Match lines: the header is their joined list.
    const revalidated = await ask(['aCCEPT-eNCODING: gzip', 'IF-NONE-MATCH: "some-other-tag"', 'if-none-match: ' + etag]);
    expect(revalidated).toMatch(/^HTTP\/1\.1 304 /);
    const compressed = await ask(['ACCEPT-ENCODING: deflate', 'Accept-Encoding: gzip']);
    expect(compressed).toMatch(/^HTTP\/1\.1 200 /);
    expect(compressed).toMatch(/\r\nContent-Encoding: gzip\r\n/);
    const plain = await ask(['Accept-Encoding: gzip;q=0']);
    expect(plain).toMatch(/^HTTP\/1\.1 200 /);
    expect(plain).not.toMatch(/Content-Encoding/i);
  });

  it('marks versioned tile URLs immutable and refuses a version that is not published', async () => {
    const tilejson = await getJson('/tiles/mini.json');
    const versioned = new URL(tilejson.tiles[0].replace('{z}', '6').replace('{x}', '54').replace('{y}', '25'));
    const response = await httpGet(server.url, versioned.pathname);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
    expect((await httpGet(server.url, '/tiles/mini@000000000000/6/54/25.mvt')).status).toBe(404);
  });

  it('answers 204 for an empty tile', async () => {
    const response = await httpGet(server.url, '/tiles/mini/14/0/0.mvt');
    expect(response.status).toBe(204);
    expect(response.body.length).toBe(0);
  });

  it.each([
    ['/tiles/mini/1.5/0/0.mvt'],
    ['/tiles/mini/-1/0/0.mvt'],
    ['/tiles/mini/15/0/0.mvt'],
    ['/tiles/mini/2/4/0.mvt'],
    ['/tiles/mini/2/0/4.mvt'],
    ['/tiles/mini/01/0/0.mvt'],
    ['/tiles/mini/99999999999999999999/0/0.mvt'],
    ['/tiles/mini/1e1/0/0.mvt'],
    ['/tiles/mini/NaN/0/0.mvt'],
    ['/tiles/mini//0/0.mvt'],
    ['/tiles/mini/%3Cscript%3E/0/0.mvt'],
  ])('refuses %s with 400 problem+json that echoes nothing', async (path) => {
    const response = await httpGet(server.url, path);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const body = JSON.parse(response.body.toString());
    expect(body).toMatchObject({ status: 400, code: 'TILE_COORDS_INVALID' });
    expect(response.body.toString()).not.toContain('script');
  });

  it.each([['/tiles/nope/0/0/0.mvt'], ['/tiles/nope.json'], ['/styles/nope.json'], ['/nothing/here'], ['/tiles/mini/0/0/0.pbf']])(
    'answers 404 problem+json for %s',
    async (path) => {
      const response = await httpGet(server.url, path);
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    },
  );

  it.each([['/%'], ['/tiles/%E0%A4%A/0/0/0.mvt'], ['/styles/%C0%AE%C0%AE.json'], ['/widget/..%2f..%2fpackage.json'], ['/examples/%00']])(
    'never fails with 5xx on a malformed path like %s',
    async (path) => {
      const response = await httpGet(server.url, path);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    },
  );
});

describe('features and health', () => {
  it('answers bbox and id look-ups from the index with allow-listed properties only', async () => {
    const collection = await getJson('/tiles/mini/features?bbox=129.0,35.09,129.05,35.11&layer=places');
    expect(collection.features.map((f: any) => f.properties.name).sort()).toEqual(
      ['<script>alert(1)</script>', '영주동 "주민센터" 지하', '중앙초등학교 운동장'].sort(),
    );
    const first = collection.features[0];
    const single = await getJson(`/tiles/mini/features/places/${first.id}`);
    expect(single).toEqual(first);
    expect(JSON.stringify(collection)).not.toContain('SECRET');
    expect((await httpGet(server.url, '/tiles/mini/features?bbox=1,2,3')).status).toBe(400);
    expect((await httpGet(server.url, '/tiles/mini/features/places/999')).status).toBe(404);
  });

  it('reports liveness and readiness', async () => {
    expect((await httpGet(server.url, '/healthz')).status).toBe(200);
    expect((await httpGet(server.url, '/readyz')).status).toBe(200);
  });
});
