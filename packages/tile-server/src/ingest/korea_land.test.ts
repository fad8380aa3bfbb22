import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KoreaLand, koreaLand, koreaLandFiles, nearestCity, provinceOfAddress, provinces } from './korea_land.js';
import { koreaRegion } from './korea_region.js';

const province = (lon: number, lat: number) => provinces[koreaLand().provinceAt(lon, lat) - 1]?.nameEn;

describe('South Korea as land and sea, not boxes', () => {
  it.each([
    ['Seoul City Hall', 126.978, 37.5663, 'Seoul'],
    ['Busan City Hall', 129.075, 35.1798, 'Busan'],
    ['Haeundae beach, on the sand', 129.1587, 35.1587, 'Busan'],
    ['Jeju City', 126.5312, 33.4996, 'Jeju'],
    ['Marado', 126.2669, 33.1139, 'Jeju'],
    ['Ulleungdo', 130.9057, 37.4844, 'North Gyeongsang'],
    ['Dokdo', 131.8669, 37.2426, 'North Gyeongsang'],
    ['Baengnyeongdo', 124.7155, 37.9594, 'Incheon'],
    ['Sejong', 127.289, 36.48, 'Sejong'],
    ['a pier 1 km off Busan port', 129.05, 35.09, 'Busan'],
  ])('%s is in Korea (%s)', (_name, lon, lat, expected) => {
    expect(koreaRegion.contains(lon, lat)).toBe(true);
    expect(province(lon, lat)).toBe(expected);
  });

  it.each([
    ['the open Yellow Sea', 125.0, 36.0],
    ['the East Sea between the coast and Ulleungdo', 130.2, 37.3],
    ['the Korea Strait', 129.0, 34.6],
    ['Tsushima', 129.29, 34.2],
    ['Kaesong, North Korea', 126.555, 37.971],
    ['Pyonggang, North Korea, 100 km north of Seoul', 127.25, 38.45],
    ['Fukuoka', 130.402, 33.59],
  ])('%s is not', (_name, lon, lat) => {
    expect(koreaRegion.contains(lon, lat)).toBe(false);
  });

  it('reads the province from an address’s first word, old and new names alike', () => {
    expect(provinces[provinceOfAddress('서울특별시 중구 세종대로 110') - 1]!.code).toBe('11');
    expect(provinces[provinceOfAddress('강원도 춘천시') - 1]!.code).toBe('32');
    expect(provinces[provinceOfAddress('전북특별자치도 전주시') - 1]!.code).toBe('35');
    expect(provinceOfAddress('중구 세종대로')).toBe(0);
  });

  it('names the nearest city', () => {
    expect(nearestCity(127.0, 37.55).name).toBe('Seoul');
    expect(nearestCity(125.8, 39.0).name).toBe('Pyongyang (North Korea)');
  });

  it('ships the raster its polygons make (rebuild both with scripts/korea-land.mjs)', () => {
    const rebuilt = new KoreaLand(JSON.parse(readFileSync(koreaLandFiles.polygons, 'utf8')));
    expect(Buffer.compare(Buffer.from(rebuilt.cells), Buffer.from(koreaLand().cells))).toBe(0);
  });
});
