import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedCatalog } from '../catalog/load_catalog.js';
import type { Logger } from '../log.js';
import { publishDirOf } from './publish_location.js';
import { POINTER_FILE } from './publish_pointer.js';

/** The `current.json` files a server over this catalogue must watch, one per tile set (existing or not yet). */
export function pointerFilesOf(catalog: LoadedCatalog): string[] {
  const dir = publishDirOf(catalog);
  return catalog.catalog.tilesets.map((tileset) => path.join(dir, tileset.id, POINTER_FILE));
}

/**
 * Polls the publish pointers and calls `onChange` after one is created, replaced or removed. Polling (not fs.watch)
 * because a pointer is replaced by rename, which some file systems and containers do not report reliably.
 * Reloads never overlap; returns a function that stops watching.
 */
export function watchPublished(files: readonly string[], onChange: () => Promise<void>, logger: Logger, intervalMs = 1000): () => void {
  let last: string | undefined;
  let busy = false;
  let stopped = false;
  const signature = async () =>
    (await Promise.all(files.map((file) => stat(file).then((s) => `${s.ino}:${s.mtimeMs}:${s.size}`, () => '-')))).join('|');
  const tick = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      const now = await signature();
      if (last !== undefined && now !== last && !stopped) {
        logger.info({ files }, 'a published tile set changed; reloading');
        await onChange();
      }
      last = now;
    } catch (error) {
      logger.error({ err: error }, 'reloading a published tile set failed; still serving the previous one');
    } finally {
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
