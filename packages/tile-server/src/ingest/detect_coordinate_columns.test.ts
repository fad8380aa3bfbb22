import { describe, expect, it } from 'vitest';
import { detectCoordinateColumns } from './detect_coordinate_columns.js';

describe('coordinate column detection', () => {
  it.each([
    [['번호', '관리기관명', 'WGS84위도', 'WGS84경도'], { kind: 'latlon', lat: 'WGS84위도', lon: 'WGS84경도' }],
    [['위치명 ', '위도', '경도'], { kind: 'latlon', lat: '위도', lon: '경도' }],
    [['name', 'lat', 'lng'], { kind: 'latlon', lat: 'lat', lon: 'lng' }],
    [['MNG_INST_NM', 'WGS84_LAT', 'WGS84_LOT'], { kind: 'latlon', lat: 'WGS84_LAT', lon: 'WGS84_LOT' }],
    [['사업장명', '좌표정보(x)', '좌표정보(y)'], { kind: 'xy', x: '좌표정보(x)', y: '좌표정보(y)' }],
    [['Latitude', 'Longitude'], { kind: 'latlon', lat: 'Latitude', lon: 'Longitude' }],
    [['facilityName', 'latitude', 'hardness'], { kind: 'latlon', lat: 'latitude', lon: 'hardness' }],
    [['名称', '住所', '緯度', '経度'], { kind: 'latlon', lat: '緯度', lon: '経度' }],
    [['shape_id', 'shape_pt_lat', 'shape_pt_lon', 'shape_pt_sequence'], { kind: 'latlon', lat: 'shape_pt_lat', lon: 'shape_pt_lon' }],
  ])('finds the columns of %j', (header, expected) => {
    expect(detectCoordinateColumns(header)).toEqual(expected);
  });

  it.each([
    [['사업장명', '좌표정보x(epsg5174)', '좌표정보y(epsg5174)'], { kind: 'xy', x: '좌표정보x(epsg5174)', y: '좌표정보y(epsg5174)', crs: 'EPSG:5174' }],
    [['name', 'X [EPSG:5186]', 'Y [EPSG:5186]'], { kind: 'xy', x: 'X [EPSG:5186]', y: 'Y [EPSG:5186]', crs: 'EPSG:5186' }],
    [['name', 'x_coord', 'y_coord'], { kind: 'xy', x: 'x_coord', y: 'y_coord' }],
    [['name', 'x(EPSG:5186)', 'y(EPSG:5179)'], { kind: 'xy', x: 'x(EPSG:5186)', y: 'y(EPSG:5179)' }],
    [['名称', '緯度', '経度'], { kind: 'latlon', lat: '緯度', lon: '経度' }],
  ])('takes the CRS a header names: %j', (header, expected) => {
    expect(detectCoordinateColumns(header)).toEqual(expected);
  });

  it('prefers explicit names', () => {
    expect(detectCoordinateColumns(['a', 'b', '위도', '경도'], { lat: 'b', lon: 'a' })).toEqual({ kind: 'latlon', lat: 'b', lon: 'a' });
  });

  it('lists the columns it saw when it cannot find coordinates', () => {
    expect(() => detectCoordinateColumns(['시설명', '주소'], {}, 'shelters.csv')).toThrow(/shelters\.csv: cannot find coordinate columns; columns seen: "시설명", "주소"/);
    expect(() => detectCoordinateColumns(['시설명'], { lat: 'Y', lon: 'X' }, 'a.csv')).toThrow(/--lat column "Y" not found; columns seen: "시설명"/);
  });
});
