import fc from 'fast-check';
import iconv from 'iconv-lite';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv, readCsvInPieces } from './read_csv.js';
import { sniffFileEncoding, sniffWholeFileEncoding } from './sniff_file_encoding.js';
import type { RawRecord } from './record_stage.js';
import type { ReaderFacts } from './source_reader.js';

const dir = mkdtempSync(path.join(tmpdir(), 'safemap-csv-shares-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/**
 * The records and facts of a file read in `count` shares of pieces of `pieceBytes` (or at once, with count 1 and no
 * piece size), joined in order as the ingest joins its threads' parts.
 */
async function readInShares(file: string, count: number, encoding: string, pieceBytes?: number): Promise<{ records: RawRecord[]; facts: Omit<ReaderFacts, 'problems'>; problems: ReaderFacts['problems'] }> {
  const records: RawRecord[] = [];
  const parts: ReaderFacts[] = [];
  const emit = (record: RawRecord) => void records.push(record);
  for (let index = 0; index < count; index += 1) {
    parts.push(await (pieceBytes === undefined ? readCsv(file, { encoding }, emit) : readCsvInPieces(file, { encoding }, emit, { index, count }, pieceBytes)));
  }
  const last = parts[parts.length - 1]!;
  const { problems: _problems, ...facts } = { ...last, coarseLines: parts.flatMap((part) => part.coarseLines), unplaced: parts.reduce((sum, part) => sum + part.unplaced, 0) };
  return { records, facts, problems: parts.flatMap((part) => part.problems) };
}

// What the columns of agency CSVs hold: numbers, Korean text, commas, quotes (doubled inside quoted cells, stray in
// plain ones), line breaks inside quoted cells; rows end with CRLF, LF or a lone CR, with blank lines between.
const plainCell = fc.string({ unit: fc.constantFrom('a', '한', '구', ' ', '1', '.', '"') }).filter((cell) => !cell.startsWith('"'));
const quotedCell = fc.string({ unit: fc.constantFrom('a', '한', ',', '"', '\n', '\r\n', '\r', ' ', '1') }).map((cell) => `"${cell.replace(/"/g, '""')}"`);
const strayQuote = fc.tuple(quotedCell, plainCell).map(([quoted, rest]) => `${quoted}${rest.replace(/[,\r\n]/g, '')}`);
const coordinate = (low: number) => fc.oneof(fc.double({ min: low, max: low + 1, noNaN: true }).map(String), fc.constantFrom('', 'x', '"35.1"'));
const row = fc.tuple(fc.oneof(plainCell, quotedCell, strayQuote), coordinate(35), coordinate(129), fc.oneof(plainCell, quotedCell));
const lineEnd = fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\r\n\r\n');

describe('readCsv in shares', () => {
  it('any CSV file read in shares and pieces gives the records, lines and problems of one whole-file read', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(row, lineEnd), { minLength: 0, maxLength: 40 }),
        fc.boolean(),
        fc.constantFrom('utf-8', 'cp949'),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 200 }),
        async (rows, bom, encoding, count, pieceBytes) => {
          const text = `이름,lat,lon,비고\r\n${rows.map(([cells, end]) => cells.join(',') + end).join('')}`;
          const bytes = encoding === 'utf-8' ? Buffer.from((bom ? '\uFEFF' : '') + text, 'utf8') : iconv.encode(text, 'cp949');
          const file = path.join(dir, `t${(files += 1)}.csv`);
          writeFileSync(file, bytes);
          const whole = await readInShares(file, 1, encoding).catch((error: Error) => error.message);
          const shares = await readInShares(file, count, encoding, pieceBytes).catch((error: Error) => error.message);
          expect(shares).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a quoted cell never closed fails the read in shares as in one read, naming its line', async () => {
    const file = path.join(dir, 'open-quote.csv');
    writeFileSync(file, `name,lat,lon\n${'a,35.1,129.1\n'.repeat(50)}"open,35.1,129.1\n${'b,35.2,129.2\n'.repeat(50)}`);
    await expect(readInShares(file, 1, 'utf-8')).rejects.toThrow(/open-quote\.csv:52: a quoted cell is never closed/);
    await expect(readInShares(file, 4, 'utf-8', 64)).rejects.toThrow(/open-quote\.csv:52: a quoted cell is never closed/);
  });

  it('line vertices are joined across the whole file: the first share reads it all', async () => {
    const file = path.join(dir, 'vertices.csv');
    const lines = ['route_id,seq,lat,lon'];
    for (let vertex = 0; vertex < 60; vertex += 1) for (const id of ['A', 'B']) lines.push(`${id},${vertex},${35 + vertex / 1000},${129 + vertex / 1000}`);
    writeFileSync(file, lines.join('\n'));
    const whole = await readInShares(file, 1, 'utf-8');
    expect(whole.records).toHaveLength(2);
    expect(await readInShares(file, 3, 'utf-8', 100)).toEqual(whole);
  });

  it('the encoding of a file read in shares is judged on all of it: CP949 after 5 MB of ASCII rows', async () => {
    const file = path.join(dir, 'late-korean.csv');
    writeFileSync(file, Buffer.concat([Buffer.from(`name,lat,lon\n${'a,35.1234,129.1234\n'.repeat(250_000)}`), iconv.encode('대피소,35.1234,129.1234\n', 'cp949')]));
    expect(await sniffFileEncoding(file)).toBe('utf-8');
    expect(await sniffWholeFileEncoding(file)).toBe('cp949');
    const names: unknown[] = [];
    await readCsv(file, {}, (record) => names.push(record.properties['name']));
    expect(names.at(-1)).toBe('대피소');
  });
});
