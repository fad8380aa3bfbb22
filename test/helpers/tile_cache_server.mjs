// A SafeMap request listener serving one archive through a tile cache of a given size, in a process of its own so
// that its memory is only the server's. Run with `node --expose-gc tile_cache_server.mjs ARCHIVE CACHE_BYTES` as a
// child with an IPC channel: it sends `{ url }` once listening, and answers the message `measure` with the process's
// memory after full garbage collections and the cache's own accounting.
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ArchiveTileSource } from '../../packages/tile-server/dist/store/archive_tile_source.js';
import { openArchive } from '../../packages/tile-server/dist/archive/open_archive.js';
import { createRequestListener } from '../../packages/tile-server/dist/http/create_app.js';
import { HealthState } from '../../packages/tile-server/dist/http/health.js';
import { silentLogger } from '../../packages/tile-server/dist/log.js';
import { defaultExamplesDir, defaultWidgetDir } from '../../packages/tile-server/dist/server/default_paths.js';
import { TileCache } from '../../packages/tile-server/dist/store/tile_cache.js';
import { TilesetRegistry } from '../../packages/tile-server/dist/store/tileset_registry.js';

const [archiveFile, cacheBytes] = process.argv.slice(2);
const cache = new TileCache(Number(cacheBytes));
const archive = await openArchive(archiveFile);
const metadata = await archive.metadata();
const source = new ArchiveTileSource('crawl', 'v1', archive, cache);
const title = { ko: 'crawl', en: 'crawl' };
const tileset = {
  id: 'crawl',
  title,
  description: undefined,
  minzoom: Number(metadata.minzoom),
  maxzoom: Number(metadata.maxzoom),
  bounds: [-180, -85, 180, 85],
  center: [0, 0, 0],
  attribution: '',
  layers: [],
  source,
  index: undefined,
  config: { id: 'crawl' },
};
const registry = new TilesetRegistry([tileset]);
const health = new HealthState();
health.ready = true;
const listener = createRequestListener({
  getRegistry: () => registry,
  logger: silentLogger(),
  health,
  widgetDir: defaultWidgetDir(),
  examplesDir: defaultExamplesDir(),
});
const server = createServer({ keepAliveTimeout: 60_000 }, listener);
server.listen(0, '127.0.0.1', () => process.send({ url: `http://127.0.0.1:${server.address().port}` }));

process.on('message', async (message) => {
  if (message !== 'measure') return;
  // Twice, with a pause: freed ArrayBuffers are released by a background sweeper after the collection.
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await sleep(50);
  }
  const stats = typeof cache.stats === 'function' ? cache.stats() : { bytes: cache.byteSize, tiles: cache.size, tileBytes: undefined, emptyTiles: undefined };
  process.send({ memory: process.memoryUsage(), cache: stats });
});
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close();
  void archive.close();
});
