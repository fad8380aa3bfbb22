import { describe, expect, it } from 'vitest';
import { matchWkt } from './match_wkt.js';

// .prj files as ArcGIS and GDAL write them: parameters, no EPSG code.
const esri5186 =
  'PROJCS["Korea_2000_Korea_Central_Belt_2010",GEOGCS["GCS_Korea_2000",DATUM["D_Korea_2000",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",200000.0],PARAMETER["False_Northing",600000.0],PARAMETER["Central_Meridian",127.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",38.0],UNIT["Meter",1.0]]';
const esri5179 =
  'PROJCS["Korea_2000_Korea_Unified_Coordinate_System",GEOGCS["GCS_Korea_2000",DATUM["D_Korea_2000",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",1000000.0],PARAMETER["False_Northing",2000000.0],PARAMETER["Central_Meridian",127.5],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",38.0],UNIT["Meter",1.0]]';
const jgd2011Zone9 =
  'PROJCS["JGD2011_Japan_Zone_9",GEOGCS["GCS_JGD_2011",DATUM["D_JGD_2011",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",139.8333333333333],PARAMETER["Scale_Factor",0.9999],PARAMETER["Latitude_Of_Origin",36.0],UNIT["Meter",1.0]]';

describe('WKT to a known EPSG code', () => {
  it('matches ESRI .prj files by what they do, not by name', () => {
    expect(matchWkt(esri5186)).toBe('EPSG:5186');
    expect(matchWkt(esri5186.replace('Korea_2000_Korea_Central_Belt_2010', 'anything'))).toBe('EPSG:5186');
    expect(matchWkt(esri5179)).toBe('EPSG:5179');
    // The same belt with the other false northing is another system.
    expect(matchWkt(esri5186.replace('600000.0', '500000.0'))).toBe('EPSG:5181');
  });

  it('takes an EPSG authority on the whole CRS at its word, and reads geographic WGS84/GRS80 as EPSG:4326', () => {
    expect(matchWkt(`${esri5186.slice(0, -1)},AUTHORITY["EPSG","5186"]]`)).toBe('EPSG:5186');
    expect(matchWkt('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')).toBe('EPSG:4326');
  });

  it('leaves systems outside the list, and garbage, unmatched', () => {
    expect(matchWkt(jgd2011Zone9)).toBeUndefined();
    expect(matchWkt('not a CRS')).toBeUndefined();
    expect(matchWkt('GEOGCS["Tokyo",DATUM["D_Tokyo",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')).toBeUndefined();
  });
});
