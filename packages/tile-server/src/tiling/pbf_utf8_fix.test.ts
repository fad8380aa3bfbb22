import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { TileCutter } from './tile_cutter.js';

describe('string encoding in tiles', () => {
  it('keeps characters beyond U+1FFFF intact (CJK Extension B Hanja, emoji, Hangul)', () => {
    const name = '𠜎 金𪚥 😀 부산 ﬁ';
    const cutter = new TileCutter([{ id: 'l', minzoom: 0, maxzoom: 0, features: [{ id: 0, geometry: { type: 'Point', coordinates: [0.1, 0.1] }, properties: { name } }] }], 0);
    const bytes = cutter.cut({ z: 0, x: 0, y: 0 })!;
    const decoded = new VectorTile(new PbfReader(bytes)).layers.l!.feature(0).properties.name;
    expect(decoded).toBe(name);
    expect(Buffer.from(bytes).includes(Buffer.from('𠜎'))).toBe(true);
  });
});
