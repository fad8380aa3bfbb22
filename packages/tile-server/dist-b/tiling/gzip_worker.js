import { parentPort } from 'node:worker_threads';
import { checkTileDecodes } from './check_tile.js';
import { gzipTile } from './gzip_tile.js';
/** Checks and compresses batches of tiles off the main thread; zlib and decoding dominate the cost of writing. */
parentPort?.on('message', (batch) => {
    const out = [];
    for (let i = 0; i < batch.tiles.length; i++) {
        try {
            checkTileDecodes(batch.tiles[i]);
        }
        catch (error) {
            parentPort.postMessage({ id: batch.id, failed: { index: batch.id + i, message: error.message } });
            return;
        }
        if (batch.gzip)
            out.push(gzipTile(batch.tiles[i]));
    }
    parentPort.postMessage({ id: batch.id, tiles: out }, out.map((tile) => tile.buffer));
});
//# sourceMappingURL=gzip_worker.js.map