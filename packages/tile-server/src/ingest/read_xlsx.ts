import { closeSync, openSync, readSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { SafeMapError } from '../errors.js';
import { displayText, quoted } from './display_text.js';
import type { ValidationProblem } from './ingest_types.js';
import type { CsvRow } from './parse_csv_rows.js';
import { chain, readRows } from './read_csv.js';
import { openZip, type ZipArchive, type ZipEntryInfo } from './read_zip.js';
import type { SourceReader } from './source_reader.js';

/** An XML part read whole (all but the sheet) larger than this is refused: its text would not fit in one JavaScript string. */
const MAX_PART_BYTES = 400 * 1024 ** 2;
/** Columns Excel allows (A to XFD). */
const MAX_COLUMNS = 16_384;
/** Rows looked at to find the header under a title. */
const HEADER_SEARCH_ROWS = 30;

/**
 * Reads one sheet of an Excel workbook (.xlsx: zipped SpreadsheetML) as a table, then places its rows exactly as
 * CSV rows are placed. The first visible sheet unless `--sheet` names one (by name or 1-based position). Title rows above
 * the real header, common in municipal lists, are detected and reported. Dates become `YYYY-MM-DD`.
 *
 * Written here rather than taken from a library: the well-known readers fail `npm audit` (SheetJS on npm is
 * 0.18.5 with advisories fixed only off-registry; exceljs 4.4.0, unreleased since 2023, pins a flagged `uuid` and
 * `tmp` and brings 150 packages), while reading cell values needs only the zip reader already used for shapefiles
 * and four XML parts.
 */
export const readXlsx: SourceReader = async (file, options, emit) => {
  const zip = await openZip(file, 'Excel workbook');
  let scratch: string | undefined;
  try {
    const workbook = await part(zip, file, 'xl/workbook.xml');
    if (workbook === undefined) throw new SafeMapError('SOURCE_INVALID', `${displayText(file)}: not an Excel workbook (no xl/workbook.xml); save it as .xlsx or CSV`, { file });
    const sheets = sheetsOf(workbook, (await part(zip, file, 'xl/_rels/workbook.xml.rels')) ?? '');
    if (sheets.length === 0) throw new SafeMapError('SOURCE_INVALID', `${displayText(file)}: the workbook has no worksheet`, { file });
    const sheet = chooseSheet(sheets, options.sheet, file);
    const entry = entryOf(zip, sheet.target);
    if (!entry) throw new SafeMapError('SOURCE_INVALID', `${displayText(file)}: sheet ${quoted(sheet.name)} has no data part (${displayText(sheet.target)})`, { file });
    // The sheet goes to disk and is parsed a piece at a time: a national list's sheet is hundreds of megabytes.
    scratch = await mkdtemp(path.join(tmpdir(), 'safemap-xlsx-'));
    const sheetFile = path.join(scratch, 'sheet.xml');
    await zip.extract(entry.name, sheetFile);
    const strings = sharedStrings((await part(zip, file, 'xl/sharedStrings.xml')) ?? '');
    const dates = dateStyles((await part(zip, file, 'xl/styles.xml')) ?? '');
    const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbook);
    // Rows are made as they are read, never all held at once: a national list has a million of them.
    const rows = sheetRows(file, sheetFile, strings, dates, date1904);
    const top: CsvRow[] = [];
    for (let next = rows.next(); !next.done; next = top.length < HEADER_SEARCH_ROWS ? rows.next() : { done: true, value: undefined }) top.push(next.value);
    const { header, skipped } = findHeader(top);
    const notes: CsvRow[] = [];
    const table = withoutNotes(chain(top.slice(header), rows), notes);
    const facts = readRows(file, table, { format: 'xlsx', encoding: 'utf-8' }, options, emit);
    facts.layer = `sheet ${quoted(sheet.name)} (${sheets.indexOf(sheet) + 1} of ${sheets.length})`;
    if (skipped.length > 0) facts.problems.unshift(skippedWarning(file, skipped, 'above the header', 'the header is the row after'));
    if (notes.length > 0) facts.problems.push(skippedWarning(file, notes, 'below the table', 'notes, not data'));
    return facts;
  } finally {
    zip.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
};

interface Sheet {
  readonly name: string;
  readonly target: string;
  /** Hidden sheets (lookup tables, macros' scratch) are never the default. */
  readonly hidden: boolean;
}

function entryOf(zip: ZipArchive, name: string): ZipEntryInfo | undefined {
  return zip.entries.find((candidate) => candidate.name === name) ?? zip.entries.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
}

async function part(zip: ZipArchive, file: string, name: string): Promise<string | undefined> {
  const entry = entryOf(zip, name);
  if (!entry) return undefined;
  if (entry.size > MAX_PART_BYTES) {
    throw new SafeMapError('SOURCE_INVALID', `${displayText(file)}: ${displayText(name)} expands to ${entry.size} bytes, more than a sheet read here may hold; save the sheet as CSV`, { file });
  }
  return (await zip.read(entry.name)).toString('utf8');
}

/** Sheets in workbook order, each with the zip path of its part. */
function sheetsOf(workbook: string, rels: string): Sheet[] {
  const targets = new Map<string, string>();
  for (const match of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
    const id = attribute(match[1]!, 'Id');
    const target = attribute(match[1]!, 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : path.posix.normalize(`xl/${target}`));
  }
  const sheets: Sheet[] = [];
  for (const match of workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
    const name = attribute(match[1]!, 'name');
    const id = /\br:id="([^"]*)"/.exec(match[1]!)?.[1] ?? /\b\w+:id="([^"]*)"/.exec(match[1]!)?.[1];
    const target = id ? targets.get(id) : undefined;
    const hidden = /^(hidden|veryHidden)$/.test(attribute(match[1]!, 'state') ?? '');
    if (name !== undefined && target) sheets.push({ name: decodeXml(name), target, hidden });
  }
  return sheets;
}

function chooseSheet(sheets: readonly Sheet[], wanted: string | undefined, file: string): Sheet {
  if (wanted === undefined) return sheets.find((sheet) => !sheet.hidden) ?? sheets[0]!;
  const byName = sheets.find((sheet) => sheet.name === wanted) ?? sheets.find((sheet) => sheet.name.normalize('NFC').toLowerCase() === wanted.normalize('NFC').trim().toLowerCase());
  if (byName) return byName;
  if (/^\d+$/.test(wanted.trim())) {
    const position = Number(wanted.trim());
    if (position >= 1 && position <= sheets.length) return sheets[position - 1]!;
  }
  throw new SafeMapError(
    'USAGE',
    `${displayText(file)}: no sheet ${quoted(wanted)}; sheets: ${sheets.map((sheet, index) => `${index + 1} ${quoted(sheet.name)}`).join(', ')}. Give --sheet NAME or --sheet N (1 is the first)`,
    { file },
  );
}

/** The shared string table: each item's text runs joined, phonetic guides (`<rPh>`, Japanese furigana) left out. */
function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const match of xml.matchAll(/<(?:\w+:)?si\b[^>]*>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\b[^>]*\/>/g)) {
    out.push(textRuns(match[1] ?? ''));
  }
  return out;
}

function textRuns(xml: string): string {
  let text = '';
  // Phonetic runs are left out; empty `<t/>` runs are dropped first, or the next run's match would start at them.
  const body = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '').replace(/<(?:\w+:)?t\b[^>]*\/>/g, '');
  for (const run of body.matchAll(/<(?:\w+:)?t\b[^>]*>([\s\S]*?)<\/(?:\w+:)?t>/g)) text += decodeXml(run[1]!);
  return text;
}

/** Indexes of cell styles that show numbers as dates or times: built-in date formats, or a custom format with y/m/d. */
function dateStyles(xml: string): Set<number> {
  const custom = new Map<number, string>();
  for (const match of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attribute(match[1]!, 'numFmtId'));
    custom.set(id, decodeXml(attribute(match[1]!, 'formatCode') ?? ''));
  }
  // Built-in date and time formats: 14–22, 45–47, and the East Asian locales' 27–36 and 50–58 (37–44 are accounting).
  const builtIn = (id: number) => (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
  const isDate = (id: number) => (custom.has(id) ? /[ymd]/i.test(custom.get(id)!.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '')) : builtIn(id));
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  const out = new Set<number>();
  let index = 0;
  for (const match of xfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)(?:\/>|>)/g)) {
    if (isDate(Number(attribute(match[1]!, 'numFmtId') ?? 0))) out.add(index);
    index += 1;
  }
  return out;
}

/** Sheet text decoded and parsed at a time. */
const SHEET_PIECE_BYTES = 8 * 1024 * 1024;
const ROW = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const ROW_END = /<\/(?:\w+:)?row>/g;

/**
 * Every row of the sheet (the XML part at `xmlFile`) as text cells, placed by their column letters; `line` is the
 * sheet's row number. Read a piece at a time, and each piece parsed up to its last whole row.
 */
function* sheetRows(file: string, xmlFile: string, strings: readonly string[], dates: ReadonlySet<number>, date1904: boolean): Generator<CsvRow> {
  const fd = openSync(xmlFile, 'r');
  try {
    const chunk = Buffer.allocUnsafe(SHEET_PIECE_BYTES);
    const decoder = new StringDecoder('utf8');
    const state = { next: 1 };
    let text = '';
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      text += read > 0 ? decoder.write(chunk.subarray(0, read)) : decoder.end();
      let cut = read > 0 ? 0 : text.length;
      if (read > 0) for (const end of text.matchAll(ROW_END)) cut = end.index + end[0].length;
      yield* rowsIn(file, text.slice(0, cut), state, strings, dates, date1904);
      text = text.slice(cut);
      if (read === 0) return;
    }
  } finally {
    closeSync(fd);
  }
}

function* rowsIn(file: string, xml: string, state: { next: number }, strings: readonly string[], dates: ReadonlySet<number>, date1904: boolean): Generator<CsvRow> {
  for (const row of xml.matchAll(ROW)) {
    const line = Number(attribute(row[1]!, 'r') ?? state.next);
    state.next = line + 1;
    const cells: string[] = [];
    let column = 0;
    for (const cell of (row[2] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const ref = attribute(cell[1]!, 'r');
      if (ref) column = columnIndex(ref);
      // Excel stops at column XFD; a reference beyond it is a hostile file, not a wide sheet.
      if (column >= MAX_COLUMNS) throw new SafeMapError('SOURCE_INVALID', `${displayText(file)}: row ${line}: cell ${quoted(ref ?? '')} lies beyond column XFD, the last Excel has`, { file });
      cells[column] = cellText(cell[1]!, cell[2] ?? '', strings, dates, date1904);
      column += 1;
    }
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    yield { line, cells };
  }
}

function cellText(attributes: string, body: string, strings: readonly string[], dates: ReadonlySet<number>, date1904: boolean): string {
  const type = attribute(attributes, 't') ?? 'n';
  if (type === 'inlineStr') return textRuns(/<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(body)?.[1] ?? '');
  const value = /<(?:\w+:)?v\b[^>]*>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
  if (value === undefined) return '';
  if (type === 's') return strings[Number(value)] ?? '';
  if (type === 'str' || type === 'e') return decodeXml(value);
  if (type === 'b') return value === '1' ? 'TRUE' : 'FALSE';
  const number = Number(value);
  if (!Number.isFinite(number)) return decodeXml(value);
  if (dates.has(Number(attribute(attributes, 's') ?? -1))) return serialDate(number, date1904);
  // Excel stores doubles with up to 17 digits (37.566499999999998): the shortest form is the value people typed.
  return String(number);
}

function serialDate(serial: number, date1904: boolean): string {
  // Day 0 is 1899-12-30 in the 1900 system (Excel's phantom 1900-02-29 included), 1904-01-01 in the other.
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + Math.round(serial * 86_400_000));
  const day = date.toISOString();
  return serial % 1 === 0 ? day.slice(0, 10) : `${day.slice(0, 10)} ${day.slice(11, 19)}`;
}

/**
 * The header is the first row about as wide as the table's widest rows and made of text: a title ("고양시 민방위
 * 대피시설 현황"), a date line or a blank row above it are skipped. A sheet whose widest rows all hold numbers
 * keeps row 1 and lets the coordinate detection report the columns it saw.
 */
function findHeader(rows: readonly CsvRow[]): { header: number; skipped: CsvRow[] } {
  const search = rows.slice(0, HEADER_SEARCH_ROWS);
  const widest = Math.max(0, ...search.map(filled));
  if (widest < 2) return { header: 0, skipped: [] };
  const header = search.findIndex((row) => {
    const cells = row.cells.filter((cell) => cell.trim() !== '');
    return cells.length >= Math.max(2, Math.ceil(widest * 0.6)) && cells.filter((cell) => Number.isNaN(Number(cell))).length >= cells.length * 0.8;
  });
  if (header <= 0) return { header: 0, skipped: [] };
  return { header, skipped: rows.slice(0, header).filter((row) => filled(row) > 0) };
}

/**
 * Rows at the end of the sheet that fill under a third of the header's columns ("※ 出典: …", "작성일: …") are notes
 * under the table, not rows that lost their coordinates. Such rows are held back until a fuller row shows they were
 * inside the table; those still held at the end are the notes, put into `notes` (the non-empty ones).
 */
function* withoutNotes(rows: Iterator<CsvRow>, notes: CsvRow[]): Generator<CsvRow> {
  const first = rows.next();
  if (first.done) return;
  yield first.value;
  const narrow = Math.max(1, Math.floor(filled(first.value) * 0.3));
  const held: CsvRow[] = [];
  for (let next = rows.next(); !next.done; next = rows.next()) {
    if (filled(next.value) <= narrow) {
      held.push(next.value);
      continue;
    }
    yield* held.splice(0);
    yield next.value;
  }
  for (const row of held) if (filled(row) > 0) notes.push(row);
}

/** Cells of a row that hold something. */
function filled(row: CsvRow): number {
  return row.cells.filter((cell) => cell.trim() !== '').length;
}

function skippedWarning(file: string, skipped: readonly CsvRow[], where: string, why: string): ValidationProblem {
  const text = skipped.map((row) => row.cells.filter((cell) => cell.trim() !== '').join(' ')).join(' / ');
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  const rows = skipped.length === 1 ? 'a row' : `${skipped.length} rows`;
  return { file, line: skipped[0]!.line, kind: 'skipped-rows', severity: 'warning', quarantined: false, reason: `${rows} ${where} skipped (${quoted(shown)}): ${why}` };
}

function columnIndex(ref: string): number {
  let index = 0;
  for (const char of ref) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return Math.max(0, index - 1);
}

function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attributes)?.[1];
}

/** XML entities and OOXML's `_xHHHH_` escapes of control characters. */
function decodeXml(text: string): string {
  return text
    .replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, entity: string) => {
      if (entity[0] === '#') {
        const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1));
        return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
      }
      return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[entity.toLowerCase()]!;
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
