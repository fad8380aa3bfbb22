import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature, Geometry, Position } from 'geojson';
import { worldX, worldY } from './tile_coords.js';
import { EXTENT, type EmitLayerTile, type TilingLayer } from './tiling_layer.js';

/** Part of a tile searched around each feature's bounding box, matching geojson-vt's 64/4096 buffer. */
const BUFFER = 64 / EXTENT;

/**
 * Tiles a line, polygon or mixed layer with geojson-vt, which clips and simplifies per zoom (Douglas–Peucker,
 * tolerance 3 of 4096 below the max zoom, none at it). Tiles of a zoom are visited in a fixed order, so output is
 * stable. Feature ids are positions in the layer's store, as in point layers.
 */
export class ShapeTiler {
  private readonly slicer: GeoJSONVT;
  private readonly boxes: Array<[number, number, number, number] | undefined>;

  constructor(private readonly layer: TilingLayer) {
    const store = layer.store;
    const features: Feature[] = [];
    for (let id = 0; id < store.length; id++) features.push({ type: 'Feature', id, geometry: store.geometry(id), properties: { ...store.properties(id) } });
    this.slicer = new GeoJSONVT({ type: 'FeatureCollection', features }, { maxZoom: layer.maxzoom, indexMaxZoom: 0, tolerance: 3, extent: EXTENT, buffer: 64 });
    this.boxes = features.map((feature) => worldBox(feature.geometry));
  }

  /** Emits every non-empty tile of zoom `z` (any order of zooms); returns the number of tiles. */
  async tilesAt(z: number, emit: EmitLayerTile): Promise<number> {
    if (z < this.layer.minzoom || z > this.layer.maxzoom) return 0;
    const n = 2 ** z;
    const candidates = new Set<number>();
    for (const box of this.boxes) {
      if (!box) continue;
      const x0 = clampTile(Math.floor((box[0] - BUFFER / n) * n), n);
      const x1 = clampTile(Math.floor((box[2] + BUFFER / n) * n), n);
      const y0 = clampTile(Math.floor((box[1] - BUFFER / n) * n), n);
      const y1 = clampTile(Math.floor((box[3] + BUFFER / n) * n), n);
      for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) candidates.add(x * n + y);
    }
    let tiles = 0;
    for (const key of [...candidates].sort((a, b) => a - b)) {
      const x = Math.floor(key / n);
      const y = key - x * n;
      const tile = this.slicer.getTile(z, x, y);
      if (!tile || tile.features.length === 0) continue;
      const wait = emit(z, x, y, fromGeojsonVt({ [this.layer.id]: tile }, { version: 2, extent: EXTENT }));
      if (wait) await wait;
      tiles++;
    }
    return tiles;
  }
}

function clampTile(value: number, n: number): number {
  return Math.max(0, Math.min(n - 1, value));
}

/** Bounding box in the unit world square (x right, y down), or undefined for an empty geometry. */
function worldBox(geometry: Geometry): [number, number, number, number] | undefined {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (position: Position) => {
    const x = worldX(position[0]!);
    const y = worldY(position[1]!);
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
  };
  const walk = (g: Geometry): void => {
    switch (g.type) {
      case 'Point':
        return visit(g.coordinates);
      case 'MultiPoint':
      case 'LineString':
        return g.coordinates.forEach(visit);
      case 'MultiLineString':
      case 'Polygon':
        return g.coordinates.forEach((line) => line.forEach(visit));
      case 'MultiPolygon':
        return g.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(visit)));
      case 'GeometryCollection':
        return g.geometries.forEach(walk);
    }
  };
  walk(geometry);
  return box[0] <= box[2] ? box : undefined;
}
