import type { LayerConfig, PropertyType, TilesetConfig } from '../catalog/catalog_schema.js';
import type { BBox, FeatureLookup } from '../lookup/feature_lookup.js';
import type { TileSource } from './tile_source.js';
export interface TilesetLayer {
    readonly id: string;
    readonly title: {
        readonly ko: string;
        readonly en: string;
    };
    readonly geometry: LayerConfig['geometry'];
    readonly minzoom: number;
    readonly maxzoom: number;
    /** The published allow-list with types: the only properties any response may carry. */
    readonly properties: Readonly<Record<string, PropertyType>>;
    readonly attribution: string;
    readonly color: string;
    readonly basemap: boolean;
    readonly featureCount: number;
}
/** A published tile set: what it holds, where it is, and the source answering its tiles. */
export interface Tileset {
    readonly id: string;
    readonly title: {
        readonly ko: string;
        readonly en: string;
    };
    readonly description: {
        readonly ko: string;
        readonly en: string;
    } | undefined;
    readonly minzoom: number;
    readonly maxzoom: number;
    readonly bounds: BBox;
    readonly center: readonly [number, number, number];
    readonly attribution: string;
    readonly layers: readonly TilesetLayer[];
    readonly source: TileSource;
    readonly index: FeatureLookup | undefined;
    readonly config: TilesetConfig;
}
