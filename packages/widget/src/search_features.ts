import type { PlaceFeature } from './place_feature.js';

/** Properties a resident may search by, in order of how much a match there counts. */
export const SEARCH_KEYS = ['name', 'address', 'location', 'district'] as const;

/** Folds case, width (NFKC) and spacing, so "부산역 광장" finds "부산역광장" and "ＡＢＣ" finds "abc". */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\u200b-\u200d\ufeff]+/g, '');
}

/**
 * Features whose name, address, location or district contains the query, best first: a name that starts
 * with the query, then a name that contains it, then the other keys; ties keep the input order.
 */
export function searchFeatures(features: readonly PlaceFeature[], query: string, limit = 10): PlaceFeature[] {
  const needle = normalizeForSearch(query);
  if (needle === '') return [];
  const scored: Array<{ feature: PlaceFeature; score: number; index: number }> = [];
  features.forEach((feature, index) => {
    const score = matchScore(feature, needle);
    if (score !== undefined) scored.push({ feature, score, index });
  });
  return scored
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .slice(0, limit)
    .map((hit) => hit.feature);
}

function matchScore(feature: PlaceFeature, needle: string): number | undefined {
  for (const [rank, key] of SEARCH_KEYS.entries()) {
    const value = feature.properties[key];
    if (typeof value !== 'string') continue;
    const haystack = normalizeForSearch(value);
    if (rank === 0 && haystack.startsWith(needle)) return 0;
    if (haystack.includes(needle)) return rank + 1;
  }
  return undefined;
}
