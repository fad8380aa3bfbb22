// Text search and compact point lists over the Busan demo, through real HTTP: every feature is reachable (not the
// first 1,000 of a layer), the hazard filter applies, and every parameter is validated.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../packages/tile-server/src/index.js';
import { httpGet } from '../helpers/http_get.js';
import { startTestServer } from '../helpers/start_test_server.js';

let server: RunningServer;
interface Group {
  layer: string;
  total: number;
  results: Array<{ id: number; lon: number; lat: number; properties: Record<string, unknown> }>;
}

beforeAll(async () => {
  server = await startTestServer('examples/busan/catalog.json');
});
afterAll(async () => {
  await server?.close();
});

async function search(query: string): Promise<Group[]> {
  const response = await fetch(`${server.url}/tiles/busan/search?${query}`);
  expect(response.status, query).toBe(200);
  expect(response.headers.get('cache-control')).toMatch(/max-age=\d+/);
  return ((await response.json()) as { groups: Group[] }).groups;
}

describe('GET /tiles/:id/search', () => {
  it('finds a camera far beyond the first 1,000 of its layer, by its address however it is spaced', async () => {
    const points = (await (await fetch(`${server.url}/tiles/busan/points/cctv`)).json()) as { count: number; id: number[] };
    expect(points.count).toBeGreaterThan(15_000);
    const last = (await (await fetch(`${server.url}/tiles/busan/features/cctv/${points.id.at(-1)}`)).json()) as { properties: { address: string } };
    const address = last.properties.address;
    const spaced = address.replace(/\s+/g, '').split('').join(' ');
    const groups = await search(`q=${encodeURIComponent(spaced)}&layer=cctv&limit=50`);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.results.some((r) => r.properties.address === address)).toBe(true);
  });

  it('groups matches by layer and counts them all', async () => {
    const groups = await search(`q=${encodeURIComponent('해운대구')}&limit=3`);
    const layers = groups.map((g) => g.layer);
    expect(layers).toEqual(expect.arrayContaining(['cctv', 'shelters']));
    for (const group of groups) {
      expect(group.results.length).toBeLessThanOrEqual(3);
      expect(group.total).toBeGreaterThanOrEqual(group.results.length);
    }
    expect(groups.find((g) => g.layer === 'cctv')!.total).toBeGreaterThan(900);
  });

  it('keeps only shelters that serve the chosen hazard, leaving other layers alone', async () => {
    const all = await search(`q=${encodeURIComponent('부산')}&limit=50`);
    const tsunami = await search(`q=${encodeURIComponent('부산')}&limit=50&hazard=tsunami`);
    const shelters = (groups: Group[]) => groups.find((g) => g.layer === 'shelters')!;
    expect(shelters(tsunami).total).toBeLessThan(shelters(all).total);
    for (const r of shelters(tsunami).results) expect(String(r.properties.hazards).split(',')).toContain('tsunami');
    expect(tsunami.find((g) => g.layer === 'cctv')!.total).toBe(all.find((g) => g.layer === 'cctv')!.total);
  });

  it.each([
    ['', 'q must be'],
    ['q=', 'q must be'],
    [`q=${'가'.repeat(101)}`, 'q must be'],
    ['q=a&q=b', 'given once'],
    ['q=a&limit=0', 'limit must be'],
    ['q=a&limit=51', 'limit must be'],
    ['q=a&limit=1e1', 'limit must be'],
    ['q=a&hazard=%3Cscript%3E', 'hazard must be'],
    ['q=a&bbox=1,2,3,4', 'unknown query parameter'],
  ])('refuses %s with a 400 problem that never repeats the input', async (query, detail) => {
    const response = await fetch(`${server.url}/tiles/busan/search?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as { detail: string };
    expect(body.detail).toContain(detail);
    expect(JSON.stringify(body)).not.toContain('script');
  });

  it('answers 404 for an unknown tile set or layer, and for the basemap layer', async () => {
    expect((await fetch(`${server.url}/tiles/nope/search?q=a`)).status).toBe(404);
    expect((await fetch(`${server.url}/tiles/busan/search?q=a&layer=nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/tiles/busan/points/land`)).status).toBe(404);
  });
});

describe('GET /tiles/:id/points/:layer', () => {
  it('lists every shelter as columns of id, position, name and hazards, and takes no position', async () => {
    const response = await fetch(`${server.url}/tiles/busan/points/shelters`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { layer: string; count: number; id: number[]; lon: number[]; lat: number[]; name: string[]; hazards: string[] };
    expect(body.layer).toBe('shelters');
    expect(Object.keys(body).sort()).toEqual(['count', 'hazards', 'id', 'lat', 'layer', 'lon', 'name']);
    for (const column of [body.id, body.lon, body.lat, body.name, body.hazards]) expect(column).toHaveLength(body.count);
    const feature = (await (await fetch(`${server.url}/tiles/busan/features/shelters/${body.id[7]}`)).json()) as { geometry: { coordinates: [number, number] }; properties: { name: string } };
    expect(body.name[7]).toBe(feature.properties.name);
    expect(body.lon[7]).toBeCloseTo(feature.geometry.coordinates[0], 6);
    expect(body.lat[7]).toBeCloseTo(feature.geometry.coordinates[1], 6);
    expect((await fetch(`${server.url}/tiles/busan/points/shelters?bbox=129,35,129.1,35.1`)).status).toBe(400);
    expect((await fetch(`${server.url}/tiles/busan/points/shelters?near=129,35`)).status).toBe(400);
  });
});

describe('documents and look-ups on a phone network', () => {
  it('are sent brotli or gzip to a client that takes them, the same JSON once decoded, and plain to one that does not', async () => {
    for (const path of ['/catalog', '/styles/busan.json', '/tiles/busan/points/cctv', '/tiles/busan/search?q=%EB%B6%80%EC%82%B0', '/']) {
      const plain = await httpGet(server.url, path);
      expect(plain.status, path).toBe(200);
      expect(plain.headers['content-encoding'], path).toBeUndefined();
      for (const [accept, encoding, decode] of [['br, gzip', 'br', brotliDecompressSync], ['gzip', 'gzip', gunzipSync]] as const) {
        const packed = await httpGet(server.url, path, { 'Accept-Encoding': accept });
        expect(packed.headers['content-encoding'], `${path} ${accept}`).toBe(encoding);
        expect(packed.headers.vary, path).toMatch(/Accept-Encoding/);
        expect(decode(packed.body).equals(plain.body), `${path} ${accept}`).toBe(true);
        expect(packed.body.length, path).toBeLessThan(plain.body.length / 2);
      }
    }
  });

  it('keep a point list made once per encoding: the same bytes and validator every time, and 304 when the copy is fresh', async () => {
    const first = await httpGet(server.url, '/tiles/busan/points/shelters', { 'Accept-Encoding': 'br' });
    const again = await httpGet(server.url, '/tiles/busan/points/shelters', { 'Accept-Encoding': 'br' });
    expect(again.body.equals(first.body)).toBe(true);
    expect(again.headers.etag).toBe(first.headers.etag);
    const plain = await httpGet(server.url, '/tiles/busan/points/shelters');
    expect(plain.headers.etag).not.toBe(first.headers.etag);
    const fresh = await httpGet(server.url, '/tiles/busan/points/shelters', { 'Accept-Encoding': 'br', 'If-None-Match': String(first.headers.etag) });
    expect(fresh.status).toBe(304);
  });
});
