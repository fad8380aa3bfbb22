import type { ArchiveMetadata } from './archive_metadata.js';
/**
 * Writes an MBTiles 1.3 file as tiles arrive: the `metadata` and `tiles` tables, rows flipped to TMS as the spec
 * requires, `json` carrying `vector_layers`. No journal, one transaction; rows go in the order given, so the same
 * tiles give the same file.
 */
export declare class MbtilesWriter {
    private readonly db;
    private readonly insertTile;
    private count;
    private byteCount;
    constructor(file: string);
    /** Adds a tile's gzip-compressed bytes at XYZ z/x/y. */
    add(z: number, x: number, y: number, gzip: Uint8Array): void;
    get tiles(): number;
    get bytes(): number;
    finish(metadata: ArchiveMetadata): void;
    abort(): void;
}
