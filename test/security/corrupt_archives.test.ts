import Database from 'better-sqlite3';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../packages/tile-server/src/archive/open_archive.js';
import { buildArchive } from '../../packages/tile-server/src/tiling/build_archive.js';
import { publishCatalog as buildCatalog } from '../../packages/tile-server/src/publish/publish_catalog.js';
import type { TilingLayer } from '../../packages/tile-server/src/tiling/tiling_layer.js';
import { FeatureStore } from '../../packages/tile-server/src/ingest/feature_store.js';
import { silentProgress } from '../../packages/tile-server/src/tiling/progress.js';
import { loadCatalog } from '../../packages/tile-server/src/catalog/load_catalog.js';
import { readPointer } from '../../packages/tile-server/src/publish/publish_pointer.js';
import { flipBit, overwriteStart, truncateInPlace, versionOf, writePointerFile } from '../helpers/corrupt_files.js';
import { httpGet } from '../helpers/http_get.js';
import { makeMarkerCatalogue, MARKER_REGION, tileOf, tilesInRegion, writeMarkedSources, type MarkerCatalogue } from '../helpers/marker_catalogue.js';
import { ensureServerBuilt, startServerProcess, type ServerProcess } from '../helpers/server_process.js';
import { tileMarkers, tilePathFrom } from '../helpers/tile_markers.js';

/** Each refused tile set: how its published archive is damaged, and what the log must say about it. */
const refusedCases = [
  { id: 'pm-truncated', what: 'PMTiles cut to 60 % of its length', reason: /truncated/i },
  { id: 'pm-header-cut', what: 'PMTiles cut inside its 127-byte header', reason: /truncated/i },
  { id: 'pm-bitflip', what: 'PMTiles with one bit flipped in its tile data', reason: /sha-?256|does not match/i },
  { id: 'pm-magic', what: 'PMTiles with a wrong magic number', reason: /magic/i },
  { id: 'mb-truncated', what: 'MBTiles cut in half', reason: /truncated/i },
  { id: 'mb-bitflip', what: 'MBTiles with one bit flipped', reason: /sha-?256|does not match|malformed|corrupt/i },
  { id: 'mb-magic', what: 'MBTiles with a wrong magic number', reason: /magic|not an sqlite/i },
  { id: 'mb-no-tiles', what: 'MBTiles without its tiles table', reason: /\btiles\b.*table|table.*\btiles\b/i },
  { id: 'mb-no-metadata', what: 'MBTiles without its metadata table', reason: /\bmetadata\b.*table|table.*\bmetadata\b/i },
  { id: 'dir-stray', what: 'a tile directory holding a file that is not a tile', reason: /not a tile/i },
] as const;
/** Intact archives of each kind, published the same way: proof the checks refuse damage, not formats. */
const intact = ['good', 'mb-good', 'dir-good'] as const;

let fixture: MarkerCatalogue | undefined;
let server: ServerProcess | undefined;
/** The damaged file of each refused tile set, as the log must name it. */
const damaged = new Map<string, string>();

beforeAll(async () => {
  ensureServerBuilt();
  fixture = await makeMarkerCatalogue([...intact, ...refusedCases.map((c) => c.id)], 3, 12);
  const { dir, catalog } = fixture;
  for (const id of [...intact, ...refusedCases.map((c) => c.id)]) await writeMarkedSources(dir, id, id, 40);
  // Every tile set is first published normally (PMTiles), then some are re-pointed at another format and damaged.
  await buildCatalog(await loadCatalog(catalog), { progress: silentProgress });
  const publishDir = path.join(dir, 'published');
  const configHashOf = async (id: string) => {
    const pointer = (await readPointer(path.join(publishDir, id)))!;
    const archive = await openArchive(path.join(publishDir, id, pointer.archive));
    try {
      return String((await archive.metadata()).config_sha256);
    } finally {
      await archive.close();
    }
  };
  const otherFormat = async (id: string, format: 'mbtiles' | 'directory') => {
    const tilesetDir = path.join(publishDir, id);
    const staged = path.join(tilesetDir, format === 'mbtiles' ? 'staged.mbtiles' : 'staged-dir');
    await buildArchive(markedLayers(id), staged, format, { name: id, generatorOptions: 'test', sources: [], configHash: await configHashOf(id) }, silentProgress);
    const version = format === 'mbtiles' ? await versionOf(staged) : 'd1';
    const archive = `versions/${version}${format === 'mbtiles' ? '.mbtiles' : ''}`;
    await rename(staged, path.join(tilesetDir, archive));
    await writePointerFile(tilesetDir, { version, archive, history: [] });
    return path.join(tilesetDir, archive);
  };
  const published = async (id: string) => {
    const tilesetDir = path.join(publishDir, id);
    return path.join(tilesetDir, (await readPointer(tilesetDir))!.archive);
  };

  await otherFormat('mb-good', 'mbtiles');
  await otherFormat('dir-good', 'directory');
  for (const { id } of refusedCases) {
    const file = id.startsWith('mb-') ? await otherFormat(id, 'mbtiles') : id.startsWith('dir-') ? await otherFormat(id, 'directory') : await published(id);
    damaged.set(id, file);
    const size = id.startsWith('dir-') ? 0 : (await stat(file)).size;
    if (id === 'pm-truncated' || id === 'mb-truncated') await truncateInPlace(file, Math.floor(size * (id === 'mb-truncated' ? 0.5 : 0.6)));
    if (id === 'pm-header-cut') await truncateInPlace(file, 64);
    if (id === 'pm-bitflip') await flipBit(file, size - 20, 3);
    if (id === 'mb-bitflip') await flipBit(file, Math.floor(size * 0.75), 5);
    if (id === 'pm-magic') await overwriteStart(file, Buffer.from('XXTiles'));
    if (id === 'mb-magic') await overwriteStart(file, Buffer.from('NOT A DATABASE!\0'));
    if (id === 'mb-no-tiles' || id === 'mb-no-metadata') {
      const db = new Database(file);
      db.exec(id === 'mb-no-tiles' ? 'DROP TABLE tiles' : 'DROP TABLE metadata');
      db.close();
      // The version is made to match the altered bytes: the refusal must come from the missing table itself.
      const tilesetDir = path.dirname(path.dirname(file));
      const version = await versionOf(file);
      const renamed = path.join(tilesetDir, `versions/${version}.mbtiles`);
      await rename(file, renamed);
      await writePointerFile(tilesetDir, { version, archive: `versions/${version}.mbtiles`, history: [] });
      damaged.set(id, renamed);
    }
    if (id === 'dir-stray') {
      const [z] = (await readdir(file)).filter((name) => /^\d+$/.test(name));
      await writeFile(path.join(file, z!, 'notes.txt'), 'copied here by mistake\n');
    }
  }
  server = await startServerProcess(catalog, [], { LOG_LEVEL: 'info' });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (fixture) await rm(fixture.dir, { recursive: true, force: true });
});

/** Points and the region polygon of tile set `id`, every feature marked with the id, as a BuildLayer list. */
function markedLayers(id: string): TilingLayer[] {
  const { west, south, east, north } = MARKER_REGION;
  const points = Array.from({ length: 40 }, (_, i) => ({
    geometry: { type: 'Point' as const, coordinates: [west + ((i * 37) % 100) / 500, south + ((i * 53) % 100) / 700] },
    properties: { name: `bell ${i}`, marker: id },
  }));
  const zone = { geometry: { type: 'Polygon' as const, coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] }, properties: { marker: id } };
  return [
    { id: 'bells', minzoom: 8, maxzoom: 12, store: FeatureStore.fromFeatures(points) },
    { id: 'zone', minzoom: 8, maxzoom: 12, store: FeatureStore.fromFeatures([zone]) },
  ];
}

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

function logLines(): LogLine[] {
  return server!
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

async function tileJsonOf(id: string) {
  const response = await httpGet(server!.url, `/tiles/${id}.json`);
  return { status: response.status, json: response.status === 200 ? (JSON.parse(response.body.toString('utf8')) as { tiles: string[]; 'safemap:version': string }) : undefined, response };
}

describe('corrupt archives are refused at load; the server keeps serving the rest', () => {
  it('serves the intact tile sets of every kind, and stays up and ready', async () => {
    expect(server!.alive()).toBe(true);
    expect((await httpGet(server!.url, '/readyz')).status).toBe(200);
    for (const id of intact) {
      const { status, json } = await tileJsonOf(id);
      expect(status, `${id}: TileJSON`).toBe(200);
      for (const { z, x, y } of tilesInRegion(1, 12)) {
        const response = await httpGet(server!.url, tilePathFrom(json!.tiles[0]!, z, x, y), { 'Accept-Encoding': 'gzip' });
        expect(response.status, `${id} ${z}/${x}/${y}`).toBe(200);
        expect(tileMarkers(response, z, x, y)).toEqual([id]);
      }
    }
    const catalog = JSON.parse((await httpGet(server!.url, '/catalog')).body.toString('utf8')) as { tilesets: Array<{ id: string }> };
    expect(catalog.tilesets.map((tileset) => tileset.id).sort()).toEqual([...intact].sort());
    // None of the intact archives was refused.
    const refusedIds = logLines().filter((line) => line.code === 'ARCHIVE_INVALID').map((line) => line.tileset);
    expect(refusedIds.filter((id) => (intact as readonly string[]).includes(String(id)))).toEqual([]);
  });

  it.each(refusedCases)('$id ($what): refused at load, the log names the file and the reason; its tiles answer 503 problem+json', async ({ id, reason }) => {
    const file = damaged.get(id)!;
    const refusal = logLines().find((line) => line.tileset === id && line.code === 'ARCHIVE_INVALID');
    expect(refusal, `a log line refusing ${id}`).toBeDefined();
    expect(refusal!.level).toBeGreaterThanOrEqual(50);
    expect(refusal!.file).toBe(file);
    expect(refusal!.msg).toContain(file);
    expect(refusal!.msg).toMatch(reason);

    const { z, x, y } = tilesInRegion(1, 12)[2]!;
    for (const tilePath of [`/tiles/${id}/${z}/${x}/${y}.mvt`, `/tiles/${id}.json`, `/styles/${id}.json`]) {
      const response = await httpGet(server!.url, tilePath);
      expect(response.status, tilePath).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      const body = response.body.toString('utf8');
      expect(JSON.parse(body)).toMatchObject({ status: 503, code: 'TILESET_UNAVAILABLE' });
      // The server's file layout stays in its log, never in a response.
      expect(body).not.toContain(fixture!.dir);
    }
    expect(server!.alive()).toBe(true);
  });

  it('an archive truncated in place while served: the server keeps serving the copy it verified, whole; the next publish is picked up', async () => {
    const before = (await tileJsonOf('good')).json!;
    const tilesetDir = path.join(fixture!.dir, 'published', 'good');
    const pointer = (await readPointer(tilesetDir))!;
    const file = path.join(tilesetDir, pointer.archive);
    const warm = tilesInRegion(1, 12)[0]!;
    expect((await httpGet(server!.url, tilePathFrom(before.tiles[0]!, warm.z, warm.x, warm.y))).status).toBe(200);

    // An in-place overwrite (same inode): a reader holding the published file open would lose the bytes it indexed.
    // The server reads a private copy it hashed at load instead, so every tile, cached or not, is still whole.
    await truncateInPlace(file, 2048);
    const { west, south, east, north } = MARKER_REGION;
    let read = 0;
    for (const z of [11, 12]) {
      const min = tileOf(west, north, z);
      const max = tileOf(east, south, z);
      for (let x = min.x; x <= max.x; x++) {
        for (let y = min.y; y <= max.y; y++) {
          const response = await httpGet(server!.url, tilePathFrom(before.tiles[0]!, z, x, y), { 'Accept-Encoding': 'gzip' });
          expect([200, 204], `${z}/${x}/${y}`).toContain(response.status);
          if (response.status === 200) {
            expect(tileMarkers(response, z, x, y)).toEqual(['good']);
            read += 1;
          }
        }
      }
    }
    expect(read, 'tiles never requested before were read after the damage').toBeGreaterThan(4);
    expect(server!.alive()).toBe(true);

    // The fix is a publish: a new file and a pointer switch, which the server picks up without a restart.
    await writeMarkedSources(fixture!.dir, 'good', 'good-2', 40);
    const [result] = await buildCatalog(await loadCatalog(fixture!.catalog), { progress: silentProgress, only: ['good'] });
    const version = result!.publish.version;
    let after = before;
    for (let i = 0; i < 100 && after['safemap:version'] !== version; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = (await tileJsonOf('good')).json!;
    }
    expect(after['safemap:version']).toBe(version);
    for (const { z, x, y } of tilesInRegion(1, 12)) {
      const response = await httpGet(server!.url, tilePathFrom(after.tiles[0]!, z, x, y), { 'Accept-Encoding': 'gzip' });
      expect(response.status).toBe(200);
      expect(tileMarkers(response, z, x, y)).toEqual(['good-2']);
    }
  }, 60_000);

  it('a corrupt archive published over a good one is refused on reload, and the last good version keeps serving', async () => {
    const tilesetDir = path.join(fixture!.dir, 'published', 'good');
    const live = (await readPointer(tilesetDir))!;
    const before = (await tileJsonOf('good')).json!;
    expect(before['safemap:version']).toBe(live.version);
    // A copy of the live archive with one bit flipped, under the name of its intact bytes, pointed at by hand.
    const liveFile = path.join(tilesetDir, live.archive);
    const copy = path.join(tilesetDir, 'versions', 'copy.pmtiles');
    await writeFile(copy, await readFile(liveFile));
    await flipBit(copy, (await stat(copy)).size - 30, 1);
    const fake = `${live.version.slice(0, 15)}${live.version.endsWith('0') ? '1' : '0'}`;
    const fakeFile = path.join(tilesetDir, 'versions', `${fake}.pmtiles`);
    await rename(copy, fakeFile);
    await writePointerFile(tilesetDir, { version: fake, archive: `versions/${fake}.pmtiles`, history: [live.version] });

    let refusal: LogLine | undefined;
    for (let i = 0; i < 100 && !refusal; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      refusal = logLines().find((line) => line.code === 'ARCHIVE_INVALID' && line.file === fakeFile);
    }
    expect(refusal, 'the reload refused the corrupt archive').toBeDefined();
    const now = (await tileJsonOf('good')).json!;
    expect(now['safemap:version']).toBe(live.version);
    const { z, x, y } = tilesInRegion(1, 12)[3]!;
    const response = await httpGet(server!.url, tilePathFrom(now.tiles[0]!, z, x, y), { 'Accept-Encoding': 'gzip' });
    expect(response.status).toBe(200);
    expect(tileMarkers(response, z, x, y)).toEqual(['good-2']);
    // Other tile sets were reloaded normally alongside.
    expect((await tileJsonOf('mb-good')).status).toBe(200);
    expect(server!.alive()).toBe(true);
  }, 30_000);
});
