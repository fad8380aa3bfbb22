import { SafeMapError } from '../errors.js';
import { quoted } from './display_text.js';
/**
 * Header names seen in Korean standard data, LOCALDATA, Japanese municipal open data (緯度/経度), open APIs and
 * generic exports, best match first.
 */
const latNames = ['WGS84위도', '위도', 'latitude', 'lat', 'WGS84_LAT', 'LA', 'y_wgs84', 'shape_pt_lat', 'stop_lat', '위도(WGS84)', '緯度', '緯度(世界測地系)', '北緯'];
const lonNames = ['WGS84경도', '경도', 'longitude', 'lon', 'lng', 'long', 'WGS84_LOT', 'WGS84_LON', 'LO', 'hardness', 'x_wgs84', 'shape_pt_lon', 'stop_lon', '경도(WGS84)', '経度', '経度(世界測地系)', '東経'];
const xNames = ['좌표정보(x)', '좌표정보(X)', '좌표정보x', 'X좌표', 'x좌표', 'x', 'X', 'COORD_X', 'POINT_X', 'x_coord', 'xcoord', 'x좌표값'];
const yNames = ['좌표정보(y)', '좌표정보(Y)', '좌표정보y', 'Y좌표', 'y좌표', 'y', 'Y', 'COORD_Y', 'POINT_Y', 'y_coord', 'ycoord', 'y좌표값'];
/**
 * Finds the coordinate columns of a CSV header. Explicit names win; otherwise known layouts are matched
 * case-insensitively and ignoring spaces. The error lists the columns that were seen.
 */
export function detectCoordinateColumns(header, explicit = {}, file = 'input') {
    if (explicit.lat || explicit.lon) {
        const lat = requireColumn(header, explicit.lat, '--lat', file);
        const lon = requireColumn(header, explicit.lon, '--lon', file);
        return withHeaderCrs({ kind: 'latlon', lat, lon }, lat, lon);
    }
    if (explicit.x || explicit.y) {
        const [x, y] = [requireColumn(header, explicit.x, '--x', file), requireColumn(header, explicit.y, '--y', file)];
        return withHeaderCrs({ kind: 'xy', x, y }, x, y);
    }
    const lat = findColumn(header, latNames);
    const lon = findColumn(header, lonNames);
    if (lat && lon)
        return withHeaderCrs({ kind: 'latlon', lat, lon }, lat, lon);
    const x = findColumn(header, xNames);
    const y = findColumn(header, yNames);
    if (x && y)
        return withHeaderCrs({ kind: 'xy', x, y }, x, y);
    throw new SafeMapError('SOURCE_INVALID', `${file}: cannot find coordinate columns; columns seen: ${header.map(quoted).join(', ')}. ` +
        'Name them with --lat/--lon (degrees) or --x/--y (projected metres, with --crs).', { file, columns: [...header] });
}
function requireColumn(header, name, flag, file) {
    const found = name === undefined ? undefined : findColumn(header, [name]);
    if (found)
        return found;
    throw new SafeMapError('SOURCE_INVALID', `${file}: ${flag} column ${name === undefined ? 'is missing' : JSON.stringify(name) + ' not found'}; columns seen: ${header.map(quoted).join(', ')}`, { file, columns: [...header] });
}
function findColumn(header, candidates) {
    const normalized = new Map(header.map((name) => [simplify(name), name]));
    for (const candidate of candidates) {
        const hit = normalized.get(simplify(candidate));
        if (hit !== undefined)
            return hit;
    }
    return undefined;
}
/** `(epsg5174)`, `[EPSG:5186]`, `(EPSG 4326)` in a column name. */
const headerCrs = /[([]\s*epsg\s*[:_ -]?\s*(\d{4,6})\s*[)\]]/i;
/** The EPSG code a column header names, as EPSG:N. */
export function crsInHeader(name) {
    const code = headerCrs.exec(name)?.[1];
    return code === undefined ? undefined : `EPSG:${code}`;
}
/** Adds the CRS both coordinate headers name; headers naming two different systems name none. */
function withHeaderCrs(columns, a, b) {
    const [first, second] = [crsInHeader(a), crsInHeader(b)];
    const crs = first && second ? (first === second ? first : undefined) : (first ?? second);
    return crs ? { ...columns, crs } : columns;
}
/** Names compared without spaces, case or a CRS suffix: `좌표정보x(epsg5174)` is `좌표정보x`. */
function simplify(name) {
    return name.normalize('NFC').replace(headerCrs, '').replace(/\s+/g, '').toLowerCase();
}
//# sourceMappingURL=detect_coordinate_columns.js.map