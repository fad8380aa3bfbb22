import { describe, expect, it } from 'vitest';
import { geometryLimits } from './bound_vertices.js';
import { decodeWkb } from './decode_wkb.js';

/** WKB written by hand: byte order, type, then the numbers, so each case shows exactly which bytes it tests. */
function wkb(littleEndian: boolean, parts: Array<['u32', number] | ['f64', number] | ['u8', number]>): Uint8Array {
  const size = parts.reduce((sum, [kind]) => sum + (kind === 'u8' ? 1 : kind === 'u32' ? 4 : 8), 0);
  const view = new DataView(new ArrayBuffer(size));
  let offset = 0;
  for (const [kind, value] of parts) {
    if (kind === 'u8') view.setUint8(offset, value);
    else if (kind === 'u32') view.setUint32(offset, value, littleEndian);
    else view.setFloat64(offset, value, littleEndian);
    offset += kind === 'u8' ? 1 : kind === 'u32' ? 4 : 8;
  }
  return new Uint8Array(view.buffer);
}

describe('WKB decoding', () => {
  it('reads points in both byte orders, with Z dropped (ISO and EWKB flags)', () => {
    expect(decodeWkb(wkb(true, [['u8', 1], ['u32', 1], ['f64', 129.1], ['f64', 35.2]]))).toEqual({ geometry: { type: 'Point', coordinates: [129.1, 35.2] } });
    expect(decodeWkb(wkb(false, [['u8', 0], ['u32', 1], ['f64', 129.1], ['f64', 35.2]]))).toEqual({ geometry: { type: 'Point', coordinates: [129.1, 35.2] } });
    expect(decodeWkb(wkb(true, [['u8', 1], ['u32', 1001], ['f64', 1], ['f64', 2], ['f64', 3]]))).toEqual({ geometry: { type: 'Point', coordinates: [1, 2] } });
    expect(decodeWkb(wkb(true, [['u8', 1], ['u32', 0x80000001], ['f64', 1], ['f64', 2], ['f64', 3]]))).toEqual({ geometry: { type: 'Point', coordinates: [1, 2] } });
    expect(decodeWkb(wkb(true, [['u8', 1], ['u32', 1], ['f64', Number.NaN], ['f64', Number.NaN]]))).toEqual({ geometry: null });
  });

  it('reads a polygon with a hole and a multipolygon', () => {
    const ring = (points: number[][]): Array<['u32', number] | ['f64', number]> => [['u32', points.length], ...points.flatMap(([x, y]) => [['f64', x!], ['f64', y!]] as Array<['f64', number]>)];
    const outer = [[0, 0], [4, 0], [4, 4], [0, 0]];
    const hole = [[1, 1], [2, 1], [2, 2], [1, 1]];
    const polygon = wkb(true, [['u8', 1], ['u32', 3], ['u32', 2], ...ring(outer), ...ring(hole)]);
    expect(decodeWkb(polygon)).toEqual({ geometry: { type: 'Polygon', coordinates: [outer, hole] } });
    const multi = wkb(true, [['u8', 1], ['u32', 6], ['u32', 2], ['u8', 1], ['u32', 3], ['u32', 1], ...ring(outer), ['u8', 1], ['u32', 3], ['u32', 1], ...ring(hole)]);
    expect(decodeWkb(multi)).toEqual({ geometry: { type: 'MultiPolygon', coordinates: [[outer], [hole]] } });
  });

  it('refuses hostile bytes with a reason, never a crash', () => {
    expect(decodeWkb(wkb(true, [['u8', 1], ['u32', 2], ['u32', 0xffffffff]]))).toEqual({ invalid: 'the geometry bytes end early' });
    expect(decodeWkb(wkb(true, [['u8', 1], ['u32', 1], ['f64', 1]]))).toEqual({ invalid: 'the geometry bytes end early' });
    expect(decodeWkb(wkb(true, [['u8', 1], ['u32', 8], ['u32', 0]]))).toMatchObject({ invalid: expect.stringContaining('CONVERT_TO_LINEAR') });
    const nested: Array<['u8', number] | ['u32', number]> = [];
    for (let i = 0; i < 1000; i++) nested.push(['u8', 1], ['u32', 7], ['u32', 1]);
    expect(decodeWkb(wkb(true, nested))).toEqual({ invalid: `geometry collections nested more than ${geometryLimits.depth} deep` });
    const many = geometryLimits.vertices + 1;
    const line = new DataView(new ArrayBuffer(9 + many * 16));
    line.setUint8(0, 1);
    line.setUint32(1, 2, true);
    line.setUint32(5, many, true);
    expect(decodeWkb(new Uint8Array(line.buffer))).toMatchObject({ invalid: expect.stringContaining(`more than ${geometryLimits.vertices} positions`) });
  });
});
