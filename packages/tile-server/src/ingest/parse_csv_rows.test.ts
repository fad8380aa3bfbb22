import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsvRows } from './parse_csv_rows.js';

const rows = (text: string) => [...parseCsvRows(text, 'x.csv')];

describe('parseCsvRows', () => {
  it('gives the line each record starts on, across quoted newlines, CRLF, lone CR and blank lines', () => {
    expect(rows('a,b\r\n1,"x\r\ny"\r\n\r\n2,z\r3,"p\nq\nr"\n4,"s"')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', 'x\r\ny'] },
      { line: 5, cells: ['2', 'z'] },
      { line: 6, cells: ['3', 'p\nq\nr'] },
      { line: 9, cells: ['4', 's'] },
    ]);
  });

  it('unescapes doubled quotes and keeps commas inside quotes', () => {
    expect(rows('"say ""hi"", ok",2\n')).toEqual([{ line: 1, cells: ['say "hi", ok', '2'] }]);
  });

  it('keeps empty cells, including trailing ones', () => {
    expect(rows('a,,\n')).toEqual([{ line: 1, cells: ['a', '', ''] }]);
  });

  it('names the line where an unclosed quote began', () => {
    expect(() => rows('a\n"b\nc\n')).toThrow(/x\.csv:2: a quoted cell is never closed/);
  });

  it('round-trips any table written by an RFC 4180 writer', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '한', ',', '"', '\n', '\r\n', ' ', '1') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (table) => {
        const text = table.map((row) => row.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n');
        expect(rows(text).map((r) => r.cells)).toEqual(table);
      }),
    );
  });
});
