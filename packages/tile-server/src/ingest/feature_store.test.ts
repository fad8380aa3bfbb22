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
