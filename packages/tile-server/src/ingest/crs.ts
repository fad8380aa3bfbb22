import proj4 from 'proj4';
import { SafeMapError } from '../errors.js';

/** proj4 definitions of the coordinate systems Korean agencies publish in (see docs/data-formats.md). */
const definitions: Record<string, string> = {
  'EPSG:4326': '+proj=longlat +datum=WGS84 +no_defs',
  'EPSG:3857': '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
  'EPSG:5174':
    '+proj=tmerc +lat_0=38 +lon_0=127.0028902777778 +k=1 +x_0=200000 +y_0=500000 +ellps=bessel +units=m +no_defs +towgs84=-115.80,474.99,674.11,1.16,-2.31,-1.63,6.43',
  'EPSG:2097':
    '+proj=tmerc +lat_0=38 +lon_0=127 +k=1 +x_0=200000 +y_0=500000 +ellps=bessel +units=m +no_defs +towgs84=-115.80,474.99,674.11,1.16,-2.31,-1.63,6.43',
  'EPSG:5179': '+proj=tmerc +lat_0=38 +lon_0=127.5 +k=0.9996 +x_0=1000000 +y_0=2000000 +ellps=GRS80 +units=m +no_defs',
  'EPSG:5181': '+proj=tmerc +lat_0=38 +lon_0=127 +k=1 +x_0=200000 +y_0=500000 +ellps=GRS80 +units=m +no_defs',
  'EPSG:5185': '+proj=tmerc +lat_0=38 +lon_0=125 +k=1 +x_0=200000 +y_0=600000 +ellps=GRS80 +units=m +no_defs',
  'EPSG:5186': '+proj=tmerc +lat_0=38 +lon_0=127 +k=1 +x_0=200000 +y_0=600000 +ellps=GRS80 +units=m +no_defs',
  'EPSG:5187': '+proj=tmerc +lat_0=38 +lon_0=129 +k=1 +x_0=200000 +y_0=600000 +ellps=GRS80 +units=m +no_defs',
  'EPSG:5188': '+proj=tmerc +lat_0=38 +lon_0=131 +k=1 +x_0=200000 +y_0=600000 +ellps=GRS80 +units=m +no_defs',
};

export const supportedCrs: readonly string[] = Object.keys(definitions);

export type ToWgs84 = (x: number, y: number) => [lon: number, lat: number];

/** Returns a converter from the given CRS to WGS84 longitude/latitude. */
export function toWgs84(crs: string): ToWgs84 {
  const code = normalizeCrs(crs);
  if (code === 'EPSG:4326') return (x, y) => [x, y];
  const definition = definitions[code];
  if (!definition) {
    throw new SafeMapError('SOURCE_INVALID', `unsupported coordinate system ${crs}; supported: ${supportedCrs.join(', ')}`);
  }
  const converter = proj4(definition, definitions['EPSG:4326']!);
  return (x, y) => converter.forward([x, y]) as [number, number];
}

/** Accepts "EPSG:5186", "epsg:5186", "5186" and the OGC URN forms found in legacy GeoJSON `crs` members. */
export function normalizeCrs(crs: string): string {
  if (/CRS84$/i.test(crs.trim())) return 'EPSG:4326';
  const match = /(?:EPSG)?:{0,2}(\d{4,5})$/i.exec(crs.trim());
  if (!match) return crs.trim();
  return `EPSG:${match[1]}`;
}
