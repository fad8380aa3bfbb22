import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Geometry } from 'geojson';
import { FeatureStore } from '../../packages/tile-server/src/ingest/feature_store.js';
import { tileLayers, type BuiltTile, type TileOptions } from '../../packages/tile-server/src/tiling/tile_layers.js';
import { MAX_TILE_BYTES, type TilingLayer } from '../../packages/tile-server/src/tiling/tiling_layer.js';

type BuildFeature = { geometry: Geometry; properties: Record<string, unknown> };
type BuildLayer = { id: string; minzoom: number; maxzoom: number; features: BuildFeature[] };

/** Every tile of the layers, through the engine's tiling step, collected in memory. */
async function buildTiles(layers: BuildLayer[], options: TileOptions = {}) {
  const tiles: BuiltTile[] = [];
  const tiling: TilingLayer[] = layers.map((layer) => ({ id: layer.id, minzoom: layer.minzoom, maxzoom: layer.maxzoom, store: FeatureStore.fromFeatures(layer.features) }));
  const stats = await tileLayers(tiling, options, (tile) => void tiles.push(tile));
  return { tiles: tiles.sort((a, b) => a.tileId - b.tileId), stats };
}
import { SafeMapError } from '../../packages/tile-server/src/errors.js';

/** Seeded points around a few Korean cities, so failures reproduce. */
function cityPoints(count: number, seed = 7, spread = 0.05, extra: Record<string, unknown> = {}): BuildFeature[] {
  let state = seed;
  const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const cities = [
    [126.978, 37.566],
    [129.075, 35.18],
    [128.6, 35.87],
  ] as const;
  return Array.from({ length: count }, (_, i) => {
    const [lon, lat] = cities[i % cities.length]!;
    return {
      geometry: { type: 'Point', coordinates: [lon + (random() - 0.5) * spread, lat + (random() - 0.5) * spread] },
      properties: { name: `카메라 ${i}`, cameras: (i % 4) + 1, ...extra },
    };
  });
}

function decode(data: Uint8Array) {
  return new VectorTile(new PbfReader(data));
}

describe('buildTiles: points', () => {
  const layer: BuildLayer = { id: 'cctv', minzoom: 0, maxzoom: 12, features: cityPoints(20_000) };
  let tiles: BuiltTile[];
  let stats: Awaited<ReturnType<typeof buildTiles>>['stats'];
  beforeAll(async () => {
    ({ tiles, stats } = await buildTiles([layer]));
  });

  it('keeps every accepted feature at the max zoom, each exactly once with its properties', () => {
    const ids = new Set<number>();
    let count = 0;
    for (const tile of tiles.filter((t) => t.z === 12)) {
      const decoded = decode(tile.data).layers.cctv!;
      for (let i = 0; i < decoded.length; i++) {
        const feature = decoded.feature(i);
        expect(feature.properties.cluster).toBeUndefined();
        ids.add(feature.id as number);
        count++;
      }
    }
    expect(count).toBe(layer.features.length);
    expect(ids.size).toBe(layer.features.length);
  });

  it('clusters lower zooms with point_count adding up to every feature, and fewer features per tile', () => {
    for (const z of [0, 5, 9]) {
      let total = 0;
      let features = 0;
      for (const tile of tiles.filter((t) => t.z === z)) {
        const decoded = decode(tile.data).layers.cctv!;
        features += decoded.length;
        for (let i = 0; i < decoded.length; i++) total += (decoded.feature(i).properties.point_count as number | undefined) ?? 1;
      }
      expect(total).toBe(layer.features.length);
      expect(features).toBeLessThan(layer.features.length / 4);
    }
    expect(decode(tiles.find((t) => t.z === 0)!.data).layers.cctv!.feature(0).properties).toMatchObject({ cluster: true });
  });

  it('places max-zoom points within a pixel of their position and keeps Hangul intact', () => {
    const tile = tiles.find((t) => t.z === 12)!;
    const decoded = decode(tile.data).layers.cctv!;
    const feature = decoded.feature(0);
    const geojson = feature.toGeoJSON(tile.x, tile.y, tile.z) as { geometry: { coordinates: number[] } };
    const source = layer.features[feature.id as number]!.geometry as { coordinates: number[] };
    expect(Math.abs(geojson.geometry.coordinates[0]! - source.coordinates[0]!)).toBeLessThan(360 / 2 ** 12 / 4096 * 2);
    expect(feature.properties.name).toBe(`카메라 ${feature.id}`);
    expect(feature.properties.name).toBe((feature.properties.name as string).normalize('NFC'));
  });

  it('reports tiles per zoom and the largest tile, and gives the same bytes twice', async () => {
    expect(stats.tilesPerZoom[0]).toBe(1);
    expect(Object.keys(stats.tilesPerZoom)).toHaveLength(13);
    expect(stats.largest!.bytes).toBe(Math.max(...tiles.map((t) => t.data.length)));
    const again = (await buildTiles([layer])).tiles;
    expect(again.map((t) => Buffer.from(t.data).toString('base64'))).toEqual(tiles.map((t) => Buffer.from(t.data).toString('base64')));
  });
});

describe('buildTiles: cluster grids by density', () => {
  /** A square lattice of points 12 px apart (on 512 px tiles) at z10 near Busan, so it clusters on 16 px cells only. */
  function lattice(side: number): BuildFeature[] {
    const step = (360 / 1024 / 512) * 12;
    return Array.from({ length: side * side }, (_, i) => ({
      geometry: { type: 'Point', coordinates: [129 + (i % side) * step, 35.1 + Math.floor(i / side) * step] },
      properties: { n: i },
    }));
  }
  const atZoom = (tiles: BuiltTile[], layer: string, z: number) =>
    tiles.filter((t) => t.z === z).flatMap((t) => {
      const found = decode(t.data).layers[layer];
      return found ? Array.from({ length: found.length }, (_, i) => found.feature(i).properties) : [];
    });

  it('keeps a sparse layer single on 8 px cells and counts a dense one (over 2,000 features) on 16 px cells', async () => {
    const { tiles } = await buildTiles([
      { id: 'shelters', minzoom: 8, maxzoom: 14, features: lattice(40) },
      { id: 'cameras', minzoom: 8, maxzoom: 14, features: lattice(50) },
    ]);
    const shelters = atZoom(tiles, 'shelters', 10);
    expect(shelters).toHaveLength(1600);
    expect(shelters.filter((p) => p.point_count !== undefined)).toHaveLength(0);
    const cameras = atZoom(tiles, 'cameras', 10);
    expect(cameras.filter((p) => p.point_count !== undefined).length).toBeGreaterThan(250);
    expect(cameras.length).toBeLessThan(2500 * 0.8);
    expect(cameras.reduce((sum, p) => sum + Number(p.point_count ?? 1), 0)).toBe(2500);
  });
});

describe('buildTiles: the 500 KB cap', () => {
  it('thins a low-zoom tile that would exceed the cap further and reports it', async () => {
    // Four-unit cells keep nearly every point at low zooms; long properties make that far over 500 KB.
    const features = cityPoints(12_000, 3, 0.5, { note: 'x'.repeat(60) }).map((f, i) => ({ ...f, properties: { ...f.properties, note: `${i}:${'가'.repeat(20)}` } }));
    const { tiles, stats } = await buildTiles([{ id: 'dense', minzoom: 0, maxzoom: 14, features }], { clusterCell: 4 });
    expect(stats.thinned.length).toBeGreaterThan(0);
    expect(stats.thinned[0]!.bytesBefore).toBeGreaterThan(MAX_TILE_BYTES);
    for (const tile of tiles) expect(tile.data.length).toBeLessThanOrEqual(MAX_TILE_BYTES);
    expect(tiles.filter((t) => t.z === 14).reduce((sum, t) => sum + decode(t.data).layers.dense!.length, 0)).toBe(features.length);
  });

  it('keeps a crowded max-zoom tile whole, with every feature, and reports it', async () => {
    const features = crowded(6000);
    const { tiles, stats } = await buildTiles([{ id: 'crowded', minzoom: 10, maxzoom: 10, features }]);
    expect(tiles).toHaveLength(1);
    expect(tiles[0]!.data.length).toBeGreaterThan(MAX_TILE_BYTES);
    expect(decode(tiles[0]!.data).layers.crowded!.length).toBe(6000);
    expect(stats.dense).toEqual([{ z: 10, x: tiles[0]!.x, y: tiles[0]!.y, bytes: tiles[0]!.data.length }]);
  });

  it('refuses a max-zoom tile over the hard cap rather than dropping features, naming the tile', async () => {
    const features = crowded(20_000);
    await expect(buildTiles([{ id: 'crowded', minzoom: 10, maxzoom: 10, features }])).rejects.toThrowError(SafeMapError);
    await expect(buildTiles([{ id: 'crowded', minzoom: 10, maxzoom: 10, features }])).rejects.toThrowError(/crowded: tile 10\/\d+\/\d+ .* raise the max zoom/);
  });
});

/** Points a metre or so apart with long texts: thousands of them make one tile far over 500 KB. */
function crowded(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    geometry: { type: 'Point' as const, coordinates: [129 + (i % 100) * 1e-5, 35 + Math.floor(i / 100) * 1e-5] },
    properties: { text: `${i}-${'나'.repeat(40)}` },
  }));
}

describe('buildTiles: lines and layers', () => {
  it('simplifies lines at low zooms and keeps every vertex at the max zoom', async () => {
    const coordinates = Array.from({ length: 2000 }, (_, i) => [129 + i * 0.0001, 35.1 + Math.sin(i / 5) * 0.0003]);
    const route: BuildLayer = { id: 'routes', minzoom: 4, maxzoom: 14, features: [{ geometry: { type: 'LineString', coordinates }, properties: { name: '안심귀갓길' } }] };
    const { tiles } = await buildTiles([route]);
    const vertices = (z: number) =>
      tiles.filter((t) => t.z === z).reduce((sum, t) => {
        const layer = decode(t.data).layers.routes!;
        let n = 0;
        for (let i = 0; i < layer.length; i++) n += layer.feature(i).loadGeometry().reduce((s, ring) => s + ring.length, 0);
        return sum + n;
      }, 0);
    expect(vertices(6)).toBeLessThan(100);
    expect(vertices(14)).toBeGreaterThanOrEqual(2000);
    expect(decode(tiles.find((t) => t.z === 4)!.data).layers.routes!.feature(0).properties.name).toBe('안심귀갓길');
  });

  it('joins layers into one tile and leaves a layer out below its min zoom', async () => {
    const points: BuildLayer = { id: 'bells', minzoom: 8, maxzoom: 10, features: cityPoints(50) };
    const area: BuildLayer = {
      id: 'land',
      minzoom: 0,
      maxzoom: 10,
      features: [{ geometry: { type: 'Polygon', coordinates: [[[128.5, 34.9], [129.5, 34.9], [129.5, 35.5], [128.5, 35.5], [128.5, 34.9]]] }, properties: {} }],
    };
    const { tiles } = await buildTiles([area, points]);
    const busan = tiles.find((t) => t.z === 10 && Object.keys(decode(t.data).layers).length === 2);
    expect(busan).toBeDefined();
    expect(Object.keys(decode(busan!.data).layers)).toEqual(['land', 'bells']);
    expect(tiles.filter((t) => t.z < 8).every((t) => Object.keys(decode(t.data).layers).join() === 'land')).toBe(true);
  });
});

describe('buildTiles: point positions are rounded to the nearest tile unit', () => {
  it('every decoded max-zoom point lies within half a unit of its true position, with no north-west bias', async () => {
    const features = cityPoints(2_000, 11);
    const { tiles } = await buildTiles([{ id: 'p', minzoom: 14, maxzoom: 14, features }]);
    const world = 4096 * 2 ** 14;
    const truth = (index: number) => {
      const [lon, lat] = (features[index]!.geometry as unknown as { coordinates: [number, number] }).coordinates;
      const sin = Math.sin((lat * Math.PI) / 180);
      return [((lon + 180) / 360) * world, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * world];
    };
    let [sumX, sumY, n] = [0, 0, 0];
    for (const tile of tiles) {
      const layer = decode(tile.data).layers.p!;
      for (let i = 0; i < layer.length; i++) {
        const feature = layer.feature(i);
        const [point] = feature.loadGeometry()[0]!;
        const [x, y] = truth(feature.id as number);
        const dx = tile.x * 4096 + point!.x - x!;
        const dy = tile.y * 4096 + point!.y - y!;
        expect(Math.max(Math.abs(dx), Math.abs(dy))).toBeLessThanOrEqual(0.5 + 1e-6);
        [sumX, sumY, n] = [sumX + dx, sumY + dy, n + 1];
      }
    }
    expect(n).toBe(2_000);
    // Flooring gives a mean of −0.5 units on each axis; rounding about 0.
    expect(Math.abs(sumX / n)).toBeLessThan(0.05);
    expect(Math.abs(sumY / n)).toBeLessThan(0.05);
  });
});

describe('tileLayers: waiting for the consumer', () => {
  it('makes no further tile while the consumer has not taken the last one', async () => {
    const features = Array.from({ length: 40 }, (_, i) => ({ geometry: { type: 'Point' as const, coordinates: [126 + i * 0.05, 36] }, properties: {} }));
    const store = FeatureStore.fromFeatures(features);
    const seen: BuiltTile[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const done = tileLayers([{ id: 'cctv', minzoom: 8, maxzoom: 10, store }], {}, (tile) => {
      seen.push(tile);
      return seen.length === 1 ? held : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toHaveLength(1);
    release();
    const stats = await done;
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.length).toBe(Object.values(stats.tilesPerZoom).reduce((sum, n) => sum + n, 0));
  });
});

describe('buildTiles: national text columns', () => {
  it('writes every unique address and id whole, as kept split into a shared prefix and its own ending', async () => {
    // Past 65,536 distinct values a column is stored as text, and values ending in a number keep their prefix apart.
    const count = 70_000;
    const features = cityPoints(count, 11, 0.2).map((feature, i) => ({
      ...feature,
      properties: { id: `CCTV-${String(i).padStart(8, '0')}`, address: `부산광역시 해운대구 센텀로 ${i}`, plain: `카메라 ${i}번` },
    }));
    const { tiles } = await buildTiles([{ id: 'cctv', minzoom: 14, maxzoom: 14, features }]);
    const wrong: number[] = [];
    let seen = 0;
    for (const tile of tiles) {
      const decoded = decode(tile.data).layers.cctv!;
      for (let i = 0; i < decoded.length; i++) {
        const { id, address, plain } = decoded.feature(i).properties as Record<string, string>;
        const n = Number(id!.slice('CCTV-'.length));
        seen++;
        if (address !== `부산광역시 해운대구 센텀로 ${n}` || plain !== `카메라 ${n}번`) wrong.push(n);
      }
    }
    expect(seen).toBe(count);
    expect(wrong).toEqual([]);
  });
});
