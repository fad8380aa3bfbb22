import { describe, expect, it } from 'vitest';
import { cleanHeader } from './clean_header.js';
import { parseCoordinate, typeCell, parseCoordinateCell } from './type_cell.js';

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

describe('coordinate cells with a slip, repaired and flagged', () => {
  it.each([
    [`35°08'54.3"N`, 35.148416667, 'dms'],
    [`129°03'31.2"E`, 129.058666667, 'dms'],
    ['35° 08′ 54.3″ N', 35.148416667, 'dms'],
    ['N35°08′54.3″', 35.148416667, 'dms'],
    [`37°33'S`, -37.55, 'dms'],
    ['126° 58.5′ E', 126.975, 'dms'],
    ['북위 35도 8분 54.3초', 35.148416667, 'dms'],
    ['129.0345,', 129.0345, 'typo'],
    ['35.1234 ;', 35.1234, 'typo'],
  ])('%s → %d (%s)', (cell, value, repair) => {
    const read = parseCoordinateCell(cell)!;
    expect(read.value).toBeCloseTo(value, 8);
    expect(read.repair).toBe(repair);
  });

  it('plain decimals need no repair, and nonsense stays unparseable', () => {
    expect(parseCoordinateCell('129.0345')).toEqual({ value: 129.0345 });
    for (const cell of [`35°61'00"N`, `35°08'54.3"N E`, '1,234.5', 'abc', '129.03.45', `N35°08'E`]) expect(parseCoordinateCell(cell), cell).toBeUndefined();
  });
});
