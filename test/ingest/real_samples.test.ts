import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../packages/tile-server/src/ingest/ingest_files.js';

const root = path.join(import.meta.dirname, '..', '..');
const real = (name: string) => path.join(root, 'test', 'fixtures', 'ingest', 'real', name);
const busan = path.join(root, 'examples', 'busan', 'data', 'busan-cctv-2022.csv');
const now = new Date('2026-11-27T00:00:00Z');

describe('real agency exports, end to end', () => {
  it('Busan CCTV 2022: 15,737 rows, six misplaced cameras quarantined by line, empty 설치연월 omitted, 1–10 decimals kept', async () => {
    const result = await ingestFiles([busan], { now });
    const [source] = result.sources;
    expect(source).toMatchObject({ format: 'csv', encoding: 'utf-8', crs: 'EPSG:4326', rows: 15737, accepted: 15731, quarantined: 6 });
    expect(source!.dataDates[0]).toBe('2022-06-08');
    const errors = result.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.line, p.kind]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      // 35.02868, 129.08856: at sea 2.5 km off Taejongdae, for an address in Geumjeong-gu (35.23°N); the boxes let it pass.
      [714, 'outside-region'],
      [3237, 'outside-region'],
      [6940, 'outside-region'], // 0.0, 0.0
      [14068, 'outside-region'], // latitude 30.07: a typo for 35.07
      [15411, 'outside-region'], // longitude 131.29: in the sea east of Busan
      [15412, 'outside-region'], // longitude 130.29
    ]);
    // 8,675 rows have no 설치연월; two of them are among the quarantined.
    expect(result.features.filter((f) => !('설치연월' in f.properties))).toHaveLength(8673);

    const first = result.features[0]!;
    expect(first.properties['관리기관명']).toBe('부산광역시 중구청');
    expect(first.properties['설치연월']).toBe('2018-09');
    expect(first.geometry).toEqual({ type: 'Point', coordinates: [129.0339846, 35.10346759] });
    expect(result.problems.find((p) => p.kind === 'stale-date')?.severity).toBe('warning');
  });

  it('heat shelters (CP949, CRLF): 27 trailing empty columns dropped, literal null cells omitted, two shelters at sea', async () => {
    const result = await ingestFiles([real('heat-shelters-sample-cp949.csv')], { now });
    expect(result.sources[0]).toMatchObject({ encoding: 'cp949', rows: 1000, accepted: 998, header: ['무더위쉼터명', '위도', '경도', '전화번호'] });
    // 안락2동 and 명장1동 community centres are in Dongnae-gu (35.2°N); their rows put them 3 and 40 km out at sea.
    expect(result.problems.filter((p) => p.severity === 'error').map((p) => [p.line, p.kind])).toEqual([
      [824, 'outside-region'],
      [947, 'outside-region'],
    ]);
    expect(result.features[0]!.properties['무더위쉼터명']).toBe('덕율3리경로당');
    expect(result.features[2]!.properties).not.toHaveProperty('전화번호');
    expect(result.features.filter((f) => !('전화번호' in f.properties))).toHaveLength(44);
  });

  it('earthquake shelters (CP949): header "위치명 " trimmed, rows without coordinates and a repeated header row reported by line', async () => {
    const result = await ingestFiles([real('earthquake-shelters-sample-cp949.csv')], { now });
    expect(result.sources[0]!.header).toEqual(['위치명', '위도', '경도']);
    expect(result.features[0]!.properties['위치명']).toBe('대전대학교운동장');
    expect(result.problems.find((p) => p.kind === 'repeated-header')).toMatchObject({ line: 5, quarantined: true });
    const missing = result.problems.filter((p) => p.kind === 'missing-coordinates');
    expect(missing).toHaveLength(191);
    expect(missing[0]).toMatchObject({ line: 6, severity: 'error', quarantined: true });
    expect(result.sources[0]).toMatchObject({ rows: 1001, accepted: 809, quarantined: 192 });
  });

  it('Takamatsu shelters (Japan): lat/lng found, not checked against Korea, ○ △ × kept, the full-width minus read as "none"', async () => {
    const result = await ingestFiles([real('takamatsu-shelters.csv')], { now });
    expect(result.sources[0]).toMatchObject({ rows: 193, accepted: 193 });
    expect(result.problems).toEqual([]);
    const first = result.features[0]!;
    expect(first.properties).toMatchObject({ name: '日新小学校跡施設', flood_L1: '○', flood_L2: '△', capacity: 238, elevation: 1.7 });
    const earthquakeOnly = result.features.find((f) => f.origin.line === 166)!;
    expect(earthquakeOnly.properties['earthquake']).toBe('○');
    expect(earthquakeOnly.properties).not.toHaveProperty('flood_L1');
    expect(result.features.some((f) => f.properties['fire'] === '×')).toBe(true);
  });
});
