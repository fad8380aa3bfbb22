import type { LoadedCatalog } from '../catalog/load_catalog.js';
import type { Logger } from '../log.js';
/** The `current.json` files a server over this catalogue must watch, one per tile set (existing or not yet). */
export declare function pointerFilesOf(catalog: LoadedCatalog): string[];
/**
 * Polls the files (the catalogue and its publish pointers; asked again each time, as a reload can change which) and
 * calls `onChange` after one is created, replaced, edited or removed. Polling (not fs.watch) because a pointer is
 * replaced by rename and editors save by rename, which some file systems and containers do not report reliably.
 * Reloads never overlap; returns a function that stops watching.
 */
export declare function watchPublished(watched: () => readonly string[], onChange: () => Promise<void>, logger: Logger, intervalMs?: number): () => void;
