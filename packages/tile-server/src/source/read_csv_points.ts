import { parse } from 'csv-parse/sync';
import type { LayerConfig } from '../catalog/catalog_schema.js';
import { toWgs84 } from './crs.js';
import { decodeText } from './decode_text.js';
import { detectCoordinateColumns } from './detect_coordinate_columns.js';
import type { LayerFeature } from './layer_feature.js';
import { publishProperties } from './publish_properties.js';
import type { SourceProblem } from './source_problem.js';

/** Reads a CSV of point rows (any Korean standard layout) into WGS84 point features. */
export function readCsvPoints(bytes: Uint8Array, layer: LayerConfig, file: string): { features: LayerFeature[]; problems: SourceProblem[] } {
  const { text } = decodeText(bytes, layer.source.encoding);
  const rows = parse(text, { relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as Array<{
    record: string[];
    info: { lines: number };
  }>;
  const headerRow = rows.shift();
  if (!headerRow) return { features: [], problems: [{ file, line: 1, reason: 'the file is empty' }] };
  const header = uniqueHeader(headerRow.record);
  const columns = detectCoordinateColumns(header, layer.source.columns ?? {}, file);
  const project = toWgs84(layer.source.crs);
  const [first, second] = columns.kind === 'latlon' ? [columns.lon, columns.lat] : [columns.x, columns.y];
  const firstIndex = header.indexOf(first);
  const secondIndex = header.indexOf(second);

  const features: LayerFeature[] = [];
  const problems: SourceProblem[] = [];
  for (const { record, info } of rows) {
    const a = parseNumber(record[firstIndex]);
    const b = parseNumber(record[secondIndex]);
    if (a === undefined || b === undefined) {
      problems.push({ file, line: info.lines, reason: `unparseable coordinates (${first}=${JSON.stringify(record[firstIndex] ?? '')}, ${second}=${JSON.stringify(record[secondIndex] ?? '')})` });
      continue;
    }
    const [lon, lat] = project(a, b);
    if (!(Math.abs(lat) <= 85.05 && Math.abs(lon) <= 180)) {
      problems.push({ file, line: info.lines, reason: `coordinates out of range (${lon}, ${lat})` });
      continue;
    }
    const raw: Record<string, string> = Object.create(null);
    header.forEach((name, index) => {
      raw[name] = record[index] ?? '';
    });
    features.push({ id: features.length, geometry: { type: 'Point', coordinates: [lon, lat] }, properties: publishProperties(layer, raw) });
  }
  return { features, problems };
}

/** Trims names and suffixes duplicates (`name`, `name_2`), since exports repeat and pad headers. */
export function uniqueHeader(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name, index) => {
    const base = name.replace(/^\uFEFF/, '').trim() || `column_${index + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}_${count}`;
  });
}

function parseNumber(cell: string | undefined): number | undefined {
  if (cell === undefined) return undefined;
  const text = cell.trim().replace(/\u2212/g, '-');
  if (text === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}
