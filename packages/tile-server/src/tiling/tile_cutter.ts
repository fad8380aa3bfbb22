import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature } from 'geojson';
import type { LayerFeature } from '../ingest/layer_feature.js';
import type { TileCoords } from './tile_coords.js';
import './pbf_utf8_fix.js';

/** Tile geometry resolution: 4096 units per tile side, the MVT convention. */
export const TILE_EXTENT = 4096;

export interface CutterLayer {
  readonly id: string;
  readonly minzoom: number;
  readonly maxzoom: number;
  readonly features: readonly LayerFeature[];
}

/** Slices each layer with geojson-vt and encodes one multi-layer MVT per tile. */
export class TileCutter {
  private readonly layers: ReadonlyArray<{ layer: CutterLayer; slicer: GeoJSONVT }>;

  constructor(layers: readonly CutterLayer[], maxzoom: number) {
    this.layers = layers.map((layer) => ({
      layer,
      slicer: new GeoJSONVT(
        { type: 'FeatureCollection', features: layer.features.map(toGeojson) },
        {
          maxZoom: maxzoom,
          // Tiles below this zoom are pre-sliced at start-up; deeper ones on first request.
          indexMaxZoom: 5,
          indexMaxPoints: 100000,
          tolerance: 3,
          extent: TILE_EXTENT,
          buffer: 64,
        },
      ),
    }));
  }

  /** Encoded MVT bytes, or undefined when no layer has a feature in this tile. */
  cut({ z, x, y }: TileCoords): Uint8Array | undefined {
    const tiles: Record<string, GeoJSONVTTile> = {};
    let any = false;
    for (const { layer, slicer } of this.layers) {
      if (z < layer.minzoom || z > layer.maxzoom) continue;
      const tile = slicer.getTile(z, x, y);
      if (!tile || tile.features.length === 0) continue;
      tiles[layer.id] = tile;
      any = true;
    }
    return any ? fromGeojsonVt(tiles, { version: 2, extent: TILE_EXTENT }) : undefined;
  }
}

function toGeojson(feature: LayerFeature): Feature {
  return { type: 'Feature', id: feature.id, geometry: feature.geometry, properties: { ...feature.properties } };
}
