import type { Geometry } from 'geojson';

export type PropertyValue = string | number | boolean;

/** A feature as SafeMap keeps it: WGS84 geometry and only the properties a layer may publish. */
export interface LayerFeature {
  /** Stable id within its layer: the position in the source file. */
  readonly id: number;
  readonly geometry: Geometry;
  readonly properties: Readonly<Record<string, PropertyValue>>;
}
