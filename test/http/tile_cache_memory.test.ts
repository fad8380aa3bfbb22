import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet } from '../helpers/http_get.js';
import { cliBin, ensureServerBuilt, repoRoot } from '../helpers/server_process.js';

/**
 * A crawler asks for 50,000 distinct tiles and 25,000 distinct empty ones from a server whose tile cache may hold
 * 8 MiB. The server runs in a process of its own under --expose-gc, so after full collections the growth of
 * `process.memoryUsage().arrayBuffers` is what the server keeps in buffers: it must never exceed what the cache
 * accounts for, and the process must stay within a bound set by the limit.
 */
const CACHE_BYTES = 8 * 1024 * 1024;
const Z = 14;
/** A block of 256 × 200 tiles at zoom 14 over Korea, each holding one to three points; only zoom 14 is built. */
const BLOCK = { x: 13900, y: 6300, width: 256, height: 200 };
/** Tiles below the block, where there is nothing. */
const EMPTY_Y = 6600;
const CRAWLED = 50_000;
const CRAWLED_EMPTY = 25_000;

let dir = '';
let child: ChildProcess | undefined;
let url = '';

interface Measure {
  memory: NodeJS.MemoryUsage;
  cache: { bytes: number; tiles: number; tileBytes?: number; emptyTiles?: number };
}

/** Deterministic pseudo-random numbers, so every run crawls the same archive. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function lonOf(x: number): number {
  return (x / 2 ** Z) * 360 - 180;
}

function latOf(y: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** Z))) * 180) / Math.PI;
}

/** One to three points inside every tile of the block, away from its edges so no neighbour picks them up. */
function pointsCsv(): string {
  const random = mulberry32(20261130);
  const rows = ['name,kind,lat,lon'];
  let n = 0;
  for (let y = BLOCK.y; y < BLOCK.y + BLOCK.height; y++) {
    for (let x = BLOCK.x; x < BLOCK.x + BLOCK.width; x++) {
      const count = 1 + Math.floor(random() * 3);
      for (let i = 0; i < count; i++) {
        const fx = x + 0.2 + random() * 0.6;
        const fy = y + 0.2 + random() * 0.6;
        rows.push(`camera ${n++},${random() < 0.5 ? 'street' : 'park'},${latOf(fy).toFixed(7)},${lonOf(fx).toFixed(7)}`);
      }
    }
  }
  return `${rows.join('\n')}\n`;
}

function ask(message: 'measure'): Promise<Measure> {
  return new Promise((resolve) => {
    child!.once('message', (reply) => resolve(reply as Measure));
    child!.send(message);
  });
}

/** Requests every path, `concurrency` at a time over keep-alive connections; returns the status counts. */
async function crawl(paths: readonly string[], concurrency: number): Promise<Map<string, number>> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const { hostname, port } = new URL(url);
  const statuses = new Map<string, number>();
  let next = 0;
  const one = (tilePath: string, gzip: boolean) =>
    new Promise<void>((resolve, reject) => {
      const req = request({ host: hostname, port, path: tilePath, agent, headers: gzip ? { 'Accept-Encoding': 'gzip' } : {} }, (res) => {
        const key = `${res.statusCode} ${gzip ? 'gzip' : 'plain'}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        res.resume();
        res.on('end', resolve);
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  const worker = async () => {
    while (next < paths.length) {
      const index = next++;
      // Most clients take gzip; one in fifty does not and gets the tile inflated for it.
      await one(paths[index]!, index % 50 !== 0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return statuses;
}

beforeAll(async () => {
  ensureServerBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'safemap-cache-crawl-'));
  const csv = path.join(dir, 'cameras.csv');
  const archive = path.join(dir, 'cameras.pmtiles');
  await writeFile(csv, pointsCsv());
  const build = spawnSync(process.execPath, [cliBin, 'build', '-q', '-f', '-Z', String(Z), '-z', String(Z), '--lat', 'lat', '--lon', 'lon', '-o', archive, csv], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
  child = fork(path.join(repoRoot, 'test/helpers/tile_cache_server.mjs'), [archive, String(CACHE_BYTES)], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  url = await new Promise<string>((resolve, reject) => {
    child!.once('message', (message) => resolve((message as { url: string }).url));
    child!.once('exit', (code) => reject(new Error(`the tile server exited with ${code}`)));
  });
}, 300_000);

afterAll(async () => {
  child?.disconnect();
  child?.kill();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('tile cache memory under a crawler', () => {
  it('sends the stored gzip bytes, inflates them for clients without gzip, each with its own strong ETag', async () => {
    const tilePath = `/tiles/crawl/${Z}/${BLOCK.x + 3}/${BLOCK.y + 5}.mvt`;
    const gzipped = await httpGet(url, tilePath, { 'Accept-Encoding': 'gzip' });
    const plain = await httpGet(url, tilePath);
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    expect(plain.headers['content-length']).toBe(String(plain.body.length));
    expect(plain.headers.vary).toBe('Accept-Encoding');
    const [gzipEtag, plainEtag] = [String(gzipped.headers.etag), String(plain.headers.etag)];
    expect(plainEtag).toMatch(/^"[^"]+"$/);
    expect(plainEtag).not.toBe(gzipEtag);
    expect((await httpGet(url, tilePath)).headers.etag, 'the same bytes, the same validator').toBe(plainEtag);
    expect((await httpGet(url, tilePath, { 'If-None-Match': plainEtag })).status).toBe(304);
    // A validator of one representation never validates the other.
    expect((await httpGet(url, tilePath, { 'If-None-Match': gzipEtag })).status).toBe(200);
    expect((await httpGet(url, tilePath, { 'Accept-Encoding': 'gzip', 'If-None-Match': plainEtag })).status).toBe(200);
    expect((await httpGet(url, tilePath, { 'Accept-Encoding': 'gzip', 'If-None-Match': gzipEtag })).status).toBe(304);
  });

  it('holds no more than it accounts for, within its limit, across 50,000 distinct tiles and 25,000 empty ones', async () => {
    const random = mulberry32(7);
    const full: string[] = [];
    const empty: string[] = [];
    for (let i = 0; i < BLOCK.width * BLOCK.height; i++) {
      full.push(`/tiles/crawl/${Z}/${BLOCK.x + (i % BLOCK.width)}/${BLOCK.y + Math.floor(i / BLOCK.width)}.mvt`);
      empty.push(`/tiles/crawl/${Z}/${BLOCK.x + (i % BLOCK.width)}/${EMPTY_Y + Math.floor(i / BLOCK.width)}.mvt`);
    }
    // A crawler's order: shuffled, tiles and empty tiles interleaved, each asked for once.
    const paths = [...full.slice(0, CRAWLED), ...empty.slice(0, CRAWLED_EMPTY)];
    for (let i = paths.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [paths[i], paths[j]] = [paths[j]!, paths[i]!];
    }
    // A first few hundred requests open the archive's directories and warm the server before the baseline.
    await crawl(full.slice(-300), 8);
    const before = await ask('measure');
    const statuses = await crawl(paths, 8);
    const after = await ask('measure');

    const plain = Math.ceil(paths.length / 50);
    expect((statuses.get('200 gzip') ?? 0) + (statuses.get('200 plain') ?? 0), JSON.stringify([...statuses])).toBe(CRAWLED);
    expect((statuses.get('204 gzip') ?? 0) + (statuses.get('204 plain') ?? 0)).toBe(CRAWLED_EMPTY);
    expect(statuses.get('200 plain') ?? 0).toBeGreaterThan(plain / 4);

    const arrayBuffers = after.memory.arrayBuffers - before.memory.arrayBuffers;
    const rss = after.memory.rss - before.memory.rss;
    const heap = after.memory.heapUsed - before.memory.heapUsed;
    const figures = {
      arrayBuffersGrowth: arrayBuffers,
      accountedBytes: after.cache.bytes,
      tileBytes: after.cache.tileBytes,
      tiles: after.cache.tiles,
      emptyTiles: after.cache.emptyTiles,
      heapGrowth: heap,
      rssGrowth: rss,
      rssAfter: after.memory.rss,
    };
    console.info(`tile cache crawl: ${JSON.stringify(figures)}`);
    expect(after.cache.bytes, 'accounted bytes stay within the limit').toBeLessThanOrEqual(CACHE_BYTES);
    // What buffers the process really holds after the crawl is never more than the cache says it holds…
    expect(arrayBuffers, JSON.stringify(figures)).toBeLessThanOrEqual(after.cache.bytes);
    // …and the cache's count of tile bytes is those buffers (1 MiB of slack for sockets and the archive reader).
    expect(Math.abs(arrayBuffers - (after.cache.tileBytes ?? 0)), JSON.stringify(figures)).toBeLessThan(1024 * 1024);
    // The limit is used (tiles are really cached) and empty tiles take a few tens of bytes each, not an entry.
    expect(after.cache.tiles, JSON.stringify(figures)).toBeGreaterThan(3_000);
    expect(after.cache.emptyTiles ?? 0, JSON.stringify(figures)).toBeGreaterThan(5_000);
    // Heap and RSS grow by no more than the cache's limit plus the reader's directory caches and allocator slack.
    expect(heap + arrayBuffers, JSON.stringify(figures)).toBeLessThan(CACHE_BYTES + 16 * 1024 * 1024);
    expect(rss, JSON.stringify(figures)).toBeLessThan(4 * CACHE_BYTES + 64 * 1024 * 1024);
  }, 600_000);

  it('charges each cached tile and empty tile at least what it costs the process', () => {
    const run = spawnSync(process.execPath, ['--expose-gc', path.join(repoRoot, 'test/helpers/tile_cache_overhead.mjs')], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const measured = JSON.parse(run.stdout) as Record<string, number>;
    console.info(`tile cache overhead: ${run.stdout.trim()}`);
    // The V8 heap's share is exact after collections; RSS also sees malloc'd backing-store records, and moves a little.
    expect(measured.accountedPerTile, run.stdout).toBeGreaterThanOrEqual(measured.perTileBytes!);
    expect(measured.accountedPerTile, run.stdout).toBeGreaterThanOrEqual(0.9 * measured.perTileBytesByRss!);
    expect(measured.accountedPerEmptyId, run.stdout).toBeGreaterThanOrEqual(measured.perEmptyIdBytes!);
  }, 120_000);
});
