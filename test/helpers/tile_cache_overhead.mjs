// Measures what a cached tile and a remembered empty tile really cost this process, beyond the bytes the tile cache
// sees: run `node --expose-gc test/helpers/tile_cache_overhead.mjs` (after `npm run build`). Prints one JSON line;
// packages/tile-server/src/store/tile_cache.ts and empty_tiles.ts document the figures, and
// test/http/tile_cache_memory.test.ts checks the constants there are never below them.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { EmptyTiles } from '../../packages/tile-server/dist/store/empty_tiles.js';
import { encodedFromGzip } from '../../packages/tile-server/dist/store/encoded_tile.js';
import { TileCache } from '../../packages/tile-server/dist/store/tile_cache.js';

const TILES = 40_000;
const EMPTY_IDS = 400_000;

async function settle() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await sleep(50);
  }
  const { heapUsed, arrayBuffers, rss } = process.memoryUsage();
  return { heap: heapUsed + arrayBuffers, rss };
}

// Tiles as an archive hands them over: gzip bytes of a small MVT-sized payload, each in a buffer of its own. All are
// made first and kept to the end, so no memory they free can be reused by the cache and hide its cost.
const template = gzipSync(randomBytes(64));
const sources = Array.from({ length: 2 * TILES }, () => new Uint8Array(template));
const cache = new TileCache(Number.MAX_SAFE_INTEGER);
const version = TileCache.version('cameras', '0123456789abcdef');
const fill = (from, to) => {
  for (let i = from; i < to; i++) cache.set(version, 14, 13900 + (i % 256), 6300 + Math.floor(i / 256), encodedFromGzip(sources[i]));
};
// The first half grows V8's young generation and the Map to their working size; only the second half is measured.
fill(0, TILES);
const half = await settle();
fill(TILES, 2 * TILES);
const full = await settle();
const perTile = (bytes) => Math.round(bytes / TILES - template.length);

const empties = [];
const emptyBefore = await settle();
for (let round = 0; round < 10; round++) {
  const set = new EmptyTiles(Number.MAX_SAFE_INTEGER, 14);
  for (let i = 0; i < EMPTY_IDS / 10; i++) set.add(round * 1_000_003 + i * 7);
  empties.push(set);
}
const emptyAfter = await settle();
process.stdout.write(
  `${JSON.stringify({
    node: process.version,
    arch: process.arch,
    tiles: TILES,
    perTileBytes: perTile(full.heap - half.heap),
    perTileBytesByRss: perTile(full.rss - half.rss),
    accountedPerTile: Math.round(cache.byteSize / (2 * TILES) - template.length),
    emptyIds: EMPTY_IDS,
    perEmptyIdBytes: Math.round((emptyAfter.heap - emptyBefore.heap) / EMPTY_IDS),
    perEmptyIdBytesByRss: Math.round((emptyAfter.rss - emptyBefore.rss) / EMPTY_IDS),
    accountedPerEmptyId: Math.round(empties.reduce((sum, set) => sum + set.cost, 0) / EMPTY_IDS),
    kept: sources.length + empties.length,
  })}\n`,
);
