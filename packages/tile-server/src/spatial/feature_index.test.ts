import { describe, expect, it } from 'vitest';
import { FeatureIndex } from './feature_index.js';

const index = new FeatureIndex([
  {
    id: 'points',
    features: [
      { id: 0, geometry: { type: 'Point', coordinates: [129.03, 35.1] }, properties: { name: 'a' } },
      { id: 1, geometry: { type: 'Point', coordinates: [129.16, 35.16] }, properties: { name: 'b' } },
    ],
  },
  {
    id: 'lines',
    features: [{ id: 0, geometry: { type: 'LineString', coordinates: [[129.0, 35.0], [129.05, 35.12]] }, properties: {} }],
  },
]);

describe('FeatureIndex', () => {
  it('answers bbox queries per layer', () => {
    expect(index.search([129.02, 35.09, 129.04, 35.11]).map((hit) => `${hit.layer}:${hit.feature.id}`).sort()).toEqual(['lines:0', 'points:0']);
    expect(index.search([129.02, 35.09, 129.04, 35.11], { layer: 'points' })).toHaveLength(1);
    expect(index.search([0, 0, 1, 1])).toEqual([]);
  });

  it('tells whether anything of the given layers is in a box', () => {
    expect(index.intersects([129.15, 35.15, 129.17, 35.17])).toBe(true);
    expect(index.intersects([129.15, 35.15, 129.17, 35.17], new Set(['lines']))).toBe(false);
  });

  it('looks features up by layer and id, and knows its bounds', () => {
    expect(index.get('points', 1)?.properties).toEqual({ name: 'b' });
    expect(index.get('points', 7)).toBeUndefined();
    expect(index.get('__proto__', 0)).toBeUndefined();
    expect(index.bounds()).toEqual([129.0, 35.0, 129.16, 35.16]);
  });
});
