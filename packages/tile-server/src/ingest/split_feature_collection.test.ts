import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeatureCollectionSplitter } from './split_feature_collection.js';

function split(text: string, sizes: number[]): { features: unknown[]; top: unknown; head: string | undefined; incomplete: boolean } {
  const splitter = new FeatureCollectionSplitter();
  const features: unknown[] = [];
  let at = 0;
  let turn = 0;
  while (at < text.length) {
    const size = Math.max(1, sizes[turn % sizes.length] ?? 1);
    for (const piece of splitter.push(text.slice(at, at + size))) features.push(JSON.parse(piece));
    at += size;
    turn += 1;
  }
  return { features, top: JSON.parse(splitter.top), head: splitter.head, incomplete: splitter.incomplete };
}

// Strings that break naive splitters: quotes, backslashes, braces, brackets, colons and the word "features".
const nasty = fc.oneof(fc.string(), fc.constantFrom('"', '\\', '\\"', '{', '}', '[', ']', ':', ',', '"features":[', '대피소', '\\u0022'));
const property = fc.dictionary(fc.oneof(nasty, fc.constant('features')), fc.oneof(nasty, fc.integer(), fc.boolean(), fc.constant(null), fc.array(nasty, { maxLength: 3 })), { maxKeys: 4 });
const feature = fc.record({
  type: fc.constant('Feature'),
  properties: property,
  geometry: fc.record({ type: fc.constant('Point'), coordinates: fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true })) }),
});

describe('FeatureCollectionSplitter', () => {
  it('returns exactly the features JSON.parse sees, whatever the chunking and layout', () => {
    fc.assert(
      fc.property(
        fc.array(feature, { maxLength: 6 }),
        property,
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        (features, extra, pretty, sizes) => {
          const document = { type: 'FeatureCollection', name: extra, features, crs: { type: 'name', properties: { name: 'EPSG:5186' } } };
          const text = pretty ? JSON.stringify(document, null, 2) : JSON.stringify(document);
          const result = split(text, sizes);
          expect(result.features).toEqual(JSON.parse(JSON.stringify(features)));
          expect(result.top).toEqual({ ...JSON.parse(JSON.stringify(document)), features: [] });
          expect(result.incomplete).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('offers the text before the features array, so a leading crs member is known before any feature', () => {
    const splitter = new FeatureCollectionSplitter();
    splitter.push('{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:5174"}},"features":[{"type":"Fea');
    expect(JSON.parse(`${splitter.head}null}`).crs.properties.name).toBe('EPSG:5174');
  });

  it('reads a bare array of features', () => {
    const result = split('[{"type":"Feature","properties":{},"geometry":null}, {"a":[1,{"b":"}"}]}]', [3]);
    expect(result.features).toEqual([{ type: 'Feature', properties: {}, geometry: null }, { a: [1, { b: '}' }] }]);
    expect(result.top).toEqual([]);
  });

  it('notices a truncated document', () => {
    const splitter = new FeatureCollectionSplitter();
    splitter.push('{"type":"FeatureCollection","features":[{"type":"Feature"');
    expect(splitter.incomplete).toBe(true);
  });
});
