import { type Source } from 'pmtiles';
/** The three archive kinds a build writes and the server reads. */
export type ArchiveFormat = 'pmtiles' | 'mbtiles' | 'directory';
/** Read access to a tile archive of any format. */
export interface TileArchive {
    readonly format: ArchiveFormat;
    readonly file: string;
    /** The archive's metadata: PMTiles JSON metadata, MBTiles rows (`json` merged in), or `metadata.json`. */
    metadata(): Promise<Record<string, unknown>>;
    /** The tile's uncompressed MVT bytes, or undefined when the archive has no such tile. */
    getTile(z: number, x: number, y: number): Promise<Uint8Array | undefined>;
    /** The tile's bytes as stored (usually gzip), so a server can send them without compressing them again. */
    getStoredTile(z: number, x: number, y: number): Promise<Uint8Array | undefined>;
    /** Tiles the archive addresses, when its format records it (PMTiles' header). */
    tileCount?(): Promise<number>;
    close(): Promise<void>;
}
/** The format a path names: `.pmtiles`, `.mbtiles`, otherwise a tile directory. */
export declare function formatForPath(file: string): ArchiveFormat;
/** Opens an archive for reading; a missing or corrupt one is an ARCHIVE_INVALID error naming the file. */
export declare function openArchive(file: string, options?: {
    inMemory?: boolean;
}): Promise<TileArchive>;
/** Archives may hold gzip-compressed tiles (MBTiles and PMTiles by convention); readers get MVT bytes. */
export declare function isGzip(bytes: Uint8Array): boolean;
/**
 * A pmtiles `Source` over a local file for one-off reads (a header, a check): each read opens the file, so nothing
 * stays open between them. Served archives use {@link openArchive}, which keeps one handle.
 */
export declare function fileRangeSource(file: string): Source;
