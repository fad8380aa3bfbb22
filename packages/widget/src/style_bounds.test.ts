import { describe, expect, it } from 'vitest';
import { styleBounds } from './style_bounds.js';

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
