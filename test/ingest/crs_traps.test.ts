import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommand } from '../../packages/tile-server/src/cli/build_command.js';
import { exitCodes } from '../../packages/tile-server/src/cli/exit_codes.js';
import { validateCommand } from '../../packages/tile-server/src/cli/validate_command.js';
import { ingestFiles } from '../../packages/tile-server/src/ingest/ingest_files.js';
import { provinces } from '../../packages/tile-server/src/ingest/korea_land.js';
import { distanceMetres } from './transverse_mercator.js';

/**
 * The traps of issue "no silent wrong map", one small generated fixture each. Projected coordinates are made by GDAL
 * (gdaltransform, PROJ), so every position SafeMap reads back is compared against an independent implementation.
 */
const gdaltransform = ['/usr/bin/gdaltransform', '/usr/local/bin/gdaltransform'].find((candidate) => existsSync(candidate));
const withGdal = gdaltransform !== undefined || Boolean(process.env.CI);

function gdalForward(crs: string, points: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const out = execFileSync(gdaltransform!, ['-s_srs', 'EPSG:4326', '-t_srs', crs, '-output_xy'], { input: points.map(([lon, lat]) => `${lon} ${lat}`).join('\n') + '\n', encoding: 'utf8' });
  return out.trim().split('\n').map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
}

/** Seoul's 25 district offices (approximate), with their district names. */
const seoul: ReadonlyArray<[string, number, number]> = [
  ['종로구', 126.979, 37.573], ['중구', 126.998, 37.564], ['용산구', 126.99, 37.532], ['성동구', 127.037, 37.563], ['광진구', 127.082, 37.538],
  ['동대문구', 127.04, 37.574], ['중랑구', 127.093, 37.606], ['성북구', 127.017, 37.589], ['강북구', 127.025, 37.64], ['도봉구', 127.047, 37.669],
  ['노원구', 127.057, 37.654], ['은평구', 126.929, 37.603], ['서대문구', 126.937, 37.579], ['마포구', 126.902, 37.566], ['양천구', 126.866, 37.517],
  ['강서구', 126.85, 37.551], ['구로구', 126.888, 37.495], ['금천구', 126.896, 37.457], ['영등포구', 126.896, 37.526], ['동작구', 126.94, 37.512],
  ['관악구', 126.951, 37.478], ['서초구', 127.033, 37.484], ['강남구', 127.047, 37.517], ['송파구', 127.106, 37.515], ['강동구', 127.124, 37.53],
];

async function run(command: typeof validateCommand, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await command(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

describe.runIf(withGdal)('coordinate-system traps, checked against GDAL', () => {
  let dir: string;
  let shelters5186: Array<[number, number]>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'safemap-crs-traps-'));
    shelters5186 = gdalForward('EPSG:5186', seoul.map(([, lon, lat]) => [lon, lat]));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('Seoul shelters in EPSG:5186 with addresses and no CRS: read as 5186 (5174 would put them past the DMZ)', async () => {
    const file = path.join(dir, 'seoul-shelters-5186.csv');
    const rows = seoul.map(([gu], i) => `${gu} 대피소,서울특별시 ${gu} 어딘가로 ${i + 1},${shelters5186[i]![0]},${shelters5186[i]![1]}`);
    await writeFile(file, `시설명,도로명주소,x_coord,y_coord\n${rows.join('\n')}\n`);
    const result = await ingestFiles([file]);
    expect(result.sources[0]!.crs).toBe('EPSG:5186');
    const note = result.problems.find((p) => p.kind === 'crs-detected')!;
    expect(note.severity).toBe('warning');
    expect(note.reason).toMatch(/EPSG:5174 0% on South Korean land.* 38\.\d+–38\.\d+°N, near \S+ \(North Korea\)/);
    result.features.forEach((feature, i) => {
      expect(distanceMetres((feature.geometry as { coordinates: number[] }).coordinates, [seoul[i]![1], seoul[i]![2]])).toBeLessThan(0.05);
    });
  });

  it('the same file without addresses is refused, 5186 ranked first and 5174 not offered', async () => {
    const file = path.join(dir, 'seoul-shelters-5186-no-address.csv');
    await writeFile(file, `시설명,x_coord,y_coord\n${seoul.map(([gu], i) => `${gu} 대피소,${shelters5186[i]![0]},${shelters5186[i]![1]}`).join('\n')}\n`);
    const refused = await run(validateCommand, [file]);
    expect(refused.code).toBe(exitCodes.crsRequired);
    expect(refused.stderr).toMatch(/--crs EPSG:5186 .*near Seoul/);
    expect(refused.stderr.indexOf('--crs EPSG:5186')).toBeLessThan(refused.stderr.indexOf('--crs EPSG:5187'));
    expect(refused.stderr).not.toContain('--crs EPSG:5174');
    expect((await run(validateCommand, ['--crs', 'EPSG:5186', file])).code).toBe(exitCodes.ok);
  });

  it('LOCALDATA names its CRS in the header: 좌표정보x(epsg5174) is found and read as EPSG:5174', async () => {
    const file = path.join(dir, 'localdata-header-crs.csv');
    const [[x, y]] = gdalForward('EPSG:5174', [[126.978, 37.5663]]) as [[number, number]];
    await writeFile(file, `사업장명,소재지전체주소,좌표정보x(epsg5174),좌표정보y(epsg5174)\n서울시청 대피소,서울특별시 중구 태평로1가 31,${x},${y}\n`);
    const result = await ingestFiles([file]);
    expect(result.sources[0]!.crs).toBe('EPSG:5174');
    // The agencies' datum shift and the transformation GDAL picks agree to a few centimetres.
    expect(distanceMetres((result.features[0]!.geometry as { coordinates: number[] }).coordinates, [126.978, 37.5663])).toBeLessThan(0.5);
  });

  it('JGD2011 (EPSG:6675) GeoJSON with a crs member lands where GDAL puts it', async () => {
    const places: Array<[number, number]> = [[136.9066, 35.1815], [137.2113, 36.6953]];
    const metres = gdalForward('EPSG:6675', places);
    const file = path.join(dir, 'jgd2011.geojson');
    const features = metres.map((coordinates, i) => ({ type: 'Feature', properties: { id: i }, geometry: { type: 'Point', coordinates } }));
    await writeFile(file, JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::6675' } }, features }));
    const result = await ingestFiles([file]);
    expect(result.sources[0]!.crs).toBe('EPSG:6675');
    result.features.forEach((feature, i) => expect(distanceMetres((feature.geometry as { coordinates: number[] }).coordinates, places[i]!)).toBeLessThan(0.05));
  });

  it('--crs takes the WKT of a .prj', async () => {
    const file = path.join(dir, 'prj.csv');
    await writeFile(file, `name,x,y\nSeoul,${shelters5186[0]![0]},${shelters5186[0]![1]}\n`);
    const prj =
      'PROJCS["Korea_2000_Korea_Central_Belt_2010",GEOGCS["GCS_Korea_2000",DATUM["D_Korea_2000",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],' +
      'UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",200000.0],PARAMETER["False_Northing",600000.0],' +
      'PARAMETER["Central_Meridian",127.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",38.0],UNIT["Meter",1.0]]';
    const result = await ingestFiles([file], { crs: prj });
    expect(result.sources[0]!.crs).toBe('EPSG:5186');
    expect(distanceMetres((result.features[0]!.geometry as { coordinates: number[] }).coordinates, [seoul[0]![1], seoul[0]![2]])).toBeLessThan(0.05);
    expect((await run(validateCommand, ['--crs', prj, file])).code).toBe(exitCodes.ok);
  });
});

describe('axis order in GeoJSON', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'safemap-axis-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['urn:ogc:def:crs:OGC:1.3:CRS84', 'urn:ogc:def:crs:EPSG::4326', 'EPSG:4326'])('a crs member %s is read longitude first, as GeoJSON and GDAL read it', async (name) => {
    const file = path.join(dir, `axis-${name.replace(/\W/g, '_')}.geojson`);
    const feature = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [129.0756, 35.1796] } };
    await writeFile(file, JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name } }, features: [feature] }));
    const result = await ingestFiles([file]);
    expect(result.sources[0]!.crs).toBe('EPSG:4326');
    expect((result.features[0]!.geometry as { coordinates: number[] }).coordinates).toEqual([129.0756, 35.1796]);
  });
});

describe('collapsed coordinates are refused, nothing written', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'safemap-collapse-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('hospitals of 17 provinces inside a 3 m × 5 m spot: validate and build exit 7 with the next step', async () => {
    const file = path.join(dir, 'hospitals-collapsed.csv');
    // "Corrected" coordinates that are neither metres nor degrees: read as EPSG:5174 they all land in one spot.
    const rows = Array.from({ length: 68 }, (_, i) => {
      const province = provinces[i % provinces.length]!;
      return `병원${i},${province.name} 어느구 병원로 ${i},${(150000 + (i % 3)).toFixed(1)},${(300000 + (i % 5) * 1.1).toFixed(1)}`;
    });
    await writeFile(file, `사업장명,소재지전체주소,좌표정보(x),좌표정보(y)\n${rows.join('\n')}\n`);
    const validated = await run(validateCommand, ['--crs', 'EPSG:5174', file]);
    expect(validated.code).toBe(exitCodes.dataInvalid);
    expect(validated.stderr).toMatch(/68 of 68 rows lie within 10 m of one spot .* addresses name 17 provinces/);
    expect(validated.stderr).toMatch(/--x COL --y COL/);
    const output = path.join(dir, 'out.pmtiles');
    const built = await run(buildCommand, ['--crs', 'EPSG:5174', '-o', output, file]);
    expect(built.code).toBe(exitCodes.dataInvalid);
    expect((await readdir(dir)).filter((name) => name.startsWith('out'))).toEqual([]);
  });

  it('a spread file and a pole with six cameras are not collapsed', async () => {
    const file = path.join(dir, 'spread.csv');
    const rows = Array.from({ length: 30 }, (_, i) => `cam${i},부산광역시 중구 ${i},${(35.1 + (i < 6 ? 0 : i * 0.001)).toFixed(5)},${(129.03 + (i < 6 ? 0 : i * 0.001)).toFixed(5)}`);
    await writeFile(file, `name,주소,위도,경도\n${rows.join('\n')}\n`);
    const result = await ingestFiles([file]);
    expect(result.features).toHaveLength(30);
  });
});

describe('positions no map can draw', () => {
  it('a longitude off the globe is quarantined even with --keep-suspect', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'safemap-globe-'));
    try {
      const file = path.join(dir, 'off-globe.csv');
      await writeFile(file, `name,위도,경도\nok,35.1,129.05\nbad,35.1,129226015\n`);
      const result = await ingestFiles([file], { keepSuspect: true });
      expect(result.features).toHaveLength(1);
      expect(result.problems.find((p) => p.line === 3)).toMatchObject({ kind: 'invalid-geometry', quarantined: true });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
