/** The land raster's settings, declared once. */
export declare const koreaLandDefaults: {
    /** Positions this close to land count as in Korea: coastal facilities, piers, islets drawn smaller than they are. */
    readonly toleranceMeters: 2000;
    /** Raster cell size in degrees of longitude and latitude (about 450 m × 445 m at 36°N). */
    readonly lonStep: 0.005;
    readonly latStep: 0.004;
    /** Raster extent [west, south, east, north]: all of South Korea with room for the tolerance. */
    readonly extent: readonly [124.3, 32.8, 132.2, 38.9];
};
/** A South Korean province (시·도): its statistical code, names, and the first words its addresses start with. */
export interface Province {
    code: string;
    name: string;
    nameEn: string;
    /** Address first words that name it, old and new names, full and short. */
    prefixes: readonly string[];
}
export declare const provinces: readonly Province[];
/** The province (1-based index into {@link provinces}) an address's first word names, or 0. */
export declare function provinceOfAddress(address: string): number;
/** The nearest listed city and how far it is, e.g. "Seoul" at 3 km. */
export declare function nearestCity(lon: number, lat: number): {
    name: string;
    km: number;
};
export declare function kilometres(lon1: number, lat1: number, lon2: number, lat2: number): number;
/** The province polygons as stored in assets/korea/korea_provinces.json (rings delta-encoded in 1/scale degrees). */
export interface ProvincePolygons {
    scale: number;
    provinces: Array<{
        code: string;
        rings: number[][];
    }>;
}
/**
 * South Korea's land as a raster of provinces, grown by the coastal tolerance: one array look-up per position, so a
 * million points are judged in milliseconds. Rasterising the polygons takes a few hundred milliseconds, so the raster
 * ships beside them (assets/korea/korea_land_raster.bin.gz, made by scripts/korea-land.mjs; a test checks that it
 * matches the polygons).
 */
export declare class KoreaLand {
    readonly cells: Uint8Array;
    private readonly columns;
    private readonly rows;
    /** From the polygons, or from cells rasterised before (`cells` of a land built from the same settings). */
    constructor(source: ProvincePolygons | Uint8Array, settings?: {
        /** Positions this close to land count as in Korea: coastal facilities, piers, islets drawn smaller than they are. */
        readonly toleranceMeters: 2000;
        /** Raster cell size in degrees of longitude and latitude (about 450 m × 445 m at 36°N). */
        readonly lonStep: 0.005;
        readonly latStep: 0.004;
        /** Raster extent [west, south, east, north]: all of South Korea with room for the tolerance. */
        readonly extent: readonly [124.3, 32.8, 132.2, 38.9];
    });
    /** 1-based index into {@link provinces} of the province at or within the tolerance of a position; 0 at sea or abroad. */
    provinceAt(lon: number, lat: number): number;
    contains(lon: number, lat: number): boolean;
    /** Even-odd scanline fill at cell centres, plus every vertex's own cell so islets smaller than a cell stay land. */
    private fill;
    /** Grows land into the sea by `meters`, each sea cell taking the province of the nearest land (two-pass chamfer). */
    private grow;
}
/** Where the bundled polygons and their raster are. */
export declare const koreaLandFiles: {
    polygons: string;
    raster: string;
};
/** The land of South Korea from the bundled raster of the province polygons (assets/korea), loaded once per process. */
export declare function koreaLand(): KoreaLand;
