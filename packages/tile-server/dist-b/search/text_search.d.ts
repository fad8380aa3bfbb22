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
export declare const SEARCH_KEYS: readonly ["name", "name_en", "name:en", "name_eng", "address", "location", "district"];
/**
 * Folds case, width (NFKC), spacing and the punctuation people leave out or put in ("Haeundae-gu", "haeundae gu",
 * "해운대 구" and "해운대구" all become the same), so a query matches however it is spaced.
 */
export declare function normalizeForSearch(text: string): string;
/** Searchable keys that hold names (the first NAME_KEYS of SEARCH_KEYS); the rest hold places. */
export type SearchColumn = 'names' | 'places';
/**
 * The two texts a feature is indexed under, as tokens for the look-up file's full-text table: every character bigram
 * of each normalised field, and each field's last character alone, so that every character starts some token and a
 * one-character query is a prefix query. Tokens are the code points in fixed-width hex: no tokenizer can split or
 * fold them, whatever script or symbol the data holds. Undefined when the feature has nothing to search.
 */
export declare function searchTokens(properties: Readonly<Record<string, unknown>>): {
    names: string;
    places: string;
} | undefined;
/**
 * The full-text query that finds every feature whose field contains the normalised needle (and a few that only hold
 * all its bigrams apart): all of its bigram tokens, or for one character every token that starts with it.
 */
export declare function matchExpression(needle: string): string | undefined;
/**
 * Checks candidates against the needle itself and ranks them: grouped by layer in first-seen order, each group best
 * first and cut to `limit`, with the number of matches among the candidates.
 */
export declare function rankMatches(candidates: Iterable<SearchEntry>, needle: string, query: SearchQuery): SearchGroup[];
