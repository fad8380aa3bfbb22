// The documented OpenStreetMap path, end to end with the real tools: `npm run basemap:osm` runs tilemaker and
// osmium on a real extract (Yeouido, Seoul), and the archive read back with the official PMTiles reader holds
// streets named in Korean and English, water, parks, railways, stations and buildings; the gazetteer beside it
// lists the stations and places with both names.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { PMTiles } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Place } from '../../packages/tile-server/src/index.js';
import { fileRangeSource } from '../../packages/tile-server/src/archive/open_archive.js';
import { decodeTile } from '../helpers/decode_tile.js';

const EXTRACT = 'test/fixtures/basemap/seoul-yeouido.osm.pbf';
const HANGUL = /[가-힣]/;
const LATIN = /^[\x20-\x7e\u00c0-\u024f]+$/;


let work: string;
let archive: string;
let summary: { tiles: number; places: number; bounds: number[]; minzoom: number; maxzoom: number };
/** Every z14 tile of the archive, decoded: layer name → properties of its features. */
const deepest = new Map<string, Array<Record<string, unknown>>>();

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'safemap-osm-basemap-'));
  archive = join(work, 'yeouido.pmtiles');
  const { stdout } = await promisify(execFile)(process.execPath, ['scripts/basemap-osm.mjs', EXTRACT, '-o', archive]);
  summary = JSON.parse(stdout);
  const reader = new PMTiles(fileRangeSource(archive));
  const header = await reader.getHeader();
  const n = 2 ** 14;
  const x0 = Math.floor(((header.minLon + 180) / 360) * n);
  const x1 = Math.floor(((header.maxLon + 180) / 360) * n - 1e-9);
  const y = (lat: number) => Math.floor(((1 - Math.asinh(Math.tan((lat * Math.PI) / 180)) / Math.PI) / 2) * n);
  for (let x = x0; x <= x1; x++) {
    for (let row = y(header.maxLat); row <= y(header.minLat); row++) {
      const tile = await reader.getZxy(14, x, row);
      if (!tile) continue;
      const bytes = new Uint8Array(tile.data);
      const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
      for (const [name, layer] of Object.entries(decodeTile(raw, 14, x, row))) deepest.set(name, [...(deepest.get(name) ?? []), ...layer.properties]);
    }
  }
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('npm run basemap:osm on a real OpenStreetMap extract', () => {
  test('writes a PMTiles archive from z0 to z14 around the extract', async () => {
    expect(summary.minzoom).toBe(0);
    expect(summary.maxzoom).toBe(14);
    expect(summary.tiles).toBeGreaterThan(100);
    const [west, south, east, north] = summary.bounds;
    // Yeouido lies at about 126.92 E, 37.52 N.
    expect(west! < 126.93 && east! > 126.92 && south! < 37.53 && north! > 37.52).toBe(true);
    expect((await stat(archive)).size).toBeGreaterThan(10_000);
  });

  test('streets carry their class and their names in Korean and in English', () => {
    const classes = new Set((deepest.get('transportation') ?? []).map((p) => p.class));
    expect([...classes]).toEqual(expect.arrayContaining(['primary', 'secondary', 'rail']));
    const named = deepest.get('transportation_name') ?? [];
    const both = named.filter((p) => HANGUL.test(String(p.name ?? '')) && LATIN.test(String(p.name_en ?? '')));
    expect(both.length).toBeGreaterThan(5);
  });

  test('water, parks, buildings, places and stations are all there', () => {
    expect(deepest.get('water')?.length ?? 0).toBeGreaterThan(0);
    // The OpenMapTiles schema files city parks under landcover (class grass, subclass park).
    expect((deepest.get('landcover') ?? []).filter((p) => p.subclass === 'park').length).toBeGreaterThan(0);
    expect(deepest.get('building')?.length ?? 0).toBeGreaterThan(100);
    const stations = (deepest.get('poi') ?? []).filter((p) => p.class === 'railway');
    expect(stations.some((p) => HANGUL.test(String(p.name)) && typeof p.name_en === 'string')).toBe(true);
  });

  test('the gazetteer beside the archive lists stations with both names, and no bus stops', async () => {
    const { places } = JSON.parse(await readFile(join(work, 'yeouido.places.json'), 'utf8')) as { places: Place[] };
    expect(places.length).toBe(summary.places);
    const stations = places.filter((p) => p.kind === 'station');
    expect(stations).toContainEqual(expect.objectContaining({ name: '영등포', name_en: 'Yeongdeungpo', kind: 'station' }));
    expect(stations.some((p) => p.name.endsWith('앞'))).toBe(false);
    for (const place of places) {
      expect(place.lon).toBeGreaterThan(126.8);
      expect(place.lon).toBeLessThan(127.1);
      expect(place.lat).toBeGreaterThan(37.4);
      expect(place.lat).toBeLessThan(37.6);
    }
  });

  test('refuses an output that is not a .pmtiles file, naming it', async () => {
    const run = promisify(execFile)(process.execPath, ['scripts/basemap-osm.mjs', EXTRACT, '-o', join(work, 'out.mbtiles')]);
    await expect(run).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('out.mbtiles') });
  });
});

describe('npm run basemap:osm with --water-polygons', () => {
  // OpenStreetMap draws the sea only as coastline; a coastal agency gives sea polygons, such as OpenStreetMap's water
  // polygons. A square over Yeouido stands in for them here, made into a shapefile by GDAL.
  test('the sea polygons are drawn as water of class ocean, and only when given', async () => {
    const square = join(work, 'sea.geojson');
    await writeFile(square, JSON.stringify({ type: 'Feature', properties: { FID: 1 }, geometry: { type: 'Polygon', coordinates: [[[126.9, 37.5], [126.95, 37.5], [126.95, 37.54], [126.9, 37.54], [126.9, 37.5]]] } }));
    const shapefile = join(work, 'sea.shp');
    await promisify(execFile)('ogr2ogr', ['-f', 'ESRI Shapefile', shapefile, square]);
    const withSea = join(work, 'yeouido-sea.pmtiles');
    await promisify(execFile)(process.execPath, ['scripts/basemap-osm.mjs', EXTRACT, '-o', withSea, '--water-polygons', shapefile]);
    // The z14 tile holding the square's middle.
    const [lon, lat] = [126.925, 37.52];
    const x = Math.floor(((lon + 180) / 360) * 2 ** 14);
    const y = Math.floor(((1 - Math.asinh(Math.tan((lat * Math.PI) / 180)) / Math.PI) / 2) * 2 ** 14);
    const oceans = async (file: string) => {
      const tile = await new PMTiles(fileRangeSource(file)).getZxy(14, x, y);
      if (!tile) return 0;
      const bytes = new Uint8Array(tile.data);
      const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
      return (decodeTile(raw, 14, x, y)['water']?.properties ?? []).filter((p) => p.class === 'ocean').length;
    };
    expect(await oceans(withSea)).toBeGreaterThan(0);
    expect(await oceans(archive)).toBe(0);
  }, 120_000);

  test('refuses water polygons that are not a shapefile, naming them', async () => {
    const run = promisify(execFile)(process.execPath, ['scripts/basemap-osm.mjs', EXTRACT, '-o', join(work, 'x.pmtiles'), '--water-polygons', join(work, 'sea.geojson')]);
    await expect(run).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('sea.geojson') });
  });
});
