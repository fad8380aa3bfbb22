import { readSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SafeMapError } from '../errors.js';
import { cleanHeader } from './clean_header.js';
import { findRecordStarts, type RecordStart } from './csv_boundaries.js';
import { decodeText, normalizeEncoding, type TextEncoding } from './decode_text.js';
import { detectVertexColumns } from './detect_vertex_columns.js';
import { displayText } from './display_text.js';
import type { IngestOptions, ValidationProblem } from './ingest_types.js';
import { openSource, unreadableSource } from './open_source.js';
import { isZipSignature } from './read_zip.js';
import { parseCsvRows, type CsvRow } from './parse_csv_rows.js';
import { pointCells } from './point_cells.js';
import type { RawRecord } from './record_stage.js';
import { sniffWholeFileEncoding } from './sniff_file_encoding.js';
import type { FilePart, ReaderFacts, SourceReader } from './source_reader.js';
import { isEmptyCell, parseCoordinate } from './type_cell.js';

interface Vertex {
  readonly line: number;
  readonly id: string;
  readonly sequence: number;
  readonly x: number;
  readonly y: number;
  readonly cells: readonly string[];
}

/**
 * Reads a CSV of points (one row per point: coordinate columns detected or named, DMS in six columns, or WKT) or of
 * line vertices (id, sequence, coordinates: one line per id, in sequence order). Records carry the cells as text,
 * keyed by the cleaned header; rows without a usable position are reported here, with their line.
 */
export const readCsv: SourceReader = async (file, options, emit, part) => {
  const size = await stat(file).then((info) => info.size, (error: unknown) => Promise.reject(unreadableSource(file, error)));
  if (part || size > PIECE_BYTES) return readCsvInPieces(file, options, emit, part ?? { index: 0, count: 1 });
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw unreadableSource(file, error);
  }
  refuseBinary(file, bytes);
  const { text, encoding } = decodeText(bytes, options.encoding ?? 'auto');
  return readRows(file, parseCsvRows(text, file), { format: 'csv', encoding }, options, emit);
};

/** Rows after the header that decide the coordinate columns (WKT or not, which columns): the same in every share. */
const SAMPLED_ROWS = 5;

/**
 * Bytes decoded and parsed at a time: a national file held as one string costs about three times its size at once
 * (bytes, decoded text, normalised text).
 */
const PIECE_BYTES = 8 * 1024 * 1024;

/**
 * A large CSV file, or one share of it for one of several threads: the records that start in its share of the bytes,
 * with their lines in the whole file, decoded and parsed a piece at a time. Each share also reads the header and the
 * sampled rows, so every share judges the columns as a whole-file read does; only the first share emits those rows
 * and reports the header. The encoding is judged on the whole file (the ingest judges it once, for every share): a
 * share of ASCII rows alone would pass for UTF-8. Line vertices are joined across the whole file, so the first share
 * then reads all of it and the others nothing.
 */
export async function readCsvInPieces(file: string, options: Parameters<SourceReader>[1], emit: Parameters<SourceReader>[2], part: FilePart, pieceBytes = PIECE_BYTES): Promise<ReaderFacts> {
  const encoding = options.encoding && options.encoding !== 'auto' ? (normalizeEncoding(options.encoding) ?? 'utf-8') : await sniffWholeFileEncoding(file);
  const base = { format: 'csv', encoding } as const;
  const handle = await openSource(file);
  try {
    const size = (await handle.stat()).size;
    const from = Math.floor((size * part.index) / part.count);
    const to = part.index === part.count - 1 ? size : Math.floor((size * (part.index + 1)) / part.count);
    const targets: number[] = [];
    for (let target = from; target < to; target += pieceBytes) targets.push(target);
    targets.push(to);
    const { headEnd, starts } = await findRecordStarts(handle, size, targets, SAMPLED_ROWS);
    refuseBinary(file, readBytes(handle.fd, 0, Math.min(size, 2048)));
    const head = [...parseCsvRows(decodeText(readBytes(handle.fd, 0, headEnd), encoding).text, file)];
    const vertices = head.length > 0 && detectVertexColumns(cleanHeader(head[0]!.cells).names, options.geometry, file) !== undefined;
    if (vertices) {
      if (part.index > 0) return readRows(file, [][Symbol.iterator](), base, options, emit, head);
      return readRows(file, pieceRows(handle.fd, [{ offset: 0, line: 1 }, { offset: size, line: 0 }], encoding, file), base, options, emit);
    }
    return readRows(file, pieceRows(handle.fd, starts, encoding, file), base, options, emit, part.index > 0 ? head : undefined);
  } finally {
    await handle.close();
  }
}

/** The rows between consecutive record starts, each piece decoded on its own once the previous one is parsed. */
function* pieceRows(fd: number, starts: readonly RecordStart[], encoding: TextEncoding, file: string): Generator<CsvRow> {
  for (let index = 0; index + 1 < starts.length; index += 1) {
    const { offset, line } = starts[index]!;
    const end = starts[index + 1]!.offset;
    if (end > offset) yield* parseCsvRows(decodeText(readBytes(fd, offset, end), encoding).text, file, line);
  }
}

/** Synchronous, so rows can be pulled through an iterator: reading runs in a worker thread, or a few megabytes at a time. */
function readBytes(fd: number, from: number, to: number): Buffer {
  const bytes = Buffer.allocUnsafe(Math.max(0, to - from));
  for (let done = 0; done < bytes.length; ) {
    const read = readSync(fd, bytes, done, bytes.length - done, from + done);
    if (read === 0) return bytes.subarray(0, done);
    done += read;
  }
  return bytes;
}

/**
 * The rows of a table (CSV lines, spreadsheet rows: a header row, then cells as text) into records: coordinate
 * columns detected or named, line vertices joined. Shared by every tabular format, so they place rows alike. With
 * `head` (the file's header and first rows), `rows` is a later share of the file: the head decides the columns, and
 * only `rows` become records.
 */
export function readRows(file: string, rows: Iterator<CsvRow>, base: Pick<ReaderFacts, 'format' | 'encoding'>, options: IngestOptions, emit: (record: RawRecord) => void, head?: readonly CsvRow[]): ReaderFacts {
  const headRows = head ? head[Symbol.iterator]() : rows;
  const first = headRows.next();
  if (first.done) throw new SafeMapError('SOURCE_INVALID', `${file}: the file is empty`, { file });
  const { names: header, duplicates } = cleanHeader(first.value.cells);
  const facts: ReaderFacts = { ...base, header, problems: [], coarseLines: [], unplaced: 0 };
  for (const { original, renamed, column } of head ? [] : duplicates) {
    facts.problems.push({ file, line: first.value.line, kind: 'duplicate-header', severity: 'warning', quarantined: false, reason: `column ${column} repeats the name "${original}"; it is read as "${renamed}"` });
  }
  // Peeked by hand: breaking out of a for…of would close the generator.
  const firstRows: CsvRow[] = [];
  for (let next = headRows.next(); !next.done; next = firstRows.length < SAMPLED_ROWS ? headRows.next() : { done: true, value: undefined }) firstRows.push(next.value);
  const sample = firstRows.find((row) => row.cells.some((cell) => /POINT/i.test(cell)))?.cells;
  const points = pointCells(header, options, file, sample);
  if (points.crs) facts.crsMember = points.crs;
  const vertexColumns = detectVertexColumns(header, options.geometry, file);
  const vertices: Vertex[] = [];
  const idIndex = vertexColumns ? header.indexOf(vertexColumns.id) : -1;
  const sequenceIndex = vertexColumns ? header.indexOf(vertexColumns.sequence) : -1;
  const properties = (cells: readonly string[], leaveOut?: ReadonlySet<string>) => {
    const out: Record<string, string> = Object.create(null);
    header.forEach((name, index) => {
      if (!leaveOut?.has(name)) out[name] = cells[index] ?? '';
    });
    return out;
  };
  let count = 0;
  for (const { line, cells } of chain(head ? [] : firstRows, rows)) {
    if (cells.every((cell) => cell.trim() === '')) continue;
    count += 1;
    if (count % 10_000 === 0) options.onProgress?.({ step: 'read', file, done: count });
    const { xCell, yCell, x, y, repair } = points.read(cells);
    if (repair && x !== undefined && y !== undefined) facts.problems.push({ file, line, kind: repair.kind, severity: 'warning', quarantined: false, reason: repair.reason });
    if (x === undefined || y === undefined) {
      facts.problems.push(unplaceable(file, line, [points.xName, xCell], [points.yName, yCell], x === undefined));
      facts.unplaced += 1;
      continue;
    }
    if (Math.min(decimals(xCell ?? ''), decimals(yCell ?? '')) <= 2 && !(x === 0 && y === 0)) facts.coarseLines.push(line);
    if (!vertexColumns) {
      emit({ geometry: { type: 'Point', coordinates: [x, y] }, properties: properties(cells), origin: line });
      continue;
    }
    const id = (cells[idIndex] ?? '').trim();
    const sequence = parseCoordinate(cells[sequenceIndex]);
    if (id === '' || sequence === undefined) {
      const [name, cell] = id === '' ? [vertexColumns.id, cells[idIndex]] : [vertexColumns.sequence, cells[sequenceIndex]];
      facts.problems.push({ file, line, kind: id === '' ? 'missing-field' : 'unparseable-number', severity: 'error', quarantined: true, reason: `${name} ${JSON.stringify(cell ?? '')} cannot place this vertex in a line` });
      facts.unplaced += 1;
      continue;
    }
    vertices.push({ line, id, sequence, x, y, cells });
  }
  options.onProgress?.({ step: 'read', file, done: count, total: count });
  if (vertexColumns) emitLines(vertices, new Set([...points.columns, vertexColumns.sequence]), properties, file, facts.problems, emit);
  return facts;
}

/**
 * A spreadsheet or archive saved under a .csv name would otherwise be decoded as text and print binary as "columns
 * seen": say what it is and what to do instead.
 */
function refuseBinary(file: string, bytes: Uint8Array): void {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 2048));
  let kind: string | undefined;
  if (isZipSignature(head)) kind = head.includes('xl/') || head.includes('[Content_Types].xml') ? 'an Excel workbook (.xlsx)' : 'a zip archive';
  else if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) kind = 'an old Excel workbook (.xls)';
  else if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) kind = 'UTF-16 text';
  else if (head.includes(0)) kind = 'a binary file';
  if (!kind) return;
  const step = kind.includes('.xlsx')
    ? `rename it to ${displayText(path.basename(file, path.extname(file)))}.xlsx`
    : kind.includes('.xls')
      ? 'open it and save it as .xlsx or CSV'
      : kind === 'UTF-16 text'
        ? 'save it as CSV in UTF-8'
        : 'give the file in its own format (.xlsx, a zipped shapefile) or as CSV text';
  throw new SafeMapError('SOURCE_INVALID', `${displayText(file)}: this is ${kind}, not CSV text; ${step}`, { file });
}

/** One LineString per id, vertices in sequence order; the line takes the first vertex row's other cells. */
function emitLines(
  vertices: readonly Vertex[],
  leaveOut: ReadonlySet<string>,
  properties: (cells: readonly string[], leaveOut: ReadonlySet<string>) => Record<string, string>,
  file: string,
  problems: ValidationProblem[],
  emit: (record: RawRecord) => void,
): void {
  const groups = new Map<string, Vertex[]>();
  for (const vertex of vertices) {
    let group = groups.get(vertex.id);
    if (!group) groups.set(vertex.id, (group = []));
    group.push(vertex);
  }
  for (const [id, group] of groups) {
    group.sort((a, b) => a.sequence - b.sequence || a.line - b.line);
    const firstLine = Math.min(...group.map((vertex) => vertex.line));
    const distinct = new Set(group.map(({ x, y }) => `${x},${y}`)).size;
    if (distinct < 2) {
      problems.push({ file, line: firstLine, kind: 'invalid-geometry', severity: 'error', quarantined: true, reason: `line ${JSON.stringify(id)} has ${distinct} distinct vertex; at least 2 are needed` });
      continue;
    }
    emit({ geometry: { type: 'LineString', coordinates: group.map(({ x, y }) => [x, y]) }, properties: properties(group[0]!.cells, leaveOut), origin: firstLine });
  }
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

export function* chain<T>(first: readonly T[], rest: Iterator<T>): Generator<T> {
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
