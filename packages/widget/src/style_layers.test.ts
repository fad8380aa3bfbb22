import { expect, test } from 'vitest';
import { catalogLayerOf, styleLayerIds } from './style_layers.js';

const layers = [
  { id: 'background' },
  { id: 'shelters-halo', metadata: { 'safemap:layer': 'shelters' } },
  { id: 'shelters', metadata: { 'safemap:layer': 'shelters' } },
  { id: 'cctv', metadata: { 'safemap:layer': 'cctv', other: 1 } },
  { id: 'odd', metadata: { 'safemap:layer': 3 } },
  { id: 'null-meta', metadata: null },
];

test('catalogLayerOf reads the safemap:layer metadata', () => {
  expect(catalogLayerOf(layers[1]!)).toBe('shelters');
  expect(catalogLayerOf(layers[0]!)).toBeUndefined();
  expect(catalogLayerOf(layers[4]!)).toBeUndefined();
  expect(catalogLayerOf(layers[5]!)).toBeUndefined();
});

test('styleLayerIds finds every style layer of a catalogue layer', () => {
  expect(styleLayerIds(layers, 'shelters')).toEqual(['shelters-halo', 'shelters']);
  expect(styleLayerIds(layers, 'roads')).toEqual([]);
});

test('styleLayerIds without a layer id lists all SafeMap layers', () => {
  expect(styleLayerIds(layers)).toEqual(['shelters-halo', 'shelters', 'cctv']);
});
