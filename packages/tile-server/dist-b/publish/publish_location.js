import { createHash } from 'node:crypto';
import path from 'node:path';
import { DEFAULT_KEEP } from './publish_version.js';
/** The folder of published tile sets: the catalogue's `publish.dir`, relative to the catalogue file, default `tiles`. */
export function publishDirOf(catalog) {
    return path.resolve(catalog.baseDir, catalog.catalog.publish?.dir ?? 'tiles');
}
/** Versions kept per tile set: the catalogue's `publish.keep`, default 3. */
export function keepOf(catalog) {
    return catalog.catalog.publish?.keep ?? DEFAULT_KEEP;
}
/**
 * Fingerprint of a tile set's configuration, recorded in its archives: the server serves a published archive only
 * while the catalogue still says what it was built from, and falls back to live tiles otherwise.
 */
export function configHash(config) {
    return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);
}
//# sourceMappingURL=publish_location.js.map