import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { workerOptions } from '../worker_options.js';
import { SafeMapError } from '../errors.js';
import { checkTileDecodes } from './check_tile.js';
import { gzipTile } from './gzip_tile.js';

/** Tiles per message: large enough to amortise the hop, small enough to keep every worker busy to the end. */
const BATCH = 256;

interface Pending {
  readonly resolve: (tiles: Uint8Array[]) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Checks that tiles decode (@mapbox/vector-tile, every feature) and gzips them in worker threads, a batch at a time,
 * so tiling goes on while earlier tiles compress; results come back in the order batches were given. Without the
 * compiled worker beside this file (running from TypeScript sources) the work is done in the calling thread.
 */
export class CompressPool {
  private readonly workers: Worker[] = [];
  private readonly queues: Pending[][] = [];
  private next = 0;
  private failure: Error | undefined;

  constructor(
    private readonly gzip: boolean,
    private readonly describe: (tile: number) => string,
    threads = Math.max(1, Math.min(4, availableParallelism())),
  ) {
    const file = fileURLToPath(new URL('./gzip_worker.js', import.meta.url));
    if (!existsSync(file)) return;
    for (let i = 0; i < threads; i++) {
      // Decoding a tile to check it makes a string of every value; left to grow, each worker's heap took 100–200 MB
      // at a national size before collecting. A tile's own garbage is a few megabytes, so a small heap loses no time.
      const worker = new Worker(file, workerOptions({ maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 }));
      const queue: Pending[] = [];
      worker.on('message', (message: { tiles?: Uint8Array[]; failed?: { index: number; message: string } }) => {
        const pending = queue.shift()!;
        if (message.failed) pending.reject(this.fail(message.failed.index, message.failed.message));
        else pending.resolve(message.tiles!);
      });
      worker.on('error', (error) => {
        this.failure = error;
        for (const pending of queue.splice(0)) pending.reject(error);
      });
      this.workers.push(worker);
      this.queues.push(queue);
    }
  }

  /** Batches that fit in flight before the caller should wait: two per worker keeps them all busy. */
  get capacity(): number {
    return Math.max(1, this.workers.length * 2);
  }

  static get batchSize(): number {
    return BATCH;
  }

  /**
   * Checks (and gzips) one batch; `first` is the batch's position among all tiles, for error messages. Resolves
   * with the gzipped tiles (or the inputs, checked, without gzip).
   */
  run(tiles: Uint8Array[], first: number): Promise<Uint8Array[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.workers.length === 0) {
      const out: Uint8Array[] = [];
      tiles.forEach((tile, offset) => {
        try {
          checkTileDecodes(tile);
        } catch (error) {
          throw this.fail(first + offset, (error as Error).message);
        }
        out.push(this.gzip ? gzipTile(tile) : tile);
      });
      return Promise.resolve(out);
    }
    const index = this.next++ % this.workers.length;
    return new Promise((resolve, reject) => {
      this.queues[index]!.push({ resolve: this.gzip ? resolve : () => resolve(tiles), reject });
      // With gzip the raw tiles are not needed afterwards: their buffers move to the worker instead of being copied.
      // Every raw tile owns its buffer (the tilers make a fresh one per tile), so nothing else is detached.
      const transfer = this.gzip ? [...new Set(tiles.map((tile) => tile.buffer as ArrayBuffer))] : [];
      this.workers[index]!.postMessage({ id: first, tiles, gzip: this.gzip }, transfer);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private fail(index: number, message: string): SafeMapError {
    return new SafeMapError('WRITE_FAILED', `tile ${this.describe(index)} does not decode as a vector tile (${message}); nothing was written`);
  }
}
