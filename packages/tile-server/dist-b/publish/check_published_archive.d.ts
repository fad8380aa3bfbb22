import type { Stats } from 'node:fs';
import { SafeMapError } from '../errors.js';
/**
 * A published archive file is named by the start of its SHA-256 (`publishVersion` does so), so its bytes prove
 * whether it is the archive that was verified and published: a bit flipped on disk, a copy cut short or a file
 * replaced in place no longer matches. Throws ARCHIVE_INVALID naming the file. Tile directories have no single
 * digest and are checked by structure only.
 */
export declare function checkPublishedArchive(file: string, version: string): Promise<void>;
/**
 * Records that `file` hashed to `version` when read by other means (a verified copy of it), provided it is in the
 * same state after the read as in `before`, a stat taken before: the next check of it then costs a stat.
 */
export declare function rememberVerified(file: string, version: string, before: Stats): Promise<void>;
/** The refusal of a published file whose SHA-256 is not the one its version records. */
export declare function digestMismatch(file: string, version: string, digest: string): SafeMapError;
