import type { FileHandle } from 'node:fs/promises';
import { COMMA, CR, LF, QUOTE } from './parse_csv_rows.js';

const CELL_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote inside a quoted cell: a doubled quote if the next byte is one too, else the cell's end. */
const QUOTED_QUOTE = 3;

/** A byte offset where a CSV record starts, and the 1-based line it is on. */
export interface RecordStart {
  readonly offset: number;
  readonly line: number;
}

/**
 * Finds record boundaries in CSV bytes without decoding them, so a large file can be parsed in pieces, by several
 * threads and a few megabytes at a time. It follows parseCsvRows' grammar exactly (a quote opens a quoted cell only at
 * a cell's start; a quoted cell may hold commas, doubled quotes and line breaks; CRLF, LF and lone CR end a record),
 * so a piece that starts at one of these boundaries parses into exactly the records, and lines, a whole-file read
 * gives. Every encoding SafeMap reads (UTF-8, CP949, CP932, EUC-JP) uses these four bytes only for themselves: no
 * multi-byte character contains them. The file is read from its start, in chunks, up to the last target.
 *
 * Gives, for each of the ascending byte `targets`, the first record start at or after it (the file's size past the
 * last record), and `headEnd`: the end of the header and the first `sampleRows` non-empty rows.
 */
export async function findRecordStarts(handle: FileHandle, size: number, targets: readonly number[], sampleRows: number): Promise<{ headEnd: number; starts: RecordStart[] }> {
  const chunk = Buffer.allocUnsafe(4 * 1024 * 1024);
  let state = CELL_START;
  // A CR was just read: at the top level it ends a record, which then starts after an LF that follows; in a quoted
  // cell it is a line break, and a following LF is the same one.
  let crPending: 'top' | 'quoted' | undefined;
  let line = 1;
  // Whether the record being scanned has any byte besides its line break (an empty record is a blank line, which
  // parsing skips, so it does not count towards the sampled rows).
  let recordHasBytes = false;
  let records = 0;
  let headEnd: number | undefined;
  const starts: RecordStart[] = [];
  /** A record starts at `offset`; true once everything sought is found. */
  const recordStarts = (offset: number): boolean => {
    if (recordHasBytes) records += 1;
    recordHasBytes = false;
    state = CELL_START;
    if (headEnd === undefined && records > sampleRows) headEnd = offset;
    while (starts.length < targets.length && offset >= targets[starts.length]!) starts.push({ offset, line });
    return headEnd !== undefined && starts.length === targets.length;
  };
  const found = () => {
    while (starts.length < targets.length) starts.push({ offset: size, line });
    return { headEnd: headEnd ?? size, starts };
  };
  while (starts.length < targets.length && targets[starts.length]! <= 0) starts.push({ offset: 0, line: 1 });

  for (let position = 0; position < size; ) {
    const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, size - position), position);
    if (bytesRead === 0) break;
    // A UTF-8 byte order mark is not part of the first cell: parsing sees the text after it.
    const first = position === 0 && bytesRead >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
    for (let index = first; index < bytesRead; index += 1) {
      const byte = chunk[index]!;
      const offset = position + index;
      if (crPending === 'top') {
        crPending = undefined;
        if (byte === LF) {
          if (recordStarts(offset + 1)) return found();
          continue;
        }
        if (recordStarts(offset)) return found();
      } else if (crPending === 'quoted') {
        crPending = undefined;
        if (byte === LF) continue;
      }
      if (state === QUOTED) {
        recordHasBytes = true;
        if (byte === QUOTE) state = QUOTED_QUOTE;
        else if (byte === LF) line += 1;
        else if (byte === CR) {
          line += 1;
          crPending = 'quoted';
        }
        continue;
      }
      if (state === QUOTED_QUOTE) {
        if (byte === QUOTE) {
          state = QUOTED;
          continue;
        }
        // The byte after a closing quote is read as unquoted text, as parsing reads it.
        state = UNQUOTED;
      }
      if (byte === LF) {
        line += 1;
        if (recordStarts(offset + 1)) return found();
        continue;
      }
      if (byte === CR) {
        line += 1;
        crPending = 'top';
        continue;
      }
      recordHasBytes = true;
      if (byte === QUOTE && state === CELL_START) state = QUOTED;
      else state = byte === COMMA ? CELL_START : UNQUOTED;
    }
    position += bytesRead;
  }
  if (crPending === 'top') recordStarts(size);
  return found();
}
