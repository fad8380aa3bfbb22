import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeCrs, isKnownCrs, normalizeCrs, toWgs84 } from './crs.js';

const gdaltransform = ['/usr/bin/gdaltransform', '/usr/local/bin/gdaltransform'].find((candidate) => existsSync(candidate));

/** GDAL's (PROJ's) position for the same input, in traditional GIS order (longitude first). */
function gdal(crs: string, points: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const out = execFileSync(gdaltransform!, ['-s_srs', crs, '-t_srs', 'EPSG:4326', '-output_xy'], { input: points.map(([x, y]) => `${x} ${y}`).join('\n') + '\n', encoding: 'utf8' });
  return out.trim().split('\n').map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
}

function metres(a: readonly number[], b: readonly number[]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1]! - a[1]!) * rad;
  const dLon = (b[0]! - a[0]!) * rad * Math.cos(((a[1]! + b[1]!) / 2) * rad);
  return 6_371_008 * Math.hypot(dLat, dLon);
}

const esri5186 =
  'PROJCS["Korea_2000_Korea_Central_Belt_2010",GEOGCS["GCS_Korea_2000",DATUM["D_Korea_2000",SPHEROID["GRS_1980",6378137.0,298.257222101]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",200000.0],' +
  'PARAMETER["False_Northing",600000.0],PARAMETER["Central_Meridian",127.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",38.0],UNIT["Meter",1.0]]';
// The ESRI .prj of Korean 1985 Modified Central Belt has no datum shift: read literally it is about 300 m off.
const esri5174 =
  'PROJCS["Korean_1985_Modified_Korea_Central_Belt",GEOGCS["GCS_Korean_Datum_1985",DATUM["D_Korean_Datum_1985",SPHEROID["Bessel_1841",6377397.155,299.1528128]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",200000.0],' +
  'PARAMETER["False_Northing",500000.0],PARAMETER["Central_Meridian",127.0028902777778],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",38.0],UNIT["Meter",1.0]]';
const wkt2Jgd2011 =
  'PROJCRS["JGD2011 / Japan Plane Rectangular CS IX",BASEGEOGCRS["JGD2011",DATUM["Japanese Geodetic Datum 2011",ELLIPSOID["GRS 1980",6378137,298.257222101,LENGTHUNIT["metre",1]]],' +
  'PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]]],CONVERSION["Japan Plane Rectangular CS zone IX",METHOD["Transverse Mercator"],' +
  'PARAMETER["Latitude of natural origin",36,ANGLEUNIT["degree",0.0174532925199433]],PARAMETER["Longitude of natural origin",139.833333333333,ANGLEUNIT["degree",0.0174532925199433]],' +
  'PARAMETER["Scale factor at natural origin",0.9999,SCALEUNIT["unity",1]],PARAMETER["False easting",0,LENGTHUNIT["metre",1]],PARAMETER["False northing",0,LENGTHUNIT["metre",1]]],' +
  'CS[Cartesian,2],AXIS["northing (X)",north,ORDER[1],LENGTHUNIT["metre",1]],AXIS["easting (Y)",east,ORDER[2],LENGTHUNIT["metre",1]]]';

describe('any EPSG code PROJ knows', () => {
  it('knows JGD2011, Tokyo datum and UTM zones besides the hand-checked Korean systems', () => {
    for (const code of ['EPSG:6675', 'EPSG:6677', 'EPSG:2451', 'EPSG:32652', '5186', 'urn:ogc:def:crs:EPSG::5179']) expect(isKnownCrs(code), code).toBe(true);
    expect(describeCrs('EPSG:6675')).toBe('EPSG:6675 (JGD2011 / Japan Plane Rectangular CS VII)');
  });

  it('refuses codes that are not coordinate systems, and names the flag to use', () => {
    expect(isKnownCrs('EPSG:7030')).toBe(false); // an ellipsoid
    expect(isKnownCrs('EPSG:99999')).toBe(false);
    expect(() => toWgs84('EPSG:99999')).toThrow(/--crs EPSG:N/);
  });

  it.runIf(gdaltransform !== undefined || process.env.CI)('agrees with GDAL within 0.05 m for 5186, 5179, 6675, 6677 and UTM 52N', () => {
    const cases: Array<[string, Array<[number, number]>]> = [
      ['EPSG:5186', [[198000.5, 551000.25], [205000, 290000], [160000, 40000]]],
      ['EPSG:5179', [[953897.7, 1952011.1], [1140000, 1680000]]],
      ['EPSG:6675', [[-20000, 30000], [5000, -60000]]],
      ['EPSG:6677', [[-5000, -35000]]],
      ['EPSG:32652', [[500000, 3900000]]],
    ];
    for (const [crs, points] of cases) {
      const reference = gdal(crs, points);
      const project = toWgs84(crs);
      points.forEach(([x, y], index) => expect(metres(project(x, y), reference[index]!), `${crs} ${x} ${y}`).toBeLessThan(0.05));
    }
  });

  it.runIf(gdaltransform !== undefined || process.env.CI)('EPSG:5174 keeps the agencies’ datum shift and agrees with GDAL within 0.5 m', () => {
    const points: Array<[number, number]> = [[198000, 451000], [385000, 185000]];
    const reference = gdal('EPSG:5174', points);
    const project = toWgs84('EPSG:5174');
    points.forEach(([x, y], index) => expect(metres(project(x, y), reference[index]!)).toBeLessThan(0.5));
  });
});

describe('WKT, as in a .prj', () => {
  it('an EPSG authority at the top names the code', () => {
    expect(normalizeCrs('PROJCS["Korea 2000 / Central Belt 2010",GEOGCS["Korea 2000",AUTHORITY["EPSG","4737"]],AUTHORITY["EPSG","5186"]]')).toBe('EPSG:5186');
  });

  it('ESRI WKT of a Korean system becomes the hand-checked definition, datum shift included', () => {
    expect(normalizeCrs(esri5186)).toBe('EPSG:5186');
    expect(normalizeCrs(esri5174)).toBe('EPSG:5174');
  });

  it('WKT2 with northing-first axes reads easting, northing as files store them', () => {
    expect(isKnownCrs(wkt2Jgd2011)).toBe(true);
    const [lon, lat] = toWgs84(wkt2Jgd2011)(-5000, -35000);
    const [epsgLon, epsgLat] = toWgs84('EPSG:6677')(-5000, -35000);
    expect(metres([lon, lat], [epsgLon, epsgLat])).toBeLessThan(0.01);
    expect(describeCrs(wkt2Jgd2011)).toBe('WKT "JGD2011 / Japan Plane Rectangular CS IX"');
  });
});
