import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles, type IngestedFeature } from '../../packages/tile-server/src/ingest/ingest_files.js';

const fixture = (name: string) => path.join(import.meta.dirname, '..', 'fixtures', 'ingest', name);
const coordinates = (feature: IngestedFeature | undefined) => (feature?.geometry as { coordinates: number[] }).coordinates;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'safemap-ingest-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CSV layouts from DATA.md are detected without flags', () => {
  it.each([
    ['old-standard-shelters.csv', '위도/경도, old 표준데이터', [129.034, 35.1033]],
    ['cctv-2022.csv', 'WGS84위도/WGS84경도, 2022 standard', [129.0339846, 35.10346759]],
    ['bells-2026.csv', '2026 지방행정 안전비상벨', [129.032, 35.1051]],
    ['bells-api.csv', 'UPPER_SNAKE WGS84_LAT/WGS84_LOT', [129.032, 35.1051]],
    ['camelcase-hardness.csv', 'camelCase latitude + legacy hardness', [127.3845, 36.3504]],
    ['english-latlon.csv', 'Latitude/Longitude', [126.9779, 37.5663]],
    ['lat-lon.csv', 'lat/lon', [127, 37.5]],
  ])('%s (%s)', async (name, _layout, expected) => {
    const result = await ingestFiles([fixture(name)]);
    expect(coordinates(result.features[0])).toEqual(expected);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('takes explicit --lat/--lon columns over detection', async () => {
    const file = path.join(dir, 'explicit.csv');
    await writeFile(file, 'name,위도,경도,보정위도,보정경도\nA,37.0,127.0,37.5665,126.978\n');
    const result = await ingestFiles([file], { lat: '보정위도', lon: '보정경도' });
    expect(coordinates(result.features[0])).toEqual([126.978, 37.5665]);
  });

  it('lists the columns it saw when it cannot find coordinates', async () => {
    await expect(ingestFiles([fixture('no-coordinates.csv')])).rejects.toMatchObject({
      code: 'SOURCE_INVALID',
      message: expect.stringMatching(/no-coordinates\.csv: cannot find coordinate columns; columns seen: "시설명", "주소"/),
    });
  });

  it('names the missing --lat column and the columns seen', async () => {
    await expect(ingestFiles([fixture('lat-lon.csv')], { lat: 'Y', lon: 'lon' })).rejects.toThrow(/--lat column "Y" not found; columns seen: "name", "lat", "lon"/);
  });
});

describe('CSV shape and cell typing', () => {
  it('handles CRLF, quoted newlines (line of the row start), trailing header spaces, duplicates and padding columns', async () => {
    const result = await ingestFiles([fixture('quirks.csv')]);
    expect(result.sources[0]!.header).toEqual(['시설명', '위도', '경도', '비고', '비고_2']);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'duplicate-header', line: 1, severity: 'warning', reason: expect.stringContaining('"비고_2"') }),
    ]);
    expect(result.features.map((f) => f.origin.line)).toEqual([2, 3, 6]);
    expect(result.features[1]!.properties['시설명']).toBe('둘째\r\n(별관)');
    expect(result.features[1]!.properties['비고']).toBe('메모, 쉼표 포함');
  });

  it('types cells: canonical decimals become numbers; phone numbers, leading zeros and year-months stay text; null and dashes are omitted', async () => {
    const result = await ingestFiles([fixture('quirks.csv'), fixture('cctv-2022.csv')]);
    const [first, , third, cctv] = result.features;
    // "126.9780" and "37.5700" do not round-trip (the trailing zero would be lost), so they keep their text, and
    // so does every cell of their columns: a column has one type.
    expect({ ...first!.properties }).toEqual({ 시설명: '첫째', 위도: '37.5665', 경도: '126.9780' });
    expect(coordinates(first)).toEqual([126.978, 37.5665]);
    expect(third!.properties['비고']).toBe('0123');
    expect(third!.properties['비고_2']).toBe('010-1234-5678');
    expect(cctv!.properties['설치연월']).toBe('2018-09');
    expect(cctv!.properties['카메라대수']).toBe(3);
    expect(cctv!.properties['관리기관전화번호']).toBe('051-600-4172');
    expect(Object.getPrototypeOf(cctv!.properties)).toBeNull();
  });

  it('reports the line a quoted cell was opened on when it is never closed', async () => {
    await expect(ingestFiles([fixture('unterminated-quote.csv')])).rejects.toMatchObject({ code: 'SOURCE_INVALID', message: expect.stringContaining('unterminated-quote.csv:2') });
  });

  it('refuses an unknown extension instead of guessing', async () => {
    const file = path.join(dir, 'data.dat');
    await writeFile(file, 'name,lat,lon\nA,37.5,127\n');
    await expect(ingestFiles([file])).rejects.toMatchObject({ code: 'SOURCE_INVALID', message: expect.stringContaining('unknown input format ".dat"') });
  });

  it('reports an unreadable file with its own code', async () => {
    await expect(ingestFiles([path.join(dir, 'missing.csv')])).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE' });
  });

  // Reading and hashing run side by side, and each used to fail a missing file in its own words: whichever failed
  // first decided the code. Every readable format, several times, must say SOURCE_UNREADABLE.
  it.each(['xlsx', 'geojson', 'ndjson', 'shp', 'zip', 'gpkg', 'fgb', 'kml'])('reports a missing .%s as unreadable, every time', async (extension) => {
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(ingestFiles([path.join(dir, `missing.${extension}`)])).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE' });
    }
  });
});

describe('encodings', () => {
  it('round-trips Hangul through CP949 (sniffed), UTF-8 and UTF-8 with BOM to the same NFC features', async () => {
    const text = (await readFile(fixture('old-standard-shelters.csv'), 'utf8')).replace(/^\uFEFF/, '');
    const cp949 = path.join(dir, 'cp949.csv');
    const utf8 = path.join(dir, 'utf8.csv');
    const decomposed = path.join(dir, 'nfd.csv');
    await writeFile(cp949, iconv.encode(text, 'cp949'));
    await writeFile(utf8, text);
    await writeFile(decomposed, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.normalize('NFD'))]));
    const results = await Promise.all([cp949, utf8, decomposed, fixture('old-standard-shelters.csv')].map((file) => ingestFiles([file])));
    expect(results.map((r) => r.sources[0]!.encoding)).toEqual(['cp949', 'utf-8', 'utf-8', 'utf-8']);
    const shapes = results.map((r) => r.features.map((f) => ({ geometry: f.geometry, properties: { ...f.properties } })));
    for (const shape of shapes) expect(shape).toEqual(shapes[0]);
    expect(shapes[0]![1]!.properties['시설명']).toBe('보수동 "행복" 경로당');
    expect(shapes[0]![0]!.properties['제공기관명']).toBe('부산광역시 중구');
  });

  it('reads CP949 GeoJSON', async () => {
    const file = path.join(dir, 'cp949.geojson');
    const json = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 이름: '한파쉼터' }, geometry: { type: 'Point', coordinates: [127, 37.5] } }] });
    await writeFile(file, iconv.encode(json, 'cp949'));
    const result = await ingestFiles([file]);
    expect(result.sources[0]!.encoding).toBe('cp949');
    expect(result.features[0]!.properties['이름']).toBe('한파쉼터');
  });
});

describe('line vertices CSV', () => {
  it('builds LineStrings ordered by sequence and reports a line with a single vertex', async () => {
    const result = await ingestFiles([fixture('route-vertices.csv')]);
    expect(result.features.map((f) => f.geometry)).toEqual([
      { type: 'LineString', coordinates: [[129.03, 35.1], [129.031, 35.101], [129.033, 35.102]] },
      { type: 'LineString', coordinates: [[129.1, 35.2], [129.101, 35.201]] },
    ]);
    expect({ ...result.features[0]!.properties }).toEqual({ route_id: 'r1', name: '안심귀갓길 1' });
    expect(result.features[0]!.origin.line).toBe(2);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'invalid-geometry', line: 7, quarantined: true })]);
  });

  it('asks for id and sequence columns when a line layer has points only', async () => {
    await expect(ingestFiles([fixture('lat-lon.csv')], { geometry: 'line' })).rejects.toThrow(/needs one row per vertex.*columns seen: "name", "lat", "lon"/);
  });
});

describe('GeoJSON and newline-delimited GeoJSON', () => {
  it('reports each invalid geometry by feature index and keeps the valid one', async () => {
    const result = await ingestFiles([fixture('invalid-geometry.geojson')]);
    expect(result.features.map((f) => f.properties['name'])).toEqual(['good']);
    expect(result.problems.map((p) => [p.feature, p.kind])).toEqual([
      [1, 'invalid-geometry'],
      [2, 'invalid-geometry'],
      [3, 'invalid-geometry'],
      [4, 'invalid-geometry'],
      [5, 'invalid-geometry'],
    ]);
    expect(result.problems[0]!.reason).toMatch(/not closed/);
    expect(result.problems[1]!.reason).toMatch(/fewer than 2 distinct vertices/);
  });

  it('flags geometry of another kind than the layer expects', async () => {
    const result = await ingestFiles([fixture('legacy-crs-5186.geojson')], { geometry: 'line' });
    expect(result.features).toHaveLength(1);
    expect(result.problems).toEqual([expect.objectContaining({ feature: 1, kind: 'unexpected-geometry' })]);
  });

  it('keeps shapefile-truncated property names (안심귀갓_3) and their types', async () => {
    const result = await ingestFiles([fixture('legacy-crs-5186.geojson')]);
    expect({ ...result.features[0]!.properties }).toEqual({ 안심귀갓_1: '중앙로', 안심귀갓_3: 4, 비상벨수: 2 });
  });

  it('reads NDJSON with blank lines, reporting line and feature index, without prototype pollution', async () => {
    const result = await ingestFiles([fixture('shelters.ndjson')]);
    expect(result.features.map((f) => f.origin)).toEqual([
      { file: fixture('shelters.ndjson'), feature: 0, line: 1 },
      { file: fixture('shelters.ndjson'), feature: 1, line: 3 },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.features[1]!.properties['__proto__']).toBe('{"polluted":true}');
  });

  it('reads a bare Feature', async () => {
    const file = path.join(dir, 'one.geojson');
    await writeFile(file, JSON.stringify({ type: 'Feature', properties: { a: 1 }, geometry: { type: 'Point', coordinates: [127, 37.5] } }));
    const result = await ingestFiles([file]);
    expect(result.features).toHaveLength(1);
    expect(result.features[0]!.properties['a']).toBe(1);
  });

  it('says which file is not JSON', async () => {
    const file = path.join(dir, 'broken.geojson');
    await writeFile(file, '{"type":"FeatureCollection","features":[{"type":"Feature",');
    await expect(ingestFiles([file])).rejects.toMatchObject({ code: 'SOURCE_INVALID', message: expect.stringContaining('broken.geojson') });
  });

  it('records a SHA-256 of each source file', async () => {
    const result = await ingestFiles([fixture('lat-lon.csv')]);
    expect(result.sources[0]!.sha256).toBe(createHash('sha256').update(await readFile(fixture('lat-lon.csv'))).digest('hex'));
  });
});

describe('other point layouts seen in the wild', () => {
  const near = (feature: IngestedFeature | undefined, [lon, lat]: [number, number]) => {
    const [x, y] = coordinates(feature) as [number, number];
    // Within about a metre.
    expect(Math.abs(x - lon)).toBeLessThan(1e-5);
    expect(Math.abs(y - lat)).toBeLessThan(1e-5);
  };

  it('reads degrees-minutes-seconds split into six columns, reporting an impossible minute', async () => {
    const result = await ingestFiles([fixture('dms-six-columns.csv')]);
    near(result.features[0], [126.9779692, 37.5662952]);
    expect(result.problems).toEqual([expect.objectContaining({ line: 3, kind: 'unparseable-number', reason: expect.stringContaining('37° 75′ 0″') })]);
  });

  it('reads a WKT POINT column, reporting an unparseable one', async () => {
    const result = await ingestFiles([fixture('wkt-points.csv')]);
    near(result.features[0], [126.9779692, 37.5662952]);
    near(result.features[1], [129.0750222, 35.1798159]);
    expect(result.problems).toEqual([expect.objectContaining({ line: 4, kind: 'unparseable-number' })]);
  });

  it('reads Web Mercator WKT without --crs only as EPSG:3857, the one system that places it in Korea, and says so', async () => {
    const detected = await ingestFiles([fixture('wkt-3857.csv')]);
    expect(detected.sources[0]!.crs).toBe('EPSG:3857');
    expect(detected.problems.map((p) => p.kind)).toContain('crs-detected');
    near(detected.features[0], [126.9779692, 37.5662952]);
    const result = await ingestFiles([fixture('wkt-3857.csv')], { crs: 'EPSG:3857' });
    near(result.features[0], [126.9779692, 37.5662952]);
  });
});
