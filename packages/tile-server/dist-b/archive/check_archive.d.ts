import type { ArchiveFormat } from './open_archive.js';
/**
 * Checks that an archive is whole before anything is served from it: its magic number, every section its header
 * declares lying inside the file, the tables MBTiles readers need, nothing but tiles in a tile directory. It reads
 * headers and names, never tiles, so a truncated copy or a wrong file is refused at load with the reason rather than
 * failing tile by tile. Throws ARCHIVE_INVALID naming the file (also in `details.file`, for the log).
 */
export declare function checkArchive(file: string, format: ArchiveFormat): Promise<void>;
