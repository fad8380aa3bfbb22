import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FeatureStore } from '../ingest/feature_store.js';
import { FeatureLookup } from '../lookup/feature_lookup.js';
import { writeLookups } from '../lookup/write_lookups.js';
import { matchExpression, normalizeForSearch, rankMatches, type SearchEntry, type SearchQuery } from './text_search.js';

const entry = (layer: string, id: number, properties: SearchEntry['properties']): SearchEntry => ({ layer, id, lon: 129 + id / 1000, lat: 35, properties });

const entries: SearchEntry[] = [
  entry('shelters', 0, { name: '해운대구청 지하주차장', address: '부산광역시 해운대구 중동2로 11', hazards: 'civil-defence' }),
  entry('shelters', 1, { name: '부산역 광장', name_en: 'Busan Station Plaza', address: '부산광역시 동구 중앙대로 206', hazards: 'earthquake' }),
  entry('shelters', 2, { name: '중앙초등학교', address: '부산광역시 중구 부산역로 3', hazards: 'tsunami,earthquake' }),
  entry('cctv', 0, { address: '부산광역시 해운대구 우동 1', purpose: '방범' }),
  entry('cctv', 1, { address: '부산광역시 중구 대청로 9' }),
  entry('routes', 0, { name: 'Haeundae-gu safe route', 'name:en': 'Haeundae-gu safe route' }),
  entry('cctv', 2, { purpose: '교통' }),
];

describe('normalizeForSearch', () => {
  it('folds case, width, spaces and joining punctuation', () => {
    expect(normalizeForSearch(' Haeundae-gu ')).toBe(normalizeForSearch('haeundae gu'));
    expect(normalizeForSearch('부산역 광장')).toBe('부산역광장');
    expect(normalizeForSearch('ＡＢＣ')).toBe('abc');
  });
});

/** The search as the server runs it: full-text candidates from a real look-up file, then checked and ranked. */
class LookupSearch {
  constructor(private readonly lookup: FeatureLookup) {}

  search(text: string, query: SearchQuery) {
    const needle = normalizeForSearch(text);
    const match = matchExpression(needle);
    if (!match) return [];
    const layers = query.layer ? [query.layer] : ['shelters', 'cctv', 'routes'];
    const candidates = layers.flatMap((layer) => (['names', 'places'] as const).flatMap((column) => this.lookup.textCandidates(match, column, layer, 5000)));
    return rankMatches(candidates, needle, query);
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'safemap-search-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lookupOf(list: readonly SearchEntry[]): FeatureLookup {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.sqlite`);
  const layers = [...new Set(list.map((e) => e.layer))].map((id) => ({
    id,
    store: FeatureStore.fromFeatures(list.filter((e) => e.layer === id).map((e) => ({ geometry: { type: 'Point' as const, coordinates: [e.lon, e.lat] }, properties: e.properties }))),
  }));
  writeLookups(file, layers);
  return FeatureLookup.open(file);
}

describe('text search over a look-up file', () => {
  const index = new LookupSearch(lookupOf(entries));

  it('finds nothing in entries with nothing to search', () => {
    expect(index.search('교통', { limit: 10 })).toEqual([]);
  });

  it('finds Korean names however they are spaced, grouped by layer, names before addresses', () => {
    const groups = index.search('부산 역', { limit: 10 });
    expect(groups.map((g) => g.layer)).toEqual(['shelters']);
    // A name starting with the query first, then an address containing it.
    expect(groups[0]!.hits.map((h) => h.entry.id)).toEqual([1, 2]);
  });

  it('finds romanised names in name_en and name:en, in any case and spacing', () => {
    expect(index.search('busan station', { limit: 10 })[0]!.hits[0]!.entry.id).toBe(1);
    const groups = index.search('HAEUNDAE GU', { limit: 10 });
    expect(groups.map((g) => [g.layer, g.total])).toEqual([['routes', 1]]);
  });

  it('matches addresses across layers and counts every match before the limit', () => {
    const groups = index.search('해운대구', { limit: 1 });
    const byLayer = Object.fromEntries(groups.map((g) => [g.layer, g]));
    expect(byLayer.shelters!.total).toBe(1);
    expect(byLayer.cctv!.total).toBe(1);
    expect(byLayer.cctv!.hits).toHaveLength(1);
    const two = index.search('중구', { limit: 1 });
    expect(two.find((g) => g.layer === 'cctv')!.total).toBe(1);
    expect(two.find((g) => g.layer === 'shelters')!.total).toBe(1);
    expect(two.find((g) => g.layer === 'shelters')!.hits).toHaveLength(1);
  });

  it('honours the layer and a keep filter', () => {
    expect(index.search('부산광역시', { limit: 10, layer: 'cctv' }).map((g) => g.layer)).toEqual(['cctv']);
    const tsunami = index.search('부산', { limit: 10, layer: 'shelters', keep: (e) => String(e.properties.hazards).split(',').includes('tsunami') });
    expect(tsunami[0]!.hits.map((h) => h.entry.id)).toEqual([2]);
  });

  it('answers one-character queries and finds nothing for absent text', () => {
    // "광역시" holds 역 too, so every shelter matches.
    expect(index.search('역', { limit: 10 })[0]!.total).toBe(3);
    expect(index.search('광', { limit: 10, layer: 'cctv' })[0]!.total).toBe(2);
    expect(index.search('서울', { limit: 10 })).toEqual([]);
    expect(index.search('  - ', { limit: 10 })).toEqual([]);
  });

  it('finds any script and symbol, and the last character of a field', () => {
    const odd = new LookupSearch(
      lookupOf([
        entry('shelters', 0, { name: '東京駅 #3 (避難所)', address: 'Café "Ü" & 1-2' }),
        entry('shelters', 1, { name: '𠀋 Extension B', address: '끝' }),
      ]),
    );
    for (const word of ['東京駅', '#3', '避難所', 'café', '"ü"', '&1', '𠀋', '끝', '所', '"', 'b']) {
      expect(odd.search(word, { limit: 10 }).flatMap((g) => g.hits.map((h) => h.entry.id)).length, word).toBeGreaterThan(0);
    }
  });

  it('agrees with a plain scan on many random queries', () => {
    const words = ['부산', '해운대', '중구', '역', 'station', '광장', '로 1', '2로', 'gu', '대청'];
    for (const word of words) {
      const needle = normalizeForSearch(word);
      const expected = entries.filter((e) => ['name', 'name_en', 'name:en', 'name_eng', 'address', 'location', 'district'].some((k) => typeof e.properties[k] === 'string' && normalizeForSearch(String(e.properties[k])).includes(needle)));
      const found = index.search(word, { limit: 100 }).flatMap((g) => g.hits.map((h) => h.entry));
      expect(new Set(found), word).toEqual(new Set(expected));
    }
  });
});
