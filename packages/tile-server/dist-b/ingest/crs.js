import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import proj4 from 'proj4';
import { SafeMapError } from '../errors.js';
/**
 * proj4 definitions of the coordinate systems Korean agencies publish in, checked against control points (see
 * docs/gis-ingest.md and test/ingest/reprojection.test.ts). They win over the EPSG index: EPSG:5174 and 2097 carry the
 * datum shift Korean agencies use, which a definition without it would misplace by about 300 m.
 */
const checked = {
    'EPSG:4326': '+proj=longlat +datum=WGS84 +no_defs',
    'EPSG:3857': '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
    'EPSG:5174': '+proj=tmerc +lat_0=38 +lon_0=127.0028902777778 +k=1 +x_0=200000 +y_0=500000 +ellps=bessel +units=m +no_defs +towgs84=-115.80,474.99,674.11,1.16,-2.31,-1.63,6.43',
    'EPSG:2097': '+proj=tmerc +lat_0=38 +lon_0=127 +k=1 +x_0=200000 +y_0=500000 +ellps=bessel +units=m +no_defs +towgs84=-115.80,474.99,674.11,1.16,-2.31,-1.63,6.43',
    'EPSG:5179': '+proj=tmerc +lat_0=38 +lon_0=127.5 +k=0.9996 +x_0=1000000 +y_0=2000000 +ellps=GRS80 +units=m +no_defs',
    'EPSG:5181': '+proj=tmerc +lat_0=38 +lon_0=127 +k=1 +x_0=200000 +y_0=500000 +ellps=GRS80 +units=m +no_defs',
    'EPSG:5185': '+proj=tmerc +lat_0=38 +lon_0=125 +k=1 +x_0=200000 +y_0=600000 +ellps=GRS80 +units=m +no_defs',
    'EPSG:5186': '+proj=tmerc +lat_0=38 +lon_0=127 +k=1 +x_0=200000 +y_0=600000 +ellps=GRS80 +units=m +no_defs',
    'EPSG:5187': '+proj=tmerc +lat_0=38 +lon_0=129 +k=1 +x_0=200000 +y_0=600000 +ellps=GRS80 +units=m +no_defs',
    'EPSG:5188': '+proj=tmerc +lat_0=38 +lon_0=131 +k=1 +x_0=200000 +y_0=600000 +ellps=GRS80 +units=m +no_defs',
};
/** The hand-checked systems; every other EPSG code PROJ knows comes from the `epsg-index` package. */
export const supportedCrs = Object.keys(checked);
const indexDir = path.join(path.dirname(createRequire(import.meta.url).resolve('epsg-index/package.json')), 's');
function epsgEntry(code) {
    const number = /^EPSG:(\d{1,6})$/.exec(code)?.[1];
    if (!number)
        return undefined;
    try {
        return JSON.parse(readFileSync(path.join(indexDir, `${number}.json`), 'utf8'));
    }
    catch {
        return undefined;
    }
}
/** The proj4 definition of an EPSG code, or WKT as given; undefined when neither a code PROJ knows nor WKT. */
function definitionOf(code) {
    if (Object.hasOwn(checked, code))
        return checked[code];
    if (isWkt(code))
        return code;
    const entry = epsgEntry(code);
    // Only coordinate reference systems: a datum or an ellipsoid code cannot place a coordinate.
    if (!entry?.proj4 || !/^CRS-(PROJCRS|GEOGCRS|GEOG2DCRS)$/.test(entry.kind))
        return undefined;
    return entry.proj4;
}
/** Whether `crs` (any form {@link normalizeCrs} accepts) names a system SafeMap can project from. */
export function isKnownCrs(crs) {
    const code = normalizeCrs(crs);
    const definition = definitionOf(code);
    if (!definition)
        return false;
    try {
        proj4.Proj(definition);
        return true;
    }
    catch {
        return false;
    }
}
/** A human name: "EPSG:6675 (JGD2011 / Japan Plane Rectangular CS VII)", or the name inside WKT. */
export function describeCrs(crs) {
    const code = normalizeCrs(crs);
    if (isWkt(code))
        return `WKT "${/^\s*\w+\[\s*"([^"]*)"/.exec(code)?.[1] ?? 'unnamed'}"`;
    const name = epsgEntry(code)?.name;
    return name ? `${code} (${name})` : code;
}
/**
 * Returns a converter from the given CRS to WGS84 longitude/latitude. Input is always easting, northing (longitude,
 * latitude for geographic systems), as GeoJSON requires and as GDAL writes files ("traditional GIS order"), even
 * where the EPSG definition orders its axes northing first (JGD2011, EPSG:4326 itself).
 */
export function toWgs84(crs) {
    const code = normalizeCrs(crs);
    if (code === 'EPSG:4326')
        return (x, y) => [x, y];
    const definition = definitionOf(code);
    if (!definition)
        throw unknownCrs(crs);
    let source;
    try {
        source = proj4.Proj(definition);
    }
    catch (error) {
        throw new SafeMapError('USAGE', `coordinate system ${describeCrs(code)} cannot be read (${error.message}); give --crs EPSG:N`, undefined, { cause: error });
    }
    source.axis = 'enu';
    const converter = proj4(source, proj4.Proj(checked['EPSG:4326']));
    return (x, y) => converter.forward([x, y]);
}
/** The refusal for a CRS nobody can project from, with the next step. */
export function unknownCrs(crs) {
    const shown = crs.length > 80 ? `${crs.slice(0, 77)}...` : crs;
    return new SafeMapError('USAGE', `unknown coordinate system ${JSON.stringify(shown)}: not an EPSG code PROJ knows, nor WKT. ` +
        'Give it as --crs EPSG:N (for example --crs EPSG:5186, or --crs EPSG:6675 for JGD2011), or as the WKT text of a .prj file.', { crs: shown });
}
/**
 * Accepts "EPSG:5186", "epsg:5186", "5186", the OGC URN forms found in legacy GeoJSON `crs` members, CRS84, and WKT
 * (as in a shapefile's `.prj`). WKT that names its EPSG code, or whose parameters match a hand-checked Korean system
 * (ESRI `.prj` files leave out the datum shift), becomes that code; other WKT is returned as given.
 */
export function normalizeCrs(crs) {
    const text = crs.trim();
    if (isWkt(text))
        return wktToCode(text) ?? text;
    if (/CRS:?84$/i.test(text))
        return 'EPSG:4326';
    const match = /(?:EPSG)?:{0,2}(\d{4,6})$/i.exec(text);
    if (!match)
        return text;
    return `EPSG:${match[1]}`;
}
function isWkt(text) {
    return /^\s*(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS|BASEGEOGCRS|COMPOUNDCRS|PROJECTEDCRS|GEOGRAPHICCRS)\s*\[/i.test(text);
}
function wktToCode(wkt) {
    // The outermost authority is the last one in WKT1 and WKT2 alike.
    const ids = [...wkt.matchAll(/(?:AUTHORITY|ID)\[\s*"EPSG"\s*,\s*"?(\d{4,6})"?\s*\]/gi)];
    const outer = ids.at(-1);
    const closing = outer ? wkt.slice(outer.index + outer[0].length).replace(/[\s\]]/g, '') : 'x';
    if (outer && closing === '')
        return `EPSG:${outer[1]}`;
    let parsed;
    try {
        parsed = proj4.Proj(wkt);
    }
    catch {
        return undefined;
    }
    for (const [code, definition] of Object.entries(checked)) {
        if (code === 'EPSG:4326' || code === 'EPSG:3857')
            continue;
        const known = proj4.Proj(definition);
        const same = ['lat0', 'long0', 'k0', 'x0', 'y0', 'a'].every((key) => nearly(parsed[key], known[key])) && nearly(parsed.rf ?? 0, known.rf ?? 0, 1e-6);
        if (same && parsed.projName !== undefined && /merc/i.test(String(parsed.projName)))
            return code;
    }
    return undefined;
}
function nearly(a, b, tolerance = 1e-9) {
    if (typeof a !== 'number' || typeof b !== 'number')
        return a === b;
    return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b));
}
//# sourceMappingURL=crs.js.map