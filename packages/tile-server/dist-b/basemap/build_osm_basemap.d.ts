import { type ConvertedArchive } from './mbtiles_to_pmtiles.js';
/** Options of an OpenStreetMap basemap build. */
export interface OsmBasemapOptions {
    /** The `.osm.pbf` extract. */
    readonly input: string;
    /** The PMTiles archive to write; the gazetteer goes beside it as `<name>.places.json`. */
    readonly output: string;
    /** tilemaker config and Lua profile; the OpenMapTiles-style ones shipped in `assets/basemap/tilemaker/` by default. */
    readonly configFile?: string;
    readonly processFile?: string;
    /** `tilemaker` and `osmium` executables, when not on the PATH. */
    readonly tilemaker?: string;
    readonly osmium?: string;
}
/** What a build wrote, for the command's report. */
export interface OsmBasemapResult extends ConvertedArchive {
    readonly output: string;
    readonly bytes: number;
    readonly placesFile: string;
    readonly places: number;
}
/** The tilemaker profile shipped with the package (same relative place from src/ and dist/). */
export declare function defaultTilemakerDir(): string;
/** `<dir>/<name>.places.json` for `<dir>/<name>.pmtiles`. */
export declare function placesFileFor(archive: string): string;
/**
 * OpenStreetMap extract → basemap: tilemaker cuts OpenMapTiles-style vector tiles (streets by class, names in `name`
 * and `name_en`, places, water, parks, railways, stations, buildings) into a temporary MBTiles file, which is copied
 * into one PMTiles archive; osmium pulls the named places, stations and administrative areas for the gazetteer.
 */
export declare function buildOsmBasemap(given: OsmBasemapOptions): Promise<OsmBasemapResult>;
