import { SafeMapError } from '../errors.js';

/** One CSV record and the 1-based line it starts on (a quoted cell may span lines). */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** The four characters of CSV's grammar, as char codes and as bytes: the same in every encoding SafeMap reads. */
export const COMMA = 44;
export const QUOTE = 34;
export const LF = 10;
export const CR = 13;

/**
 * Splits RFC 4180 text into records: quoted cells may hold commas, doubled quotes and newlines; CRLF, LF and lone CR
 * all end a record; blank lines are skipped. A hand-written scanner rather than csv-parse because a GIS officer needs
 * the line a record *starts* on, which csv-parse does not report for multi-line records. `firstLine` is the line the
 * text starts on, for a share of a file read on its own.
 */
export function* parseCsvRows(text: string, file: string, firstLine = 1): Generator<CsvRow> {
  const length = text.length;
  let position = 0;
  let line = firstLine;
  while (position < length) {
    const startLine = line;
    const cells: string[] = [];
    let blank = true;
    for (;;) {
      let cell: string;
      if (text.charCodeAt(position) === QUOTE) {
        blank = false;
        const quoteLine = line;
        let value = '';
        let from = position + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close < 0) {
            throw new SafeMapError('SOURCE_INVALID', `${file}:${quoteLine}: a quoted cell is never closed`, { file, line: quoteLine });
          }
          line += countLineBreaks(text, from, close);
          value += text.slice(from, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            from = close + 2;
            continue;
          }
          position = close + 1;
          break;
        }
        // Tolerate stray text after a closing quote (`"a"b`), as spreadsheet exports sometimes write it.
        const end = nextDelimiter(text, position);
        cell = value + text.slice(position, end);
        position = end;
      } else {
        const end = nextDelimiter(text, position);
        cell = text.slice(position, end);
        if (cell !== '') blank = false;
        position = end;
      }
      cells.push(cell);
      const code = text.charCodeAt(position);
      if (code === COMMA) {
        blank = false;
        position += 1;
        continue;
      }
      if (code === CR) position += text.charCodeAt(position + 1) === LF ? 2 : 1;
      else if (code === LF) position += 1;
      if (position <= length) line += 1;
      break;
    }
    if (!blank) yield { line: startLine, cells };
  }
}

function nextDelimiter(text: string, from: number): number {
  let index = from;
  const length = text.length;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (code === COMMA || code === LF || code === CR) return index;
    index += 1;
  }
  return length;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = from; index < to; index += 1) {
    const code = text.charCodeAt(index);
    if (code === LF) count += 1;
    else if (code === CR && text.charCodeAt(index + 1) !== LF) count += 1;
  }
  return count;
}
