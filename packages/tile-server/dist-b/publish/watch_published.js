import { stat } from 'node:fs/promises';
import path from 'node:path';
import { publishDirOf } from './publish_location.js';
import { POINTER_FILE } from './publish_pointer.js';
/** The `current.json` files a server over this catalogue must watch, one per tile set (existing or not yet). */
export function pointerFilesOf(catalog) {
    const dir = publishDirOf(catalog);
    return catalog.catalog.tilesets.map((tileset) => path.join(dir, tileset.id, POINTER_FILE));
}
/**
 * Polls the files (the catalogue and its publish pointers; asked again each time, as a reload can change which) and
 * calls `onChange` after one is created, replaced, edited or removed. Polling (not fs.watch) because a pointer is
 * replaced by rename and editors save by rename, which some file systems and containers do not report reliably.
 * Reloads never overlap; returns a function that stops watching.
 */
export function watchPublished(watched, onChange, logger, intervalMs = 1000) {
    let last;
    let busy = false;
    let stopped = false;
    const signature = async (files) => (await Promise.all(files.map((file) => stat(file).then((s) => `${s.ino}:${s.mtimeMs}:${s.size}`, () => '-')))).join('|');
    const tick = async () => {
        if (busy || stopped)
            return;
        busy = true;
        try {
            const files = watched();
            const now = `${files.join('|')}\n${await signature(files)}`;
            const changed = last !== undefined && now !== last;
            // Taken before reloading: a catalogue that fails to load is reported once, not every second until it is fixed.
            last = now;
            if (changed && !stopped) {
                logger.info({ files }, 'the catalogue or a published tile set changed; reloading');
                await onChange();
            }
        }
        catch (error) {
            logger.error({ err: error }, `reloading failed; still serving the previous catalogue and tile sets: ${error.message}`);
        }
        finally {
            busy = false;
        }
    };
    void tick();
    const timer = setInterval(() => void tick(), intervalMs);
    timer.unref();
    return () => {
        stopped = true;
        clearInterval(timer);
    };
}
//# sourceMappingURL=watch_published.js.map