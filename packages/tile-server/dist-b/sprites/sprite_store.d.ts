import type { Tileset } from '../store/tileset.js';
/** A sprite sheet ready to send: JSON and PNG bodies with their strong ETags. */
export interface SpriteFiles {
    readonly json: Buffer;
    readonly jsonEtag: string;
    readonly png: Buffer;
    readonly pngEtag: string;
}
/**
 * Renders each tile set's sprites once per published version and pixel ratio and keeps them in memory. A sheet is a
 * few kilobytes, and a republish (new version) simply renders anew; entries of old versions are dropped then.
 */
export declare class SpriteStore {
    #private;
    constructor(iconDir?: string);
    /** The sprite of `tileset` at 1× or 2×, rendered on first use. */
    get(tileset: Tileset, pixelRatio: 1 | 2): Promise<SpriteFiles>;
}
