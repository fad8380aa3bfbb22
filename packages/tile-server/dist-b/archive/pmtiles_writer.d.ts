import type { ArchiveMetadata } from './archive_metadata.js';
/** A tile to store: its PMTiles id and its gzip-compressed bytes. */
export interface StoredTile {
    readonly tileId: number;
    readonly data: Uint8Array;
}
/** Writes a whole archive from tiles already in memory (small archives, conversions). */
export declare function writePmtiles(file: string, tiles: readonly StoredTile[], metadata: ArchiveMetadata): Promise<void>;
/**
 * Writes a PMTiles v3 archive as tiles arrive, in any order: tile data is appended to a side file as it comes
 * (identical tiles stored once), only the directory entries are kept, as typed arrays, and `finish` writes header,
 * root directory, gzipped JSON metadata and leaf directories, then the tile data behind them in tile-id order. Memory stays at
 * about 20 bytes a tile, whatever the archive's size.
 */
export declare class PmtilesWriter {
    private readonly file;
    private readonly dataFile;
    private readonly data;
    private ids;
    private offsets;
    private lengths;
    private count;
    private dataLength;
    private readonly contents;
    private pending;
    private pendingBytes;
    private constructor();
    static create(file: string): Promise<PmtilesWriter>;
    /** Adds a tile's gzip-compressed bytes under its PMTiles id; each id once. */
    add(tileId: number, gzip: Uint8Array): Promise<void>;
    get tiles(): number;
    get bytes(): number;
    /**
     * Writes the finished archive to `file`, tile data in tile-id order (clustered, so a reader's neighbouring tiles are
     * neighbouring bytes); the side file is removed.
     */
    finish(metadata: ArchiveMetadata): Promise<void>;
    /** Removes what was written so far. */
    abort(): Promise<void>;
    private flush;
    private grow;
    /**
     * Entries in tile-id order, runs of identical consecutive tiles joined into one entry, with offsets of the data
     * laid out in that order (each distinct tile once), and the copies that lay it out from the side file.
     */
    private clusteredEntries;
}
