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
 * Polls the files (the catalogue and its publish pointers; asked again each time, as a reload can change which) and
 * calls `onChange` after one is created, replaced, edited or removed. Polling (not fs.watch) because a pointer is
 * replaced by rename and editors save by rename, which some file systems and containers do not report reliably.
 * Reloads never overlap; returns a function that stops watching.
 */
export function watchPublished(watched: () => readonly string[], onChange: () => Promise<void>, logger: Logger, intervalMs = 1000): () => void {
  let last: string | undefined;
  /** The message of the last failed reload: it is retried every tick, but reported again only when it changes. */
  let failed: string | undefined;
  let busy = false;
  let stopped = false;
  const signature = async (files: readonly string[]) =>
    (await Promise.all(files.map((file) => stat(file).then((s) => `${s.ino}:${s.mtimeMs}:${s.size}`, () => '-')))).join('|');
  const tick = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      const files = watched();
      const now = `${files.join('|')}\n${await signature(files)}`;
      const changed = last !== undefined && now !== last;
      last = now;
      if ((changed || failed !== undefined) && !stopped) {
        if (changed) logger.info({ files }, 'the catalogue or a published tile set changed; reloading');
        await onChange();
        failed = undefined;
      }
    } catch (error) {
      // A failed reload (a catalogue mid-edit, a file read while a build was still writing) is tried again next tick,
      // so a change is never missed; the same failure is reported once, not every second until it is fixed.
      const message = (error as Error).message;
      if (message !== failed) logger.error({ err: error }, `reloading failed; still serving the previous catalogue and tile sets: ${message}`);
      failed = message;
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
