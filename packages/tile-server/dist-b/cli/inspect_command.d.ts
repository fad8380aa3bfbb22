import type { CommandIo } from './validate_command.js';
/** `safemap inspect`: metadata, or one tile decoded to GeoJSON in WGS84. */
export declare function inspectCommand(argv: string[], io?: CommandIo): Promise<number>;
/** A tile as one GeoJSON FeatureCollection in longitude/latitude; each feature names its MVT layer. */
export declare function tileToGeojson(bytes: Uint8Array | undefined, z: number, x: number, y: number): {
    type: string;
    tile: string;
    features: object[];
};
