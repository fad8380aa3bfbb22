import { execFileSync } from 'node:child_process';
import type { FeatureCollection, Position } from 'geojson';

/** Runs ogr2ogr (GDAL) with the given arguments; fixtures of shapefile, GeoPackage, FlatGeobuf, KML and XLSX come from it. */
export function ogr2ogr(args: readonly string[]): void {
  execFileSync('ogr2ogr', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** GDAL's own reading of a file, reprojected to WGS84: the reference every reader's positions are compared with. */
export function gdalGeojson(file: string, extra: readonly string[] = []): FeatureCollection {
  const text = execFileSync('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4326', '-lco', 'COORDINATE_PRECISION=12', ...extra, '/vsistdout/', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(text) as FeatureCollection;
}

/** Every position of a geometry, flattened in order. */
export function positionsOf(geometry: unknown): Position[] {
  const out: Position[] = [];
  const walk = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number') out.push([value[0], value[1] as number]);
    else value.forEach(walk);
  };
  const g = geometry as { coordinates?: unknown; geometries?: unknown[] } | null;
  if (g?.geometries) g.geometries.forEach((member) => out.push(...positionsOf(member)));
  else walk(g?.coordinates);
  return out;
}

/** The largest difference, in degrees, between two lists of positions of the same length. */
export function maxDifference(a: readonly Position[], b: readonly Position[]): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let max = 0;
  a.forEach((position, index) => {
    max = Math.max(max, Math.abs(position[0]! - b[index]![0]!), Math.abs(position[1]! - b[index]![1]!));
  });
  return max;
}
