import type { Feature, Geometry, Position } from 'geojson';
import type { LayerConfig } from '../catalog/catalog_schema.js';
import { SafeMapError } from '../errors.js';
import { normalizeCrs, toWgs84, type ToWgs84 } from './crs.js';
import { decodeText } from './decode_text.js';
import type { LayerFeature } from './layer_feature.js';
import { publishProperties } from './publish_properties.js';
import type { SourceProblem } from './source_problem.js';

const acceptedTypes: Record<LayerConfig['geometry'], ReadonlySet<string>> = {
  point: new Set(['Point', 'MultiPoint']),
  line: new Set(['LineString', 'MultiLineString']),
  polygon: new Set(['Polygon', 'MultiPolygon']),
};

/** Reads a GeoJSON FeatureCollection or newline-delimited GeoJSON into WGS84 features of the layer's geometry kind. */
export function readGeojson(
  bytes: Uint8Array,
  layer: LayerConfig,
  file: string,
  format: 'geojson' | 'ndjson',
): { features: LayerFeature[]; problems: SourceProblem[] } {
  const { text } = decodeText(bytes, layer.source.encoding);
  const { features: input, crs } = format === 'ndjson' ? parseNdjson(text, file) : parseCollection(text, file);
  const project = toWgs84(crs ?? layer.source.crs);
  const features: LayerFeature[] = [];
  const problems: SourceProblem[] = [];
  input.forEach((feature, index) => {
    const geometry = feature?.geometry;
    if (!geometry || !acceptedTypes[layer.geometry].has(geometry.type)) {
      problems.push({ file, feature: index, reason: `expected ${layer.geometry} geometry, got ${geometry ? geometry.type : 'none'}` });
      return;
    }
    const projected = projectGeometry(geometry, project);
    if (!projected) {
      problems.push({ file, feature: index, reason: 'invalid or out-of-range coordinates' });
      return;
    }
    features.push({ id: features.length, geometry: projected, properties: publishProperties(layer, feature.properties ?? {}) });
  });
  return { features, problems };
}

function parseCollection(text: string, file: string): { features: Feature[]; crs: string | undefined } {
  let json: { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SafeMapError('SOURCE_INVALID', `${file}: not valid JSON (${(error as Error).message})`, { file });
  }
  if (json?.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    throw new SafeMapError('SOURCE_INVALID', `${file}: expected a GeoJSON FeatureCollection`, { file });
  }
  const name = json.crs?.properties?.name;
  return { features: json.features as Feature[], crs: typeof name === 'string' ? normalizeCrs(name) : undefined };
}

function parseNdjson(text: string, file: string): { features: Feature[]; crs: undefined } {
  const features: Feature[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      features.push(JSON.parse(line) as Feature);
    } catch {
      throw new SafeMapError('SOURCE_INVALID', `${file}:${index + 1}: not a JSON feature`, { file, line: index + 1 });
    }
  });
  return { features, crs: undefined };
}

function projectGeometry(geometry: Geometry, project: ToWgs84): Geometry | undefined {
  const point = (position: Position): Position | undefined => {
    const [x, y] = position;
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return undefined;
    const [lon, lat] = project(x, y);
    return Math.abs(lon) <= 180 && Math.abs(lat) <= 85.06 ? [lon, lat] : undefined;
  };
  const line = (positions: Position[]): Position[] | undefined => {
    if (!Array.isArray(positions)) return undefined;
    const out = positions.map(point);
    return out.every((p): p is Position => p !== undefined) ? out : undefined;
  };
  const lines = (rings: Position[][]): Position[][] | undefined => {
    if (!Array.isArray(rings)) return undefined;
    const out = rings.map(line);
    return out.every((r): r is Position[] => r !== undefined) ? out : undefined;
  };
  switch (geometry.type) {
    case 'Point': {
      const coordinates = point(geometry.coordinates);
      return coordinates && { type: 'Point', coordinates };
    }
    case 'MultiPoint': {
      const coordinates = line(geometry.coordinates);
      return coordinates && { type: 'MultiPoint', coordinates };
    }
    case 'LineString': {
      const coordinates = line(geometry.coordinates);
      return coordinates && coordinates.length >= 2 ? { type: 'LineString', coordinates } : undefined;
    }
    case 'MultiLineString': {
      const coordinates = lines(geometry.coordinates);
      return coordinates && { type: 'MultiLineString', coordinates };
    }
    case 'Polygon': {
      const coordinates = lines(geometry.coordinates);
      return coordinates && { type: 'Polygon', coordinates };
    }
    case 'MultiPolygon': {
      if (!Array.isArray(geometry.coordinates)) return undefined;
      const polygons = geometry.coordinates.map(lines);
      return polygons.every((p): p is Position[][] => p !== undefined) ? { type: 'MultiPolygon', coordinates: polygons } : undefined;
    }
    default:
      return undefined;
  }
}
