import type { Position } from 'geojson';
import { SafeMapError } from '../errors.js';
import { normalizeCrs, toWgs84 } from './crs.js';
import { decodeText } from './decode_text.js';
import { cleanHeader } from './clean_header.js';
import { DataDates, isDataDateField, parseDataDate } from './data_dates.js';
import { crsRequiredError, looksProjected } from './detect_crs.js';
import { detectVertexColumns } from './detect_vertex_columns.js';
import type { FileRead } from './file_read.js';
import type { IngestOptions, IngestedFeature, ValidationProblem } from './ingest_types.js';
import { looksKorean } from './korea_region.js';
import { parseCsvRows, type CsvRow } from './parse_csv_rows.js';
import { pointCells } from './point_cells.js';
import { isEmptyCell, parseCoordinate, typeCell } from './type_cell.js';

interface PlacedRow {
  line: number;
  cells: string[];
  x: number;
  y: number;
  precision: number;
}

const progressEvery = 10_000;

/**
 * Reads a CSV of points (one row per point) or of line vertices (id, sequence, coordinates) into WGS84 features.
 * Projected coordinates without a declared CRS are refused before anything is returned.
 */
export function readCsvSource(bytes: Uint8Array, file: string, options: IngestOptions): FileRead {
  const { text, encoding } = decodeText(bytes, options.encoding ?? 'auto');
  const rows = parseCsvRows(text, file);
  const first = rows.next();
  if (first.done) throw new SafeMapError('SOURCE_INVALID', `${file}: the file is empty`, { file });
  const { names: header, duplicates } = cleanHeader(first.value.cells);
  const problems: ValidationProblem[] = duplicates.map(({ original, renamed, column }) => ({
    file,
    line: first.value.line,
    kind: 'duplicate-header',
    severity: 'warning',
    quarantined: false,
    reason: `column ${column} repeats the name "${original}"; it is read as "${renamed}"`,
  }));
  // Peeked by hand: breaking out of a for…of would close the generator.
  const firstRows: CsvRow[] = [];
  for (let next = rows.next(); !next.done; next = firstRows.length < 5 ? rows.next() : { done: true, value: undefined }) firstRows.push(next.value);
  const sample = firstRows.find((row) => row.cells.some((cell) => /POINT/i.test(cell)))?.cells;
  const points = pointCells(header, options, file, sample);
  const vertices = detectVertexColumns(header, options.geometry, file);
  const { xName, yName } = points;
  const dateIndexes = header.flatMap((name, index) => (isDataDateField(name) ? [index] : []));

  const placed: PlacedRow[] = [];
  const koreanSample: string[] = [...header];
  let count = 0;
  for (const { line, cells } of chain(firstRows, rows)) {
    if (cells.every((cell) => cell.trim() === '')) continue;
    count += 1;
    if (count <= 50) koreanSample.push(...cells);
    if (count % progressEvery === 0) options.onProgress?.({ step: 'read', file, done: count });
    const { xCell, yCell, x, y } = points.read(cells);
    if (x === undefined || y === undefined) {
      problems.push(unplaceable(file, line, [xName, xCell], [yName, yCell], x === undefined));
      continue;
    }
    placed.push({ line, cells, x, y, precision: Math.min(decimals(xCell ?? ''), decimals(yCell ?? '')) });
  }
  options.onProgress?.({ step: 'read', file, done: count, total: count });

  const crs = chooseCrs(placed, options, file);
  const project = toWgs84(crs);
  const dates = new DataDates();
  const rowFeatures = placed.map((row) => {
    const properties: Record<string, string | number | boolean> = Object.create(null);
    header.forEach((name, index) => {
      const value = typeCell(row.cells[index] ?? '');
      if (value !== undefined) properties[name] = value;
    });
    for (const index of dateIndexes) {
      const date = parseDataDate(row.cells[index]);
      if (date) dates.add(date, { line: row.line });
    }
    if (crs === 'EPSG:4326' && row.precision <= 2 && !(row.x === 0 && row.y === 0)) {
      problems.push({
        file,
        line: row.line,
        kind: 'low-precision',
        severity: 'warning',
        quarantined: false,
        reason: 'coordinates have 2 decimals or fewer: placed within about 1 km at best',
      });
    }
    const position: Position = project(row.x, row.y);
    return { row, position, properties };
  });

  let features: IngestedFeature[];
  if (vertices) {
    features = assembleLines(rowFeatures, vertices, header, points.columns, file, problems);
  } else {
    features = rowFeatures.map(({ row, position, properties }) => ({
      geometry: { type: 'Point', coordinates: position },
      properties,
      origin: { file, line: row.line },
    }));
  }
  const korean = looksKorean(koreanSample) || /^EPSG:(5174|2097|5179|518[1-8])$/.test(crs);
  return { features, problems, format: 'csv', encoding, crs, rows: count, header, dates, korean };
}

/** Why a row has no position: an empty cell, text, or a header row repeated where two exports were concatenated. */
function unplaceable(file: string, line: number, x: [string, string | undefined], y: [string, string | undefined], xBad: boolean): ValidationProblem {
  const [name, cell] = xBad ? x : y;
  const words = [x[1], y[1]].every((value) => value !== undefined && value.trim() !== '' && !/\d/.test(value));
  if (words) {
    return { file, line, kind: 'repeated-header', severity: 'warning', quarantined: true, reason: `a header row inside the data (${JSON.stringify(x[1])}, ${JSON.stringify(y[1])}): files joined together?` };
  }
  if (isEmptyCell(x[1]) && isEmptyCell(y[1])) {
    return { file, line, kind: 'missing-coordinates', severity: 'error', quarantined: true, reason: `${y[0]} and ${x[0]} are empty` };
  }
  if (isEmptyCell(cell)) return { file, line, kind: 'missing-coordinates', severity: 'error', quarantined: true, reason: `${name} is empty` };
  return { file, line, kind: 'unparseable-number', severity: 'error', quarantined: true, reason: `${name} ${JSON.stringify(cell)} is not a number` };
}

function chooseCrs(placed: readonly PlacedRow[], options: IngestOptions, file: string): string {
  if (options.crs) return normalizeCrs(options.crs);
  const sample = placed.slice(0, 2000).map((row) => [row.x, row.y] as const);
  if (looksProjected(sample)) throw crsRequiredError(file, sample);
  return 'EPSG:4326';
}

function assembleLines(
  rows: ReadonlyArray<{ row: PlacedRow; position: Position; properties: Record<string, string | number | boolean> }>,
  vertices: { id: string; sequence: string },
  header: readonly string[],
  coordinateColumns: readonly string[],
  file: string,
  problems: ValidationProblem[],
): IngestedFeature[] {
  const idIndex = header.indexOf(vertices.id);
  const sequenceIndex = header.indexOf(vertices.sequence);
  const groups = new Map<string, Array<{ sequence: number; line: number; position: Position; properties: Record<string, string | number | boolean> }>>();
  for (const { row, position, properties } of rows) {
    const id = (row.cells[idIndex] ?? '').trim();
    const sequence = parseCoordinate(row.cells[sequenceIndex]);
    if (id === '' || sequence === undefined) {
      const [name, cell] = id === '' ? [vertices.id, row.cells[idIndex]] : [vertices.sequence, row.cells[sequenceIndex]];
      problems.push({ file, line: row.line, kind: id === '' ? 'missing-field' : 'unparseable-number', severity: 'error', quarantined: true, reason: `${name} ${JSON.stringify(cell ?? '')} cannot place this vertex in a line` });
      continue;
    }
    let group = groups.get(id);
    if (!group) groups.set(id, (group = []));
    group.push({ sequence, line: row.line, position, properties });
  }
  const features: IngestedFeature[] = [];
  const dropped = new Set([...coordinateColumns, vertices.sequence]);
  for (const [id, group] of groups) {
    group.sort((a, b) => a.sequence - b.sequence || a.line - b.line);
    const firstLine = Math.min(...group.map((vertex) => vertex.line));
    const coordinates = group.map((vertex) => vertex.position);
    const distinct = new Set(coordinates.map(([x, y]) => `${x},${y}`)).size;
    if (distinct < 2) {
      problems.push({ file, line: firstLine, kind: 'invalid-geometry', severity: 'error', quarantined: true, reason: `line ${JSON.stringify(id)} has ${distinct} distinct vertex; at least 2 are needed` });
      continue;
    }
    const properties: Record<string, string | number | boolean> = Object.create(null);
    for (const [key, value] of Object.entries(group[0]!.properties)) if (!dropped.has(key)) properties[key] = value;
    features.push({ geometry: { type: 'LineString', coordinates }, properties, origin: { file, line: firstLine } });
  }
  return features;
}

function* chain<T>(first: readonly T[], rest: Iterator<T>): Generator<T> {
  yield* first;
  for (let next = rest.next(); !next.done; next = rest.next()) yield next.value;
}

function decimals(cell: string): number {
  if (/°/.test(cell)) return 10;
  const text = cell.trim();
  if (/e/i.test(text)) return 10;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}
