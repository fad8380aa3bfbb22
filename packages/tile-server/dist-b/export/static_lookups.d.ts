import type { Tileset } from '../store/tileset.js';
/** Default most features a layer may have to get a static look-up file. */
export declare const DEFAULT_LOOKUP_FEATURES = 5000;
/** One layer's look-up file: every feature as columns, as `/tiles/{id}/points/{layer}` gives them, with all published properties. */
export interface LayerLookup {
    readonly layer: string;
    readonly body: string;
    readonly count: number;
}
/**
 * The static stand-in for the server's search, nearest and feature routes: for each safety layer of at most
 * `maxFeatures` features, one JSON of columns (id, lon, lat, then each published property). The browser downloads it
 * once (the same file for everyone, so nothing says where a resident is) and searches and ranks it itself. Larger
 * layers (a city's CCTV) get none: their features still show on the map and in popups from the tiles, and the widget
 * leaves them out of search and lists, as it says.
 */
export declare function staticLookups(tileset: Tileset, maxFeatures: number): {
    files: LayerLookup[];
    skipped: Array<{
        layer: string;
        count: number;
    }>;
};
