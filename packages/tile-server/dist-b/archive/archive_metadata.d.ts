/** A vector layer as TileJSON and MBTiles `json` describe it. */
export interface VectorLayerInfo {
    readonly id: string;
    readonly description?: string;
    readonly minzoom: number;
    readonly maxzoom: number;
    readonly fields: Record<string, string>;
}
/** One input file of a build, fingerprinted so an archive says exactly what it was made from. */
export interface SourceRecord {
    readonly file: string;
    readonly sha256: string;
    readonly dataDates: readonly string[];
}
/** What every archive format records about a build; nothing here depends on the clock, so builds are reproducible. */
export interface ArchiveMetadata {
    readonly name: string;
    readonly description: string;
    readonly attribution: string;
    readonly minzoom: number;
    readonly maxzoom: number;
    /** [west, south, east, north] in degrees. */
    readonly bounds: readonly [number, number, number, number];
    /** [longitude, latitude, zoom]. */
    readonly center: readonly [number, number, number];
    readonly vector_layers: readonly VectorLayerInfo[];
    /** `safemap <version>`. */
    readonly generator: string;
    /** The options of the build, as a command line. */
    readonly generator_options: string;
    readonly sources: readonly SourceRecord[];
    /** For catalogue builds: fingerprint of the tile set's configuration, so the server can tell a stale archive. */
    readonly config_sha256?: string;
    /** tippecanoe-style layer statistics; GDAL reads each layer's geometry kind from them. */
    readonly tilestats?: {
        readonly layerCount: number;
        readonly layers: ReadonlyArray<{
            layer: string;
            count: number;
            geometry: string;
        }>;
    };
}
/** `safemap <package version>`, recorded as the generator of every archive. */
export declare function generatorName(): string;
