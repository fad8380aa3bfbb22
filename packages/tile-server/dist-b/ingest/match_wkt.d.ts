/**
 * The EPSG code of the supported list that a WKT (a shapefile's `.prj`, an ESRI or OGC string) describes, or
 * undefined. An `AUTHORITY["EPSG", N]` on the whole CRS is taken at its word; otherwise the WKT is parsed by proj4
 * and compared by what it does: projected positions across Korea must come back to the same longitude and latitude
 * through the code's own definition. ESRI `.prj` files name parameters, not codes, so this is how most are matched.
 * Geographic WKT on the WGS84 or GRS80 ellipsoid is read as EPSG:4326 (KGD2002 and JGD2011 agree with WGS84 to
 * well under a metre).
 */
export declare function matchWkt(wkt: string): string | undefined;
/**
 * The CRS a file states, as reader facts: an EPSG code the list knows is taken as it is; otherwise the WKT is kept
 * and matched to a code when it describes one. A code outside the list is left to the placement step's refusal.
 */
export declare function statedCrs(stated: {
    organization?: string | null | undefined;
    code?: number | null | undefined;
    wkt?: string | null | undefined;
}): {
    crsMember?: string;
    crsWkt?: string;
};
