import { describe, expect, it } from 'vitest';
import { paddedRegion, styleBounds } from './style_bounds.js';

describe('styleBounds', () => {
  it('reads the declared region', () => {
    expect(styleBounds({ 'safemap:bounds': [128.7, 34.85, 129.35, 35.45] })).toEqual([128.7, 34.85, 129.35, 35.45]);
  });

  it.each([undefined, null, 'x', {}, { 'safemap:bounds': [1, 2, 3] }, { 'safemap:bounds': [1, 2, 0, 3] }, { 'safemap:bounds': ['1', 2, 3, 4] }, { 'safemap:bounds': [0, 0, Infinity, 1] }])(
    'ignores %j',
    (metadata) => {
      expect(styleBounds(metadata)).toBeUndefined();
    },
  );
});

describe('paddedRegion', () => {
  it('widens every side', () => {
    const padded = paddedRegion([128.7, 34.85, 129.35, 35.45], 8);
    [120.7, 26.85, 137.35, 43.45].forEach((value, i) => expect(padded[i]).toBeCloseTo(value, 9));
  });

  it('stays within the longitudes and the latitudes a web map shows', () => {
    expect(paddedRegion([-179, -84, 179, 84], 8)).toEqual([-180, -85, 180, 85]);
  });
});
