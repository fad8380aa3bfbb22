import { SafeMapError } from '../errors.js';
import { quoted } from './display_text.js';

export type CoordinateColumns = { kind: 'latlon'; lat: string; lon: string } | { kind: 'xy'; x: string; y: string };

/**
 * Header names seen in Korean standard data, LOCALDATA, Japanese municipal open data (緯度/経度), open APIs and
 * generic exports, best match first.
 */
const latNames = ['WGS84위도', '위도', 'latitude', 'lat', 'WGS84_LAT', 'LA', 'y_wgs84', 'shape_pt_lat', 'stop_lat', '위도(WGS84)', '緯度', '緯度(世界測地系)', '北緯'];
const lonNames = ['WGS84경도', '경도', 'longitude', 'lon', 'lng', 'long', 'WGS84_LOT', 'WGS84_LON', 'LO', 'hardness', 'x_wgs84', 'shape_pt_lon', 'stop_lon', '경도(WGS84)', '経度', '経度(世界測地系)', '東経'];
const xNames = ['좌표정보(x)', '좌표정보(X)', '좌표정보x', 'X좌표', 'x좌표', 'x', 'X', 'COORD_X', 'POINT_X'];
const yNames = ['좌표정보(y)', '좌표정보(Y)', '좌표정보y', 'Y좌표', 'y좌표', 'y', 'Y', 'COORD_Y', 'POINT_Y'];

/**
 * Finds the coordinate columns of a CSV header. Explicit names win; otherwise known layouts are matched
 * case-insensitively and ignoring spaces. The error lists the columns that were seen.
 */
export function detectCoordinateColumns(
  header: readonly string[],
  explicit: { lat?: string | undefined; lon?: string | undefined; x?: string | undefined; y?: string | undefined } = {},
  file = 'input',
): CoordinateColumns {
  if (explicit.lat || explicit.lon) {
    const lat = requireColumn(header, explicit.lat, '--lat', file);
    const lon = requireColumn(header, explicit.lon, '--lon', file);
    return { kind: 'latlon', lat, lon };
  }
  if (explicit.x || explicit.y) {
    return { kind: 'xy', x: requireColumn(header, explicit.x, '--x', file), y: requireColumn(header, explicit.y, '--y', file) };
  }
  const lat = findColumn(header, latNames);
  const lon = findColumn(header, lonNames);
  if (lat && lon) return { kind: 'latlon', lat, lon };
  const x = findColumn(header, xNames);
  const y = findColumn(header, yNames);
  if (x && y) return { kind: 'xy', x, y };
  throw new SafeMapError(
    'SOURCE_INVALID',
    `${file}: cannot find coordinate columns; columns seen: ${header.map(quoted).join(', ')}. ` +
      'Name them with --lat/--lon (degrees) or --x/--y (projected metres, with --crs).',
    { file, columns: [...header] },
  );
}

function requireColumn(header: readonly string[], name: string | undefined, flag: string, file: string): string {
  const found = name === undefined ? undefined : findColumn(header, [name]);
  if (found) return found;
  throw new SafeMapError(
    'SOURCE_INVALID',
    `${file}: ${flag} column ${name === undefined ? 'is missing' : JSON.stringify(name) + ' not found'}; columns seen: ${header.map(quoted).join(', ')}`,
    { file, columns: [...header] },
  );
}

function findColumn(header: readonly string[], candidates: readonly string[]): string | undefined {
  const normalized = new Map(header.map((name) => [simplify(name), name]));
  for (const candidate of candidates) {
    const hit = normalized.get(simplify(candidate));
    if (hit !== undefined) return hit;
  }
  return undefined;
}

function simplify(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, '').toLowerCase();
}
