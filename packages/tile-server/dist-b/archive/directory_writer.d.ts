import type { ArchiveMetadata } from './archive_metadata.js';
/** Writes `z/x/y.mvt` files (uncompressed, as GDAL and static hosts expect) and, at the end, `metadata.json`. */
export declare class DirectoryWriter {
    private readonly dir;
    private readonly made;
    private count;
    private byteCount;
    constructor(dir: string);
    add(z: number, x: number, y: number, raw: Uint8Array): Promise<void>;
    get tiles(): number;
    get bytes(): number;
    finish(metadata: ArchiveMetadata): Promise<void>;
}
