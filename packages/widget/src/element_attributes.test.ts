import { describe, expect, test } from 'vitest';
import { parseCenter, parseLayerList, parseZoom, resolveServer } from './element_attributes.js';

describe('parseCenter', () => {
  test('reads "lon,lat"', () => {
    expect(parseCenter('129.07,35.16')).toEqual([129.07, 35.16]);
    expect(parseCenter(' 129.07 , 35.16 ')).toEqual([129.07, 35.16]);
  });

  test.each([null, '', '129.07', '129,35,11', 'a,b', '200,35', '129,-91', ',35'])('ignores %j', (value) => {
    expect(parseCenter(value)).toBeUndefined();
  });
});

test('parseZoom accepts 0–24 only', () => {
  expect(parseZoom('11')).toBe(11);
  expect(parseZoom('0')).toBe(0);
  expect(parseZoom('12.5')).toBe(12.5);
  for (const bad of [null, '', ' ', '25', '-1', 'x']) expect(parseZoom(bad)).toBeUndefined();
});

test('parseLayerList splits on commas and drops blanks', () => {
  expect(parseLayerList('cctv, shelters,,')).toEqual(new Set(['cctv', 'shelters']));
  expect(parseLayerList('')).toEqual(new Set());
  expect(parseLayerList(null)).toBeUndefined();
});

describe('resolveServer', () => {
  const page = 'https://www.busan.go.kr/safety/map.html';

  test('uses the attribute, resolved against the page', () => {
    expect(resolveServer('https://map.example.kr/', 'https://cdn.example.kr/w.js', page)).toBe('https://map.example.kr/');
    expect(resolveServer('/safemap', 'https://cdn.example.kr/w.js', page)).toBe('https://www.busan.go.kr/safemap');
  });

  test("defaults to the script's origin", () => {
    expect(resolveServer(null, 'https://tiles.example.kr/widget/safemap-widget.js', page)).toBe('https://tiles.example.kr');
    expect(resolveServer('  ', 'https://tiles.example.kr/widget/safemap-widget.js', page)).toBe('https://tiles.example.kr');
  });

  test('falls back to the page origin when the script URL is unusable', () => {
    expect(resolveServer(null, '', page)).toBe('https://www.busan.go.kr');
    expect(resolveServer(null, 'file:///srv/w.js', page)).toBe('https://www.busan.go.kr');
  });
});
