import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Geometry } from 'geojson';
import { Compression, PMTiles, tileIdToZxy } from 'pmtiles';
import { writePmtiles } from '../../packages/tile-server/src/archive/pmtiles_writer.js';
import type { ArchiveMetadata } from '../../packages/tile-server/src/archive/archive_metadata.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildArchive, type ArchiveDescription } from '../../packages/tile-server/src/tiling/build_archive.js';
import type { TilingLayer } from '../../packages/tile-server/src/tiling/tiling_layer.js';
import { FeatureStore } from '../../packages/tile-server/src/ingest/feature_store.js';
import { silentProgress } from '../../packages/tile-server/src/tiling/progress.js';
import { fileRangeSource, openArchive, type ArchiveFormat } from '../../packages/tile-server/src/archive/open_archive.js';
import { decodeTile } from '../helpers/decode_tile.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'safemap-archive-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function points(count: number): Array<{ geometry: Geometry; properties: Record<string, unknown> }> {
  let state = 11;
  const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  // Spread over the whole peninsula so the max zoom has thousands of distinct tiles (leaf directories).
  return Array.from({ length: count }, (_, i) => ({
    geometry: { type: 'Point', coordinates: [126.3 + random() * 3, 34.6 + random() * 3.3] },
    properties: { 이름: `대피소 ${i}`, capacity: i % 500 },
  }));
}

const land: TilingLayer = {
  id: 'land',
  minzoom: 0,
  maxzoom: 9,
  // A large square: its inner tiles are identical, which the PMTiles writer must store once.
  store: FeatureStore.fromFeatures([{ geometry: { type: 'Polygon', coordinates: [[[126, 34], [130, 34], [130, 38], [126, 38], [126, 34]]] }, properties: {} }]),
};
const shelterFeatures = points(2500);
const shelters: TilingLayer = { id: 'shelters', minzoom: 0, maxzoom: 11, store: FeatureStore.fromFeatures(shelterFeatures) };
const description: ArchiveDescription = {
  name: 'test',
  generatorOptions: 'safemap build -z 11 shelters.csv',
  sources: [{ file: 'shelters.csv', sha256: 'a'.repeat(64), dataDates: ['2024-01-19'] }],
};

async function build(format: ArchiveFormat, name: string) {
  const file = path.join(dir, name);
  const result = await buildArchive([land, shelters], file, format, description, silentProgress);
  return { file, result };
}


function metadataOf(d: ArchiveDescription): ArchiveMetadata {
  return { name: d.name, description: d.name, attribution: '', minzoom: 0, maxzoom: 0, bounds: [126, 34, 130, 38], center: [128, 36, 5], vector_layers: [], generator: 'safemap test', generator_options: d.generatorOptions, sources: d.sources };
}

async function sha256(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

describe('PMTiles v3 writer', () => {
  it('round-trips through the pmtiles package reader: header, deduplicated tiles, every feature, metadata', async () => {
    const { file, result } = await build('pmtiles', 'a.pmtiles');
    const reader = new PMTiles(fileRangeSource(file), undefined, async (buffer, compression) => {
      expect(compression).toBe(Compression.Gzip);
      const out = gunzipSync(new Uint8Array(buffer));
      return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
    });
    const header = await reader.getHeader();
    expect(header.specVersion).toBe(3);
    expect(header.clustered).toBe(true);
    expect(header.tileCompression).toBe(Compression.Gzip);
    expect(header.internalCompression).toBe(Compression.Gzip);
    expect([header.minZoom, header.maxZoom]).toEqual([0, 11]);
    expect(header.numAddressedTiles).toBe(result.tiles);
    expect(header.numTileContents).toBeLessThan(header.numAddressedTiles);
    const metadata = (await reader.getMetadata()) as Record<string, unknown>;
    expect(metadata).toMatchObject({ generator: expect.stringMatching(/^safemap \d/), generator_options: description.generatorOptions, sources: description.sources });
    expect((metadata.vector_layers as Array<{ id: string }>).map((layer) => layer.id)).toEqual(['land', 'shelters']);
    let shelterCount = 0;
    const ours = await openArchive(file);
    for (const [z, x, y] of [[0, 0, 0], [5, 27, 12], [9, 436, 200]] as const) {
      const tile = await reader.getZxy(z, x, y);
      expect(tile, `${z}/${x}/${y}`).toBeDefined();
      // The official reader undoes the tile compression with our decompress function.
      expect(Buffer.from(new Uint8Array(tile!.data))).toEqual(Buffer.from((await ours.getTile(z, x, y))!));
    }
    // Only these columns and rows cover Korea; scan them through the official reader.
    for (let x = 1740; x <= 1765; x++) {
      for (let y = 790; y <= 820; y++) {
        const tile = await reader.getZxy(11, x, y);
        if (tile) shelterCount += decodeTile(new Uint8Array(tile.data), 11, x, y).shelters?.features.length ?? 0;
      }
    }
    await ours.close();
    expect(shelterCount).toBe(shelterFeatures.length);
  });

  it('writes leaf directories when the root would not fit in 16 KiB, and runs of identical tiles as one entry', async () => {
    const file = path.join(dir, 'leaves.pmtiles');
    // 6,000 distinct tiles of irregular sizes at irregular ids (so directories do not compress away), then a run of
    // 500 identical ones.
    let state = 5;
    const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const ids: number[] = [];
    for (let i = 0, id = 1000; i < 6_000; i++) ids.push((id += 2 + Math.floor(random() * 200_000)));
    const tiles = ids.map((tileId, i) => ({ tileId, data: gzipSync(`tile ${i} ${'.'.repeat(Math.floor(random() * 1000))}`) }));
    const runStart = ids.at(-1)! + 10;
    for (let i = 0; i < 500; i++) tiles.push({ tileId: runStart + i, data: gzipSync('same') });
    await writePmtiles(file, tiles, { ...metadataOf(description), minzoom: 0, maxzoom: 16 });
    const reader = new PMTiles(fileRangeSource(file));
    const header = await reader.getHeader();
    expect(header.leafDirectoryLength).toBeGreaterThan(0);
    expect(header.rootDirectoryLength).toBeLessThanOrEqual(16384 - 127);
    expect(header.numAddressedTiles).toBe(6_500);
    expect(header.numTileEntries).toBe(6_001);
    expect(header.numTileContents).toBe(6_001);
    for (const i of [0, 1, 2_999, 5_999]) {
      const [z, x, y] = tileIdToZxy(ids[i]!);
      expect(Buffer.from((await reader.getZxy(z, x, y))!.data).toString()).toMatch(new RegExp(`^tile ${i} `));
    }
    const [z, x, y] = tileIdToZxy(runStart + 321);
    expect(Buffer.from((await reader.getZxy(z, x, y))!.data).toString()).toBe('same');
    const [gz, gx, gy] = tileIdToZxy(ids[0]! + 1);
    expect(await reader.getZxy(gz, gx, gy)).toBeUndefined();
  }, 90_000);

  it('lays out tiles added in any order, of any size, every one intact and in tile-id order', async () => {
    const file = path.join(dir, 'shuffled.pmtiles');
    // Tiles arrive far from tile-id order, as a tiler's do, with gaps between neighbours in the side file, a few
    // larger than a layout window, and repeats stored once: each is gathered from wherever it landed.
    let state = 7;
    const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const count = 3_000;
    const order = Array.from({ length: count }, (_, i) => i).sort(() => random() - 0.5);
    const sizeOf = (i: number) => (i % 997 === 0 ? 5_000_000 + i : i % 50 === 0 ? 100_000 + i : 20 + Math.floor(random() * 2_000));
    const content = new Map<number, Buffer>();
    const tiles = order.map((i) => {
      const data = i % 11 === 0 ? Buffer.from('repeated tile') : Buffer.concat([Buffer.from(`tile ${i}:`), Buffer.alloc(sizeOf(i), i % 251)]);
      content.set(i, data);
      return { tileId: 100 + i * 3, data: new Uint8Array(data) };
    });
    await writePmtiles(file, tiles, { ...metadataOf(description), minzoom: 0, maxzoom: 8 });
    const reader = new PMTiles(fileRangeSource(file), undefined, async (buffer) => buffer);
    const header = await reader.getHeader();
    expect(header.clustered).toBe(true);
    expect(header.numTileContents).toBe(count - Math.ceil(count / 11) + 1);
    for (let i = 0; i < count; i++) {
      const [z, x, y] = tileIdToZxy(100 + i * 3);
      const tile = await reader.getZxy(z, x, y);
      expect(Buffer.from(tile!.data).equals(content.get(i)!), `tile ${i}`).toBe(true);
    }
    // Clustered: contents lie in tile-id order, so each tile's bytes start where the previous distinct one ended.
    const bytes = await readFile(file);
    let at = Number(header.tileDataOffset);
    for (let i = 0; i < count; i++) {
      if (i % 11 === 0 && i > 0) continue;
      expect(bytes.subarray(at, at + content.get(i)!.length).equals(content.get(i)!), `tile ${i} at ${at}`).toBe(true);
      at += content.get(i)!.length;
    }
  }, 90_000);

  it('is deterministic: the same input gives the same bytes', async () => {
    const first = await build('pmtiles', 'b1.pmtiles');
    const second = await build('pmtiles', 'b2.pmtiles');
    expect(await sha256(first.file)).toBe(await sha256(second.file));
  });
});

describe('MBTiles 1.3 and tile directories', () => {
  it('MBTiles: same bytes twice, metadata rows, and every tile read back', async () => {
    const { file, result } = await build('mbtiles', 'a.mbtiles');
    const again = await build('mbtiles', 'b.mbtiles');
    expect(await sha256(file)).toBe(await sha256(again.file));
    const archive = await openArchive(file);
    const metadata = await archive.metadata();
    expect(metadata).toMatchObject({ name: 'test', format: 'pbf', minzoom: '0', maxzoom: '11', generator: expect.stringMatching(/^safemap /) });
    expect(String(metadata.bounds).split(',').map(Number)).toHaveLength(4);
    expect(JSON.parse(String(metadata.json)).vector_layers[1].id).toBe('shelters');
    const top = await archive.getTile(0, 0, 0);
    expect(Object.keys(decodeTile(top!, 0, 0, 0))).toEqual(['land', 'shelters']);
    await archive.close();
    expect(result.tiles).toBeGreaterThan(500);
  });

  it('tile directory: z/x/y.mvt files, metadata.json, same bytes twice', async () => {
    const { file, result } = await build('directory', 'tiles-a');
    const again = await build('directory', 'tiles-b');
    const zooms = (await readdir(file)).filter((name) => /^\d+$/.test(name)).map(Number).sort((a, b) => a - b);
    expect(zooms).toEqual(Array.from({ length: 12 }, (_, z) => z));
    expect(JSON.parse(await readFile(path.join(file, 'metadata.json'), 'utf8')).sources).toEqual(description.sources);
    const tile = path.join('0', '0', '0.mvt');
    expect(await sha256(path.join(file, tile))).toBe(await sha256(path.join(again.file, tile)));
    expect((await stat(path.join(file, tile))).size).toBe(result.largest && (await readFile(path.join(file, tile))).length);
  });
});

describe('GDAL reads our archives', () => {
  const ogrinfo = ['/usr/bin/ogrinfo', '/usr/local/bin/ogrinfo'].find((candidate) => existsSync(candidate));

  it('ogrinfo opens the MBTiles and a .mvt of the directory, with layers, features and Hangul fields', async () => {
    if (!ogrinfo) {
      // CI installs gdal-bin: there, a missing ogrinfo is a failure, not a reason to skip.
      expect(process.env.CI, 'ogrinfo is missing in CI (apt-get install gdal-bin)').toBeFalsy();
      return;
    }
    const mbtiles = path.join(dir, 'gdal.mbtiles');
    // Few zooms: ogrinfo counts features by reading every tile.
    const small = (layer: TilingLayer): TilingLayer => ({ ...layer, maxzoom: 5 });
    await buildArchive([small(land), small(shelters)], mbtiles, 'mbtiles', description, silentProgress);
    const summary = execFileSync(ogrinfo, ['-ro', '-so', '-al', mbtiles], { encoding: 'utf8' });
    expect(summary).toMatch(/using driver `MBTiles' successful/);
    expect(summary).toMatch(/Layer name: shelters/);
    expect(summary).toMatch(/Layer name: land/);
    expect(summary).toMatch(/이름: String/);
    const tilesDir = path.join(dir, 'gdal-tiles');
    await buildArchive([shelters], tilesDir, 'directory', description, silentProgress);
    const column = (await readdir(path.join(tilesDir, '11')))[0]!;
    const row = (await readdir(path.join(tilesDir, '11', column)))[0]!;
    const run = spawnSync(ogrinfo, ['-ro', '-al', path.join(tilesDir, '11', column, row)], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/using driver `MVT' successful/);
    expect(run.stdout).toMatch(/Feature Count: [1-9]/);
    expect(run.stdout).toMatch(/이름 \(String\) = 대피소 \d+/);
  });
});
