import { describe, expect, it } from 'vitest';
import { FeatureStore } from './feature_store.js';

/** Enough distinct values that unique columns leave dictionary mode, so every column mode is exercised. */
const COUNT = 90_000;

function sampleStore(): FeatureStore {
  const store = new FeatureStore('feature');
  for (let i = 0; i < COUNT; i++) {
    const shape = i % 1000 === 7 ? { type: 'LineString' as const, coordinates: [[i, -i], [i + 1, -i]] } : undefined;
    const properties: Record<string, string | number> = { id: `CCTV-${i}-주소`, kind: ['교통', '방범', '재난'][i % 3]!, n: i * 1.5 };
    if (i % 5 === 0) delete properties.id;
    store.append(i, -i, shape, properties, i);
    store.setLine(i, i + 2);
  }
  return store;
}

describe('PropertyColumn', () => {
  it('keeps every feature its own text when a unique column leaves dictionary mode after a feature without a value', () => {
    const store = sampleStore();
    const wrong = Array.from({ length: COUNT }, (_, index) => index).filter((index) => store.properties(index).id !== (index % 5 === 0 ? undefined : `CCTV-${index}-주소`));
    expect(wrong).toEqual([]);
  });

  it('keeps every value when text outgrows its first chunk (4 MB) and more chunks are sealed', () => {
    const store = new FeatureStore('feature');
    const valueOf = (index: number) => `부산광역시 해운대구 센텀로 ${index}`;
    const count = 700_000;
    for (let i = 0; i < count; i++) store.append(i, i, undefined, { address: valueOf(i) }, i);
    const all = Array.from({ length: count }, (_, index) => index);
    expect(all.filter((index) => store.properties(index).address !== valueOf(index))).toEqual([]);
    const kept = all.filter((index) => index % 3 === 0);
    store.keepOnly((index) => index % 3 === 0);
    expect(kept.filter((original, index) => store.properties(index).address !== valueOf(original))).toEqual([]);
  });

  it('keeps values whole once a column has 65,535 prefixes, and every value reads back', () => {
    const store = new FeatureStore('feature');
    const valueOf = (index: number) => (index % 10 === 9 ? `${index}` : `road ${index} no. ${index % 7}`);
    const count = 80_000;
    for (let i = 0; i < count; i++) store.append(i, i, undefined, { address: valueOf(i) }, i);
    const all = Array.from({ length: count }, (_, index) => index);
    expect(all.filter((index) => store.properties(index).address !== valueOf(index))).toEqual([]);
  });

  it('widens dictionary ids past 255 and 65,535 values and keeps every value', () => {
    const store = new FeatureStore('line');
    // Mixed numbers and text stay a dictionary however many values there are.
    const valueOf = (index: number) => (index % 2 === 0 ? index : `v${index}`);
    for (let i = 0; i < 70_000; i++) store.append(i, i, undefined, { mixed: valueOf(i) }, i + 1);
    const column = store.columns.get('mixed')!;
    expect(column.mode).toBe('dictionary');
    expect(column.ids).toBeInstanceOf(Uint32Array);
    const wrong = Array.from({ length: 70_000 }, (_, index) => index).filter((index) => store.properties(index).mixed !== valueOf(index));
    expect(wrong).toEqual([]);
  });

  it('keeps a column of few values in one byte per feature', () => {
    const store = sampleStore();
    expect(store.columns.get('kind')!.ids).toBeInstanceOf(Uint8Array);
  });
});

describe('FeatureStore.keepOnly', () => {
  it('keeps the accepted features in order, with every column mode, shape and line moved with them', () => {
    const store = sampleStore();
    expect(Object.fromEntries([...store.columns.values()].map((column) => [column.name, column.mode]))).toEqual({
      id: 'text',
      kind: 'dictionary',
      n: 'number',
    });
    const keep = (index: number) => index % 3 !== 1;
    const expected = Array.from({ length: COUNT }, (_, index) => index)
      .filter(keep)
      .map((index) => ({ geometry: store.geometry(index), properties: store.properties(index), origin: store.origin[index], line: store.lines![index] }));

    const kept = store.keepOnly(keep);

    expect(kept).toBe(store);
    expect(kept.length).toBe(expected.length);
    const actual = expected.map((_, index) => ({ geometry: kept.geometry(index), properties: kept.properties(index), origin: kept.origin[index], line: kept.lines![index] }));
    expect(actual).toEqual(expected);
    expect(kept.shapes.size).toBe(expected.filter((feature) => feature.geometry.type === 'LineString').length);
  });

  it('leaves a store whose every feature is kept untouched', () => {
    const store = sampleStore();
    const before = store.properties(COUNT - 1);
    expect(store.keepOnly(() => true).length).toBe(COUNT);
    expect(store.properties(COUNT - 1)).toEqual(before);
  });
});

describe('FeatureStore.merge', () => {
  /** A part of `count` features from feature `first` on, its `id` text unique (text mode) unless `few` is set. */
  function part(first: number, count: number, few = false): FeatureStore {
    const store = new FeatureStore('feature');
    for (let i = first; i < first + count; i++) store.append(i, i, undefined, i % 7 === 0 ? {} : { id: few ? `kind ${i % 3}` : `id ${i} 주소` }, i);
    return store;
  }
  const expectedId = (index: number, fewFrom = Infinity) => (index % 7 === 0 ? undefined : index >= fewFrom ? `kind ${index % 3}` : `id ${index} 주소`);

  it('joins parts whose prefixes differ and pass 65,535 together, keeping every value', () => {
    const parts = [0, 1].map((p) => {
      const store = new FeatureStore('feature');
      for (let i = 0; i < 40_000; i++) store.append(i, i, undefined, { address: `part ${p} road ${i} 7` }, p * 40_000 + i);
      return store.toParts();
    });
    const merged = FeatureStore.merge(parts, 'feature');
    const wrong = Array.from({ length: 80_000 }, (_, index) => index).filter((index) => merged.properties(index).address !== `part ${Math.floor(index / 40_000)} road ${index % 40_000} 7`);
    expect(wrong).toEqual([]);
    merged.keepOnly((index) => index % 2 === 0);
    expect(Array.from({ length: 40_000 }, (_, index) => index * 2).filter((original, index) => merged.properties(index).address !== `part ${Math.floor(original / 40_000)} road ${original % 40_000} 7`)).toEqual([]);
  });

  it('joins text parts kept as chunks, and keeps every value through keepOnly and toParts', () => {
    const merged = FeatureStore.merge([part(0, 70_000).toParts(), part(70_000, 70_000).toParts(), part(140_000, 100, true).toParts()], 'feature');
    const all = Array.from({ length: merged.length }, (_, index) => index);
    expect(all.filter((index) => merged.properties(index).id !== expectedId(index, 140_000))).toEqual([]);

    const keep = (index: number) => index % 4 !== 3 && !(index >= 60_000 && index < 75_000);
    const kept = all.filter(keep);
    merged.keepOnly(keep);
    expect(merged.length).toBe(kept.length);
    expect(kept.filter((original, index) => merged.properties(index).id !== expectedId(original, 140_000))).toEqual([]);

    const again = FeatureStore.merge([merged.toParts()], 'feature');
    expect(kept.filter((original, index) => again.properties(index).id !== expectedId(original, 140_000))).toEqual([]);
  });
});
