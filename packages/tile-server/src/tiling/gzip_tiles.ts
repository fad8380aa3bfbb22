import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SafeMapError } from '../errors.js';
import { checkTileDecodes } from './check_tile.js';
import { gzipTile } from './gzip_tile.js';

/** Tiles per message: large enough to amortise the hop, small enough to keep every worker busy to the end. */
const BATCH = 512;

/** A tile that does not decode: its position in the input and why. */
interface Failure {
  index: number;
  message: string;
}

/**
 * Checks that every tile decodes (@mapbox/vector-tile, every feature) and, with `gzip`, compresses it; in worker
 * threads, results in input order. Falls back to the main thread for small inputs, or when the compiled worker is
 * not beside this file (running from TypeScript sources). Throws WRITE_FAILED naming the first bad tile.
 */
export async function checkAndCompress(tiles: readonly Uint8Array[], gzip: boolean, describe: (index: number) => string, onProgress?: (done: number) => void): Promise<Uint8Array[]> {
  const workerFile = fileURLToPath(new URL('./gzip_worker.js', import.meta.url));
  const fail = (failure: Failure) => new SafeMapError('WRITE_FAILED', `tile ${describe(failure.index)} does not decode as a vector tile (${failure.message}); nothing was written`);
  if (!existsSync(workerFile) || tiles.length < BATCH * 2) {
    const out: Uint8Array[] = [];
    tiles.forEach((tile, index) => {
      try {
        checkTileDecodes(tile);
      } catch (error) {
        throw fail({ index, message: (error as Error).message });
      }
      if (gzip) out.push(gzipTile(tile));
    });
    onProgress?.(tiles.length);
    return out;
  }
  const result: Uint8Array[] = gzip ? new Array(tiles.length) : [];
  const workers = Array.from({ length: Math.max(1, Math.min(4, availableParallelism())) }, () => new Worker(workerFile));
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= tiles.length) return resolve();
              const id = next;
              next = Math.min(tiles.length, next + BATCH);
              // Copies, not transfers: the raw tiles stay valid for writing and verification.
              worker.postMessage({ id, tiles: tiles.slice(id, next), gzip });
            };
            worker.on('message', (message: { id: number; tiles?: Uint8Array[]; failed?: Failure }) => {
              if (message.failed) return reject(fail(message.failed));
              message.tiles!.forEach((tile, offset) => (result[message.id + offset] = tile));
              done = Math.min(tiles.length, done + BATCH);
              onProgress?.(done);
              send();
            });
            worker.once('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return result;
}
