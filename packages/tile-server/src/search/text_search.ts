/** One feature as the text search sees it: where it is and what it says. */
export interface SearchEntry {
  readonly layer: string;
  readonly id: number;
  readonly lon: number;
  readonly lat: number;
  readonly properties: Readonly<Record<string, string | number | boolean>>;
}

/** One hit: the entry, and how well it matched (0 best). */
export interface SearchHit {
  readonly entry: SearchEntry;
  readonly score: number;
}

/** The hits of one layer, best first, and how many matched in all before the limit. */
export interface SearchGroup {
  readonly layer: string;
  readonly total: number;
  readonly hits: readonly SearchHit[];
}

export interface SearchQuery {
  /** Only this layer; all layers when absent. */
  layer?: string;
  /** Most hits per layer. */
  limit: number;
  /** Entries to leave out (e.g. shelters that do not serve the chosen hazard). */
  keep?: (entry: SearchEntry) => boolean;
}

/**
 * Properties searched, in order of how much a match there counts: names (Korean, then the romanised forms agencies
 * publish as `name_en`, `name:en` or `name_eng`), then address-like keys.
 */
export const SEARCH_KEYS = ['name', 'name_en', 'name:en', 'name_eng', 'address', 'location', 'district'] as const;
const NAME_KEYS = 4;

/**
 * Folds case, width (NFKC), spacing and the punctuation people leave out or put in ("Haeundae-gu", "haeundae gu",
 * "해운대 구" and "해운대구" all become the same), so a query matches however it is spaced.
 */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u200b-\u200d\ufeff\-_.,·'’()/]+/g, '');
}

/**
 * A text index over every entry of a tile set: each entry's searchable fields normalised once, and an inverted index
 * from each character bigram (and each single character, for one-letter queries) to the entries containing it. A
 * query intersects the posting lists of its bigrams, rarest first, and checks only the survivors; it never scans
 * every entry.
 */
export class TextSearchIndex {
  readonly #entries: SearchEntry[] = [];
  /** Normalised value of each searchable key, per entry; undefined where the entry has no such key. */
  readonly #fields: Array<Array<string | undefined>> = [];
  readonly #postings = new Map<string, Uint32Array>();

  constructor(entries: Iterable<SearchEntry>) {
    const building = new Map<string, number[]>();
    for (const entry of entries) {
      const fields = SEARCH_KEYS.map((key) => {
        const value = entry.properties[key];
        return typeof value === 'string' && value.trim() !== '' ? normalizeForSearch(value) : undefined;
      });
      if (fields.every((f) => f === undefined)) continue;
      const index = this.#entries.length;
      this.#entries.push(entry);
      this.#fields.push(fields);
      for (const gram of gramsOf(fields.filter((f): f is string => f !== undefined).join('\u0000'))) {
        let list = building.get(gram);
        if (!list) building.set(gram, (list = []));
        // Grams of one entry arrive together, so a repeat is always the last element.
        if (list.at(-1) !== index) list.push(index);
      }
    }
    for (const [gram, list] of building) this.#postings.set(gram, Uint32Array.from(list));
  }

  /** Number of searchable entries. */
  get size(): number {
    return this.#entries.length;
  }

  /** Entries matching `text`, grouped by layer in first-seen order, each group best first and cut to `limit`. */
  search(text: string, query: SearchQuery): SearchGroup[] {
    const needle = normalizeForSearch(text);
    if (needle === '') return [];
    const candidates = this.#candidates(needle);
    const byLayer = new Map<string, SearchHit[]>();
    for (const index of candidates) {
      const entry = this.#entries[index]!;
      if (query.layer !== undefined && entry.layer !== query.layer) continue;
      const score = scoreOf(this.#fields[index]!, needle);
      if (score === undefined || (query.keep && !query.keep(entry))) continue;
      let hits = byLayer.get(entry.layer);
      if (!hits) byLayer.set(entry.layer, (hits = []));
      hits.push({ entry, score });
    }
    return [...byLayer].map(([layer, hits]) => ({
      layer,
      total: hits.length,
      hits: hits.sort((a, b) => a.score - b.score || a.entry.id - b.entry.id).slice(0, query.limit),
    }));
  }

  /** Entry numbers holding every gram of the needle: a superset of the matches. */
  #candidates(needle: string): Iterable<number> {
    const grams = [...gramsOf(needle)].filter((g) => needle.length === 1 || g.length === 2);
    const lists: Uint32Array[] = [];
    for (const gram of grams) {
      const list = this.#postings.get(gram);
      if (!list) return [];
      lists.push(list);
    }
    lists.sort((a, b) => a.length - b.length);
    let result: Uint32Array = lists[0] ?? new Uint32Array(0);
    for (const list of lists.slice(1)) {
      if (result.length === 0) break;
      result = intersect(result, list);
    }
    return result;
  }
}

/** Single characters and bigrams of a normalised text (field separators never start or end a gram). */
function* gramsOf(text: string): Generator<string> {
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\u0000') continue;
    yield c;
    const next = chars[i + 1];
    if (next !== undefined && next !== '\u0000') yield c + next;
  }
}

function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.min(a.length, b.length));
  let n = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      out[n++] = a[i]!;
      i++;
      j++;
    }
  }
  return out.subarray(0, n);
}

/** 0: a name starts with the needle; 1: a name contains it; 2+: another key contains it (by key order). */
function scoreOf(fields: ReadonlyArray<string | undefined>, needle: string): number | undefined {
  let best: number | undefined;
  fields.forEach((field, rank) => {
    if (field === undefined || best === 0) return;
    let score: number | undefined;
    if (rank < NAME_KEYS) score = field.startsWith(needle) ? 0 : field.includes(needle) ? 1 : undefined;
    else if (field.includes(needle)) score = 2 + rank - NAME_KEYS;
    if (score !== undefined && (best === undefined || score < best)) best = score;
  });
  return best;
}
