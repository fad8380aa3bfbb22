import type { TilesetConfig } from '../catalog/catalog_schema.js';
import type { BBox, FeatureLookup } from '../lookup/feature_lookup.js';
import type { TileSource } from './tile_source.js';
import type { Tileset } from './tileset.js';
/**
 * What a tile set publishes about itself, from its catalogue entry, whether its tiles are cut live or read from an
 * archive: the two differ only in their source, feature counts and where bounds come from.
 */
export declare function describeTileset(config: TilesetConfig, parts: {
    featureCount: (layerId: string) => number;
    bounds: BBox | undefined;
    source: TileSource;
    index: FeatureLookup | undefined;
}): Tileset;
