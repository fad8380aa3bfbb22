import type { Point } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tileForPosition, type RunningServer } from '../../packages/tile-server/src/index.js';
import { snapPosition } from '../../packages/tile-server/src/ingest/snap_position.js';
import { decodeTile } from '../helpers/decode_tile.js';
import { httpGet } from '../helpers/http_get.js';
import { AGENCY_KEY, AGENCY_ORIGIN, DATA_CANARY, capturedLogger, createSecurityFixture } from './security_fixture.js';

const fixture = createSecurityFixture();
const { logger, lines } = capturedLogger('debug');
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ catalogPath: fixture.catalogPath, host: '127.0.0.1', port: 0, logger, examplesDir: fixture.examplesDir, widgetDir: fixture.widgetDir });
});
afterAll(async () => {
  await server?.close();
});

/** Metres between two WGS84 positions (equirectangular; exact enough over a few hundred metres). */
function metres(a: readonly number[], b: readonly number[]): number {
  const lat = (((a[1]! + b[1]!) / 2) * Math.PI) / 180;
  return Math.hypot((a[0]! - b[0]!) * 111_320 * Math.cos(lat), (a[1]! - b[1]!) * 111_320);
}

describe('data minimisation', () => {
  it('keeps a non-allow-listed column out of every tile, document, error body and log line', async () => {
    const paths = ['/catalog', '/tiles/city.json', '/styles/city.json', '/tiles/city/features?bbox=128,34,130,36&limit=1000', '/tiles/city/features/shelters/0', '/tiles/city/features/cctv/0'];
    for (let z = 0; z <= 15; z++) {
      const { x, y } = tileForPosition(129.045, 35.115, z);
      paths.push(`/tiles/city/${z}/${x}/${y}.mvt`);
    }
    paths.push('/tiles/city/99/0/0.mvt', `/tiles/city/features?bbox=${DATA_CANARY}`, `/tiles/city.json?${DATA_CANARY}=1`, '/examples/data.csv', '/restricted/tiles/city.json');
    let tiles = 0;
    for (const path of paths) {
      for (const headers of [{}, { 'Accept-Encoding': 'gzip' }, { 'X-SafeMap-Key': AGENCY_KEY, Origin: AGENCY_ORIGIN }]) {
        const response = await httpGet(server.url, path, headers);
        expect(response.status, path).toBeLessThan(500);
        if (response.status === 200 && path.endsWith('.mvt')) tiles++;
        // Both representations: gzip bytes could hide the canary from a plain substring search.
        const body = response.headers['content-encoding'] === 'gzip' ? (await import('node:zlib')).gunzipSync(response.body) : response.body;
        expect(body.includes(DATA_CANARY), path).toBe(false);
        expect(JSON.stringify(response.headers)).not.toContain(DATA_CANARY);
      }
    }
    expect(tiles).toBeGreaterThan(20);
    expect(lines.length).toBeGreaterThan(paths.length);
    expect(lines.join('\n')).not.toContain(DATA_CANARY);
  });

  it('snaps CCTV positions to the 50 m grid in tiles and look-ups, and serves no CCTV above z15', async () => {
    const features = JSON.parse((await httpGet(server.url, '/tiles/city/features?bbox=128,34,130,36&layer=cctv&limit=1000')).body.toString()).features;
    expect(features).toHaveLength(fixture.cameras.length);
    const served = features
      .sort((a: { id: number }, b: { id: number }) => a.id - b.id)
      .map((feature: { geometry: Point }) => feature.geometry.coordinates);
    for (const [index, camera] of fixture.cameras.entries()) {
      const original = [camera.lon, camera.lat];
      const snapped = served[index];
      expect(snapped).toEqual(snapPosition(original, 50));
      expect(metres(original, snapped)).toBeLessThanOrEqual(Math.SQRT2 * 25 + 0.5);
    }
    // Cameras 37 m apart often share a cell: fewer distinct positions than cameras proves the grid is coarse.
    expect(new Set(served.map(String)).size).toBeLessThan(fixture.cameras.length);

    const tilejson = JSON.parse((await httpGet(server.url, '/tiles/city.json')).body.toString());
    expect(tilejson.vector_layers.find((layer: { id: string }) => layer.id === 'cctv').maxzoom).toBe(15);
    const camera = fixture.cameras[0]!;
    for (const [z, expectCctv] of [[15, true], [16, false], [18, false]] as const) {
      const { x, y } = tileForPosition(camera.lon, camera.lat, z);
      const response = await httpGet(server.url, `/tiles/city/${z}/${x}/${y}.mvt`);
      const layers = response.status === 200 ? decodeTile(response.body, z, x, y) : {};
      expect('cctv' in layers, `z${z}`).toBe(expectCctv);
      if (expectCctv) {
        for (const feature of layers.cctv!.features) {
          const position = (feature.geometry as Point).coordinates;
          expect(served.some((s: number[]) => metres(s, position) < 1.5)).toBe(true);
        }
      }
    }
  });

  it('keeps hostile property keys as data: no prototype pollution, nothing but the allow-list published', async () => {
    const collection = JSON.parse((await httpGet(server.url, '/tiles/city/features?bbox=128,34,130,36&layer=hostile')).body.toString());
    expect(collection.features).toHaveLength(1);
    expect(collection.features[0].properties).toEqual({ name: 'hostile', toString: 'x' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    for (const path of ['/tiles/__proto__.json', '/tiles/constructor/0/0/0.mvt', '/styles/constructor.json', '/tiles/city/features/__proto__/0', '/tiles/city/features?bbox=128,34,130,36&layer=constructor', '/tiles/city/features?bbox=128,34,130,36&__proto__[polluted]=yes']) {
      const response = await httpGet(server.url, path);
      expect(response.status, path).toBeGreaterThanOrEqual(200);
      expect(response.status, path).toBeLessThan(500);
      expect(response.body.toString()).not.toContain('polluted');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
