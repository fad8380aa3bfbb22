/** Decodes every layer and feature (geometry and properties) of a tile with @mapbox/vector-tile; throws if it cannot. */
export declare function checkTileDecodes(bytes: Uint8Array): void;
