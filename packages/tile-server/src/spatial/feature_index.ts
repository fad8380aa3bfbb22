import RBush from 'rbush';
import type { Geometry, Position } from 'geojson';
import type { LayerFeature } from '../source/layer_feature.js';

export type BBox = readonly [west: number, south: number, east: number, north: number];

interface IndexItem {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  readonly layer: string;
  readonly feature: LayerFeature;
}

/** R-tree over every feature of a tile set: answers "what is here" for tiles, bbox queries and id look-ups. */
export class FeatureIndex {
  private readonly tree = new RBush<IndexItem>();
  private readonly byLayer = new Map<string, readonly LayerFeature[]>();
  private readonly extent: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];

  constructor(layers: ReadonlyArray<{ id: string; features: readonly LayerFeature[] }>) {
    const items: IndexItem[] = [];
    for (const { id, features } of layers) {
      this.byLayer.set(id, features);
      for (const feature of features) {
        const [minX, minY, maxX, maxY] = geometryBBox(feature.geometry);
        items.push({ minX, minY, maxX, maxY, layer: id, feature });
        this.extent[0] = Math.min(this.extent[0], minX);
        this.extent[1] = Math.min(this.extent[1], minY);
        this.extent[2] = Math.max(this.extent[2], maxX);
        this.extent[3] = Math.max(this.extent[3], maxY);
      }
    }
    this.tree.load(items);
  }

  /** Features whose bounding box intersects `bbox`, optionally of one layer, at most `limit`. */
  search(bbox: BBox, options: { layer?: string; limit?: number } = {}): Array<{ layer: string; feature: LayerFeature }> {
    const [minX, minY, maxX, maxY] = bbox;
    const hits = this.tree.search({ minX, minY, maxX, maxY });
    const out: Array<{ layer: string; feature: LayerFeature }> = [];
    for (const item of hits) {
      if (options.layer !== undefined && item.layer !== options.layer) continue;
      out.push({ layer: item.layer, feature: item.feature });
      if (options.limit !== undefined && out.length >= options.limit) break;
    }
    return out;
  }

  /** True when any feature of the given layers touches `bbox`: lets the server answer empty tiles without slicing. */
  intersects(bbox: BBox, layers?: ReadonlySet<string>): boolean {
    const [minX, minY, maxX, maxY] = bbox;
    if (!layers) return this.tree.collides({ minX, minY, maxX, maxY });
    return this.tree.search({ minX, minY, maxX, maxY }).some((item) => layers.has(item.layer));
  }

  get(layer: string, id: number): LayerFeature | undefined {
    return this.byLayer.get(layer)?.[id];
  }

  /** Every feature with one representative point (a point itself, else its bounding box centre), layer by layer. */
  *entries(): Iterable<{ layer: string; id: number; lon: number; lat: number; properties: LayerFeature['properties'] }> {
    for (const [layer, features] of this.byLayer) {
      for (const feature of features) {
        const g = feature.geometry;
        const [w, s, e, n] = g.type === 'Point' ? [g.coordinates[0]!, g.coordinates[1]!, g.coordinates[0]!, g.coordinates[1]!] : geometryBBox(g);
        const [lon, lat] = [(w + e) / 2, (s + n) / 2];
        yield { layer, id: feature.id, lon, lat, properties: feature.properties };
      }
    }
  }

  /** Bounds of all indexed features, or undefined when there are none. */
  bounds(): BBox | undefined {
    return Number.isFinite(this.extent[0]) ? [...this.extent] : undefined;
  }
}

export function geometryBBox(geometry: Geometry): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (position: Position): void => {
    const [x, y] = position as [number, number];
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
  };
  switch (geometry.type) {
    case 'Point':
      visit(geometry.coordinates);
      break;
    case 'MultiPoint':
    case 'LineString':
      geometry.coordinates.forEach(visit);
      break;
    case 'MultiLineString':
    case 'Polygon':
      geometry.coordinates.forEach((line) => line.forEach(visit));
      break;
    case 'MultiPolygon':
      geometry.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(visit)));
      break;
    case 'GeometryCollection':
      geometry.geometries.forEach((part) => {
        const [a, b, c, d] = geometryBBox(part);
        visit([a, b]);
        visit([c, d]);
      });
      break;
  }
  return box;
}
