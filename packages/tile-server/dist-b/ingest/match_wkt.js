import proj4 from 'proj4';
import { normalizeCrs, supportedCrs, toWgs84 } from './crs.js';
/** Positions across Korea at which a stated WKT and a known code must agree. */
const probes = [
    [124.5, 33.2],
    [126.5, 37.5],
    [127, 35],
    [128.6, 35.9],
    [129.3, 37.4],
    [130.9, 37.5],
];
/** Degrees (about 1 m): a shared definition agrees to the millimetre; a different belt or origin misses by kilometres. */
const toleranceDegrees = 1e-5;
/**
 * The EPSG code of the supported list that a WKT (a shapefile's `.prj`, an ESRI or OGC string) describes, or
 * undefined. An `AUTHORITY["EPSG", N]` on the whole CRS is taken at its word; otherwise the WKT is parsed by proj4
 * and compared by what it does: projected positions across Korea must come back to the same longitude and latitude
 * through the code's own definition. ESRI `.prj` files name parameters, not codes, so this is how most are matched.
 * Geographic WKT on the WGS84 or GRS80 ellipsoid is read as EPSG:4326 (KGD2002 and JGD2011 agree with WGS84 to
 * well under a metre).
 */
export function matchWkt(wkt) {
    const text = wkt.trim();
    const authority = /AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?(\d{4,5})"?\s*\]\s*\]\s*$/i.exec(text) ?? /ID\s*\[\s*"EPSG"\s*,\s*(\d{4,5})\s*\]\s*\]\s*$/i.exec(text);
    if (authority && supportedCrs.includes(normalizeCrs(authority[1])))
        return normalizeCrs(authority[1]);
    let projection;
    let parsed;
    try {
        parsed = new proj4.Proj(text);
        projection = proj4('EPSG:4326', text);
    }
    catch {
        return undefined;
    }
    if (parsed.projName === 'longlat')
        return isWgs84Like(parsed) ? 'EPSG:4326' : undefined;
    const positions = probes.map(([lon, lat]) => {
        try {
            return projection.forward([lon, lat]);
        }
        catch {
            return [Number.NaN, Number.NaN];
        }
    });
    if (positions.some(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y)))
        return undefined;
    for (const code of supportedCrs) {
        if (code === 'EPSG:4326')
            continue;
        const back = toWgs84(code);
        const agrees = positions.every(([x, y], index) => {
            const [lon, lat] = back(x, y);
            const [lon0, lat0] = probes[index];
            return Math.abs(lon - lon0) < toleranceDegrees && Math.abs(lat - lat0) < toleranceDegrees;
        });
        if (agrees)
            return code;
    }
    return undefined;
}
function isWgs84Like(parsed) {
    const a = parsed.a ?? 0;
    const rf = parsed.rf ?? (parsed.b ? a / (a - parsed.b) : 0);
    return Math.abs(a - 6378137) < 0.5 && Math.abs(rf - 298.257) < 0.01;
}
/**
 * The CRS a file states, as reader facts: an EPSG code the list knows is taken as it is; otherwise the WKT is kept
 * and matched to a code when it describes one. A code outside the list is left to the placement step's refusal.
 */
export function statedCrs(stated) {
    const out = {};
    const wkt = stated.wkt?.trim();
    if (wkt && wkt !== 'undefined')
        out.crsWkt = wkt;
    if ((stated.organization ?? 'EPSG').toUpperCase() === 'EPSG' && stated.code && stated.code > 0) {
        const code = normalizeCrs(String(stated.code));
        if (supportedCrs.includes(code))
            out.crsMember = code;
    }
    if (!out.crsMember && out.crsWkt) {
        const matched = matchWkt(out.crsWkt);
        if (matched)
            out.crsMember = matched;
    }
    return out;
}
//# sourceMappingURL=match_wkt.js.map