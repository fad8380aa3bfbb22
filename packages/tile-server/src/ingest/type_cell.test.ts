import { describe, expect, it } from 'vitest';
import { cleanHeader } from './clean_header.js';
import { parseCoordinate, typeCell } from './type_cell.js';

describe('typeCell', () => {
  it.each([
    ['1200', 1200],
    ['35.10346759', 35.10346759],
    ['-0.5', -0.5],
    [' 42 ', 42],
    ['051-600-4172', '051-600-4172'],
    ['0123', '0123'],
    ['2018-09', '2018-09'],
    ['126.9780', '126.9780'],
    ['1e5', '1e5'],
    ['12345678901234567890', '12345678901234567890'],
    ['○', '○'],
  ])('%j → %j', (cell, expected) => {
    expect(typeCell(cell)).toBe(expected);
  });

  it.each(['', '  ', 'null', 'NULL', '-', '\u2212', 'N/A'])('%j is no value', (cell) => {
    expect(typeCell(cell)).toBeUndefined();
  });

  it('normalises text to NFC', () => {
    expect(typeCell('대피소'.normalize('NFD'))).toBe('대피소');
  });
});

describe('parseCoordinate', () => {
  it.each([
    ['35.1', 35.1],
    ['-33.5', -33.5],
    ['\u221233.5', -33.5],
    ['+127', 127],
    ['1.5e2', 150],
  ])('%j → %j', (cell, expected) => {
    expect(parseCoordinate(cell)).toBe(expected);
  });

  it.each(['', '35,1', '35.1.2', 'N35.1', '35.1O3', 'NaN', 'Infinity'])('refuses %j', (cell) => {
    expect(parseCoordinate(cell)).toBeUndefined();
  });
});

describe('cleanHeader', () => {
  it('trims, removes the BOM, drops trailing unnamed columns and renames duplicates', () => {
    expect(cleanHeader(['\uFEFF이름 ', '비고', '', '비고', '비고_2', '', ''])).toEqual({
      names: ['이름', '비고', 'column_3', '비고_2', '비고_2_2'],
      duplicates: [
        { original: '비고', renamed: '비고_2', column: 4 },
        { original: '비고_2', renamed: '비고_2_2', column: 5 },
      ],
    });
  });
});
