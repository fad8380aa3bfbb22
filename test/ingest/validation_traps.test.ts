import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReportText, reportJson } from '../../packages/tile-server/src/ingest/format_report.js';
import { ingestFiles } from '../../packages/tile-server/src/ingest/ingest_files.js';

const fixture = (name: string) => path.join(import.meta.dirname, '..', 'fixtures', 'ingest', name);
const header = '번호,관리기관명,설치목적구분,카메라대수,WGS84위도,WGS84경도,데이터기준일자';
const now = new Date('2026-11-27T00:00:00Z');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'safemap-validate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a CCTV CSV whose rows are given as [lat, lon] text pairs. */
async function cctv(name: string, positions: Array<[string, string]>): Promise<string> {
  const file = path.join(dir, name);
  const rows = positions.map(([lat, lon], index) => `${index + 1},부산광역시 중구청,생활방범,1,${lat},${lon},2026-06-01`);
  await writeFile(file, `${header}\n${rows.join('\n')}\n`);
  return file;
}

/** Real-looking distinct positions around Busan's 중구 (8 decimals, as the 2022 data has). */
function scattered(count: number): Array<[string, string]> {
  return Array.from({ length: count }, (_, i) => [(35.1 + i * 0.00013).toFixed(8), (129.03 + i * 0.00017 + 0.000011).toFixed(8)]);
}

describe('placeholder coordinates shared by many rows', () => {
  it('quarantines 990 cameras at 36.1, 127.1 and reports the coordinate and the count', async () => {
    const file = await cctv('placeholder.csv', [...scattered(50), ...Array.from({ length: 990 }, (): [string, string] => ['36.1', '127.1'])]);
    const result = await ingestFiles([file], { now });
    const shared = result.problems.filter((p) => p.kind === 'shared-coordinate');
    expect(shared).toHaveLength(990);
    expect(shared[0]).toMatchObject({ line: 52, severity: 'error', quarantined: true });
    expect(shared[0]!.reason).toMatch(/990 rows share the coordinate 36\.1, 127\.1/);
    expect(result.features).toHaveLength(50);
    expect(result.sources[0]).toMatchObject({ rows: 1040, accepted: 50, quarantined: 990 });
    const text = formatReportText(result);
    expect(text).toMatch(/error shared-coordinate \(990, quarantined\): 990 rows share the coordinate 36\.1, 127\.1/);
    expect(text).toContain(`at ${file}:52–1041`);
  });

  it('keeps them with keepSuspect, still reporting them', async () => {
    const file = await cctv('placeholder-kept.csv', [...scattered(5), ...Array.from({ length: 25 }, (): [string, string] => ['36.1', '127.1'])]);
    const result = await ingestFiles([file], { now, keepSuspect: true });
    expect(result.features).toHaveLength(30);
    expect(result.problems.filter((p) => p.kind === 'shared-coordinate').every((p) => !p.quarantined && p.severity === 'error')).toBe(true);
  });

  it('does not flag a pole with six cameras, nor 40 rows at one precise coordinate', async () => {
    const pole: Array<[string, string]> = Array.from({ length: 6 }, () => ['35.10346759', '129.03398460']);
    const block: Array<[string, string]> = Array.from({ length: 40 }, () => ['35.11122334', '129.04455667']);
    const file = await cctv('pole.csv', [...scattered(20), ...pole, ...block]);
    const result = await ingestFiles([file], { now });
    expect(result.problems).toEqual([]);
    expect(result.features).toHaveLength(66);
  });

  it('flags 100 rows at any single coordinate', async () => {
    const file = await cctv('hundred.csv', [...scattered(3), ...Array.from({ length: 100 }, (): [string, string] => ['35.11122334', '129.04455667'])]);
    const result = await ingestFiles([file], { now });
    expect(result.problems.filter((p) => p.kind === 'shared-coordinate')).toHaveLength(100);
  });
});

describe('region checks', () => {
  it('catches bells 20 km from their district though inside the city: a bounding box of the city is not enough', async () => {
    // 중구 bells, and a batch filed ~20 km away at 기장 — still inside Busan's bounding box.
    const file = await cctv('bells.csv', [...scattered(10), ['35.2800000', '129.2000000'], ['35.2801000', '129.2001000']]);
    const busan: [number, number, number, number] = [128.76, 34.88, 129.32, 35.4];
    const junggu: [number, number, number, number] = [129.02, 35.09, 129.05, 35.12];
    expect((await ingestFiles([file], { now, region: busan })).problems).toEqual([]);
    const result = await ingestFiles([file], { now, region: junggu });
    expect(result.problems.map((p) => [p.kind, p.line])).toEqual([
      ['outside-region', 12],
      ['outside-region', 13],
    ]);
    expect(result.problems[0]!.reason).toMatch(/35\.28, 129\.2 \(lat, lon\) lies outside the declared region \[129\.02, 35\.09, 129\.05, 35\.12\]/);
    expect(result.features).toHaveLength(10);
  });

  it('quarantines swapped lat/lon, 0,0 and out-of-country rows; keeps 1–10 decimals exactly', async () => {
    const result = await ingestFiles([fixture('precision-swapped.csv')], { now });
    expect(result.problems.filter((p) => p.severity === 'error').map((p) => [p.line, p.kind])).toEqual([
      [4, 'swapped-lat-lon'],
      [5, 'outside-region'],
      [6, 'outside-region'],
    ]);
    expect(result.features.map((f) => (f.geometry as { coordinates: number[] }).coordinates)).toEqual([
      [129.0339846123, 35.1034675912],
      [129, 35.1],
    ]);
    expect(result.problems.find((p) => p.kind === 'low-precision')).toMatchObject({ line: 3, severity: 'warning', quarantined: false });
    // The full-width minus is read as a sign: −33.5 is in the southern hemisphere, not text.
    expect(result.problems.find((p) => p.line === 6 && p.kind === 'outside-region')!.reason).toContain('-33.5, 129');
  });

  it('with keepSuspect, puts a swapped row back where it belongs', async () => {
    const result = await ingestFiles([fixture('precision-swapped.csv')], { now, keepSuspect: true });
    const swapped = result.features.find((f) => f.origin.line === 4)!;
    expect((swapped.geometry as { coordinates: number[] }).coordinates).toEqual([129.0287177, 35.10492566]);
  });
});

describe('required fields and data dates', () => {
  it('quarantines a row missing a required field and flags stale data dates as a warning', async () => {
    const result = await ingestFiles([fixture('stale-and-missing.csv')], { now, requiredFields: ['대피가능인원'] });
    expect(result.problems.find((p) => p.kind === 'missing-field')).toMatchObject({ line: 3, severity: 'error', quarantined: true, reason: expect.stringContaining('"대피가능인원"') });
    expect(result.problems.find((p) => p.kind === 'stale-date')).toMatchObject({ line: 2, severity: 'warning', quarantined: false, reason: expect.stringContaining('2019-01-01') });
    expect(result.sources[0]!.dataDates).toEqual(['2019-01-01', '2025-06-01']);
    expect(result.features.map((f) => f.properties['시설명'])).toEqual(['오래된대피소']);
  });

  it('respects staleAfterDays', async () => {
    const result = await ingestFiles([fixture('stale-and-missing.csv')], { now, staleAfterDays: 10_000 });
    expect(result.problems.filter((p) => p.kind === 'stale-date')).toEqual([]);
  });

  it('reads 20260115-style API dates', async () => {
    const result = await ingestFiles([fixture('bells-api.csv')], { now });
    expect(result.sources[0]!.dataDates).toEqual(['2026-01-15']);
  });
});

describe('reports', () => {
  it('JSON has sources, every problem and counts, never the features', async () => {
    const result = await ingestFiles([fixture('precision-swapped.csv'), fixture('quirks.csv')], { now });
    const json = reportJson(result) as Record<string, unknown>;
    expect(json).toMatchObject({ clean: false, counts: { files: 2, accepted: 5, quarantined: 3, errors: 3, byKind: { 'swapped-lat-lon': 1, 'outside-region': 2 } } });
    expect(json).not.toHaveProperty('features');
    expect((json.problems as unknown[]).length).toBe(result.problems.length);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('text groups by file and kind with file:line, errors first', async () => {
    const result = await ingestFiles([fixture('precision-swapped.csv')], { now });
    const text = formatReportText(result);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/precision-swapped\.csv: csv, utf-8, EPSG:4326; 5 rows read, 2 accepted, 3 quarantined/);
    expect(text.indexOf('error')).toBeLessThan(text.indexOf('warning'));
    expect(text).toContain(`at ${fixture('precision-swapped.csv')}:4`);
    expect(lines.at(-2)).toBe('1 file: 2 features accepted, 3 quarantined, 3 errors, 2 warnings');
  });
});
