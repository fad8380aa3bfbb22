import type { Geometry, Position } from 'geojson';
import type { LayerData } from '../ingest/read_layer.js';

const METERS_PER_DEGREE = 111_320;

/**
 * Snaps a WGS84 position to a grid of `gridMeters` on the ground: latitude in steps of that many metres, longitude in
 * steps as wide at the snapped latitude. Many positions in one cell become one position, so no tile, look-up or
 * zoom level can reveal more than the cell.
 */
export function snapPosition(position: Position, gridMeters: number): Position {
  const [lon, lat] = position as [number, number];
  const latStep = gridMeters / METERS_PER_DEGREE;
  const snappedLat = round(Math.round(lat / latStep) * latStep);
  const lonStep = gridMeters / (METERS_PER_DEGREE * Math.max(Math.cos((snappedLat * Math.PI) / 180), 1e-6));
  return [round(Math.round(lon / lonStep) * lonStep), snappedLat];
}

/** A layer's features with every coordinate snapped to its precision grid; unchanged when the layer sets none. */
export function snapLayerToGrid(data: LayerData): LayerData {
  const gridMeters = data.layer.precision?.gridMeters;
  if (gridMeters === undefined) return data;
  return { ...data, features: data.features.map((feature) => ({ ...feature, geometry: snapGeometry(feature.geometry, gridMeters) })) };
}

function snapGeometry(geometry: Geometry, grid: number): Geometry {
  const snap = (position: Position) => snapPosition(position, grid);
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: snap(geometry.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: geometry.coordinates.map(snap) };
    case 'LineString':
      return { type: 'LineString', coordinates: geometry.coordinates.map(snap) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: geometry.coordinates.map((line) => line.map(snap)) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(snap)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(snap))) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: geometry.geometries.map((part) => snapGeometry(part, grid)) };
  }
}

/** Drops float noise from the grid arithmetic so equal cells give byte-equal coordinates. */
function round(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
