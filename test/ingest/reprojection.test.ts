import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../../packages/tile-server/src/ingest/ingest_files.js';
import { toWgs84 } from '../../packages/tile-server/src/ingest/crs.js';
import { bessel, distanceMetres, grs80, tmForward, type TmParameters } from './transverse_mercator.js';

/**
 * Control points, each from a source other than proj4:
 * - natural origins: the EPSG registry's projection parameters (latitude/longitude of natural origin ↔ false
 *   easting/northing) for EPSG:5179, 5181, 5185–5188; exact by definition (KGD2002/GRS80 = WGS84 within 1 m per EPSG);
 * - EPSG:5179 (1307285, 2229260) ↔ 131.0999928°E 40.0099722°N: computed by epsg.io (PROJ) and quoted in
 *   Stack Overflow question 54362007;
 * - Korean 1985 (Bessel) 127.0020969444°E 36.9971380556°N ↔ WGS84 127°E 37°N: the NGII 7-parameter transformation
 *   (NGII notice 2003-497, EPSG:5189/5191 parameters −145.907, 505.034, 685.756, −1.162, 2.347, 1.592, 6.342 ppm) as
 *   published in the petabytekr/proj4js-test README; projected to EPSG:5174/2097 metres with Snyder's Transverse
 *   Mercator (USGS PP 1395), implemented independently in transverse_mercator.ts;
 * - city halls and islands (Seoul 126.9779692/37.5662952, Busan 129.0750222/35.1798159, Jeju 126.4983/33.489,
 *   Dokdo 131.8669/37.2426) projected with the same independent Snyder formulas into each GRS80 system.
 */
const tolerance = 1; // metres

const grs80Systems: Record<string, TmParameters> = {
  'EPSG:5181': { ellipsoid: grs80, lat0: 38, lon0: 127, k0: 1, x0: 200000, y0: 500000 },
  'EPSG:5185': { ellipsoid: grs80, lat0: 38, lon0: 125, k0: 1, x0: 200000, y0: 600000 },
  'EPSG:5186': { ellipsoid: grs80, lat0: 38, lon0: 127, k0: 1, x0: 200000, y0: 600000 },
  'EPSG:5187': { ellipsoid: grs80, lat0: 38, lon0: 129, k0: 1, x0: 200000, y0: 600000 },
  'EPSG:5188': { ellipsoid: grs80, lat0: 38, lon0: 131, k0: 1, x0: 200000, y0: 600000 },
  'EPSG:5179': { ellipsoid: grs80, lat0: 38, lon0: 127.5, k0: 0.9996, x0: 1000000, y0: 2000000 },
};

const places: Record<string, [number, number]> = {
  'Seoul City Hall': [126.9779692, 37.5662952],
  'Busan City Hall': [129.0750222, 35.1798159],
  Jeju: [126.4983, 33.489],
  Dokdo: [131.8669, 37.2426],
};

describe('reprojection against control points (< 1 m)', () => {
  it.each(Object.entries(grs80Systems))('%s: the natural origin', (crs, p) => {
    expect(distanceMetres(toWgs84(crs)(p.x0, p.y0), [p.lon0, p.lat0])).toBeLessThan(tolerance);
  });

  for (const [crs, p] of Object.entries(grs80Systems)) {
    it.each(Object.entries(places))(`${crs}: %s via independent Transverse Mercator`, (_name, place) => {
      const [x, y] = tmForward(p, place[0], place[1]);
      expect(distanceMetres(toWgs84(crs)(x, y), place)).toBeLessThan(tolerance);
    });
  }

  it('EPSG:5179: the epsg.io point quoted in Stack Overflow 54362007', () => {
    expect(distanceMetres(toWgs84('EPSG:5179')(1307285, 2229260), [131.0999928, 40.0099722])).toBeLessThan(tolerance);
  });

  it.each([
    ['EPSG:5174', 127.0028902777778],
    ['EPSG:2097', 127],
  ])('%s: a Korean 1985 point shifted with NGII’s published parameters', (crs, lon0) => {
    const [x, y] = tmForward({ ellipsoid: bessel, lat0: 38, lon0, k0: 1, x0: 200000, y0: 500000 }, 127.0020969444, 36.9971380556);
    expect(distanceMetres(toWgs84(crs)(x, y), [127, 37])).toBeLessThan(tolerance);
  });

  it('EPSG:5174 read as EPSG:5181 is hundreds of metres off: the systems are not interchangeable', () => {
    const [x, y] = tmForward({ ellipsoid: bessel, lat0: 38, lon0: 127.0028902777778, k0: 1, x0: 200000, y0: 500000 }, 127.0020969444, 36.9971380556);
    expect(distanceMetres(toWgs84('EPSG:5181')(x, y), [127, 37])).toBeGreaterThan(200);
  });

  it('EPSG:3857: the closed-form spherical Mercator', () => {
    const R = 6378137;
    const [lon, lat] = [126.9779692, 37.5662952];
    const x = (R * lon * Math.PI) / 180;
    const y = R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
    expect(distanceMetres(toWgs84('EPSG:3857')(x, y), [lon, lat])).toBeLessThan(tolerance);
  });
});

describe('projected files through ingest', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'safemap-crs-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads LOCALDATA 좌표정보(x)/(y) in EPSG:5174 with --crs, negative northings on Jeju included', async () => {
    const [x, y] = tmForward({ ellipsoid: bessel, lat0: 38, lon0: 127.0028902777778, k0: 1, x0: 200000, y0: 500000 }, 127.0020969444, 36.9971380556);
    const file = path.join(dir, 'localdata.csv');
    await writeFile(file, `사업장명,영업상태명,좌표정보(x),좌표정보(y)\n기준점,사용중,${x},${y}\n서귀포시청,사용중,158931.24,-26789.85\n`);
    const result = await ingestFiles([file], { crs: 'EPSG:5174' });
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(distanceMetres((result.features[0]!.geometry as { coordinates: number[] }).coordinates, [127, 37])).toBeLessThan(tolerance);
    // Seogwipo City Hall (126.5601°E 33.2541°N): to within a few metres of the published building position.
    expect(distanceMetres((result.features[1]!.geometry as { coordinates: number[] }).coordinates, [126.5601, 33.2541])).toBeLessThan(5);
  });

  it('honours a GeoJSON legacy crs member (EPSG:5186) and puts its natural origin at 127°E 38°N', async () => {
    const result = await ingestFiles([fixture('legacy-crs-5186.geojson')]);
    expect(result.sources[0]!.crs).toBe('EPSG:5186');
    const point = result.features.find((f) => f.geometry.type === 'Point')!;
    expect(distanceMetres((point.geometry as { coordinates: number[] }).coordinates, [127, 38])).toBeLessThan(tolerance);
  });

  it('honours a crs member that comes after the features', async () => {
    const result = await ingestFiles([fixture('late-crs-5186.geojson')]);
    expect(result.sources[0]!.crs).toBe('EPSG:5186');
    expect(result.features).toHaveLength(2);
    const point = result.features.find((f) => f.geometry.type === 'Point')!;
    expect(distanceMetres((point.geometry as { coordinates: number[] }).coordinates, [127, 38])).toBeLessThan(tolerance);
  });

  it('--crs overrides a crs member', async () => {
    const result = await ingestFiles([fixture('legacy-crs-5186.geojson')], { crs: 'EPSG:5181', keepSuspect: true });
    const point = result.features.find((f) => f.geometry.type === 'Point')!;
    // 5181 has a false northing of 500000: the same metres lie 100 km further north, beyond the DMZ.
    expect((point.geometry as { coordinates: number[] }).coordinates[1]).toBeGreaterThan(38.8);
    expect(result.problems.map((p) => p.kind)).toContain('outside-region');
  });
});

describe('projected metres without a declared CRS: read only when exactly one system places them plausibly', () => {
  it.each([
    // Seoul City Hall in EPSG:5186; the east belt (5187) puts it near Donghae, also on land: two rows cannot tell.
    ['projected-no-crs.csv', ['EPSG:5186', 'EPSG:5187']],
    ['projected-no-crs.geojson', ['EPSG:5186', 'EPSG:5187']],
    // Bessel and GRS80 systems with a false northing of 500000 differ by about 300 m: all on land.
    ['localdata-shelters-5174.csv', ['EPSG:5174', 'EPSG:5181', 'EPSG:2097']],
  ])('%s → CRS_REQUIRED listing %j with the flag for each', async (name, expected) => {
    const error = await ingestFiles([fixture(name)]).then(
      () => undefined,
      (e: unknown) => e as { code: string; message: string; details: { candidates: string[] } },
    );
    expect(error?.code).toBe('CRS_REQUIRED');
    expect(error?.message).toContain(name);
    expect(error?.details.candidates).toEqual(expected);
    for (const crs of expected) expect(error?.message).toContain(`--crs ${crs}`);
    expect(error?.message).toMatch(/lands at [\d.]+–[\d.]+°E [\d.]+–[\d.]+°N, near \S+ \(\d+ km\)/);
  });

  it.each([
    ['utmk-no-crs.csv', 'EPSG:5179'],
    ['mercator-no-crs.csv', 'EPSG:3857'],
  ])('%s is read as %s, the only system that places it in Korea, with a warning naming the flag', async (name, crs) => {
    const result = await ingestFiles([fixture(name)]);
    expect(result.sources[0]!.crs).toBe(crs);
    const note = result.problems.find((p) => p.kind === 'crs-detected');
    expect(note).toMatchObject({ severity: 'warning', quarantined: false });
    expect(note?.reason).toContain(crs);
    expect(note?.reason).toMatch(/--crs EPSG:N/);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});

function fixture(name: string): string {
  return path.join(import.meta.dirname, '..', 'fixtures', 'ingest', name);
}
