import type { Tileset } from '../store/tileset.js';
/** TileJSON 3.0.0 for a tile set; the tile URL carries the version so a client never mixes two publications. */
export declare function buildTileJson(tileset: Tileset, baseUrl: string): {
    tilejson: string;
    name: string;
    description: string;
    version: string;
    attribution: string;
    scheme: string;
    tiles: string[];
    minzoom: number;
    maxzoom: number;
    bounds: number[];
    center: number[];
    vector_layers: {
        id: string;
        description: string;
        minzoom: number;
        maxzoom: number;
        fields: {
            [k: string]: string;
        };
    }[];
    'safemap:version': string;
};
